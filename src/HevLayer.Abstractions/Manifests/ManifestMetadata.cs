using System;
using System.Collections.Generic;

namespace HevLayer.Manifests;

/// <summary><c>metadata</c> of a generated manifest.</summary>
public sealed class ManifestMetadata
{
    /// <summary>Creates the metadata. Called by generated code.</summary>
    public ManifestMetadata(string name, string @namespace, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Namespace = @namespace ?? throw new ArgumentNullException(nameof(@namespace));
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        Annotations = annotations ?? throw new ArgumentNullException(nameof(annotations));
    }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; }

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get; }

    /// <summary><c>metadata.labels</c>, including the generator's <c>app.kubernetes.io/managed-by</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary><c>metadata.annotations</c>.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }
}

using System;

namespace HevLayer.Manifests;

/// <summary>
/// A generated Layer workload manifest (a <c>Pipeline</c> or a <c>Function</c>), as typed values. Each
/// workload class gets a static <c>Manifest</c> property returning one of these. The YAML itself is not in
/// the assembly: <c>dotnet build</c> writes it to the manifests folder (<see cref="FileName"/>).
/// </summary>
public abstract class WorkloadManifest
{
    /// <summary>The API version of every Layer workload.</summary>
    public const string LayerApiVersion = "hevlayer.com/v1alpha1";

    /// <summary>Creates the manifest. Called by generated code.</summary>
    protected WorkloadManifest(string kind, ManifestMetadata metadata, string sourceType, string fileName)
    {
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        SourceType = sourceType ?? throw new ArgumentNullException(nameof(sourceType));
        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
    }

    /// <summary><c>apiVersion</c>: always <c>hevlayer.com/v1alpha1</c>.</summary>
    public string ApiVersion => LayerApiVersion;

    /// <summary><c>kind</c>: <c>Pipeline</c> or <c>Function</c>.</summary>
    public string Kind { get; }

    /// <summary><c>metadata</c>.</summary>
    public ManifestMetadata Metadata { get; }

    /// <summary>The scaling block every workload carries (<c>spec.scaling</c>).</summary>
    public abstract ScalingSpec Scaling { get; }

    /// <summary>The fully qualified name of the C# type the manifest was generated from.</summary>
    public string SourceType { get; }

    /// <summary>The file name the build writes this manifest to, inside the manifests folder.</summary>
    public string FileName { get; }

    /// <inheritdoc />
    public override string ToString() => Kind + "/" + Metadata.Namespace + "/" + Metadata.Name;
}

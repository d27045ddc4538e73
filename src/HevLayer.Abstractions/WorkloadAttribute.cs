using System;

namespace HevLayer;

/// <summary>What <see cref="PipelineAttribute"/> and <see cref="FunctionAttribute"/> have in common.</summary>
public abstract class WorkloadAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The resource name (<c>metadata.name</c>): a lowercase RFC 1123 label.</param>
    protected WorkloadAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The resource name (<c>metadata.name</c>): lowercase letters, digits and '-', at most 63 characters.</summary>
    public string Name { get; }

    /// <summary>
    /// The Kubernetes namespace (<c>metadata.namespace</c>). When not set: the <c>HevLayerNamespace</c> MSBuild
    /// property, then <see cref="HevLayerDefaultsAttribute.Namespace"/>, then <c>default</c>.
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary><c>spec.paused</c>: a paused workload is scaled to 0 whatever its scaling mode.</summary>
    public bool Paused { get; set; }
}

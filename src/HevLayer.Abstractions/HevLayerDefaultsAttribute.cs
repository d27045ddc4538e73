using System;

namespace HevLayer;

/// <summary>
/// Defaults for every workload in the assembly:
/// <c>[assembly: HevLayerDefaults(Namespace = "search", Image = "ghcr.io/acme/workers:1.4.2")]</c>.
/// A workload's own attribute wins over the MSBuild properties <c>HevLayerNamespace</c> and
/// <c>HevLayerImage</c>, which win over these defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class HevLayerDefaultsAttribute : Attribute
{
    /// <summary>The namespace of workloads that do not set one.</summary>
    public string? Namespace { get; set; }

    /// <summary>The worker image of workloads that do not set one.</summary>
    public string? Image { get; set; }
}

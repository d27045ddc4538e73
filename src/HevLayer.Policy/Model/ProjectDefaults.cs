namespace HevLayer.Policy.Model;

/// <summary>
/// Project-wide defaults. Precedence, highest first: the workload's own attribute, the MSBuild
/// properties (<c>HevLayerNamespace</c>, <c>HevLayerImage</c>), <c>[assembly: HevLayerDefaults]</c>,
/// and finally the namespace <c>default</c>.
/// </summary>
public sealed record ProjectDefaults(string? Namespace, string? Image)
{
    /// <summary>The namespace Kubernetes itself falls back to.</summary>
    public const string FallbackNamespace = "default";

    /// <summary>No defaults.</summary>
    public static ProjectDefaults None { get; } = new(null, null);

    /// <summary>The namespace a workload without its own gets.</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(Namespace) ? FallbackNamespace : Namespace!;

    /// <summary>Combines the MSBuild properties (which win) with the assembly attribute.</summary>
    public static ProjectDefaults Merge(ProjectDefaults msbuild, ProjectDefaults assembly) => new(
        string.IsNullOrEmpty(msbuild.Namespace) ? assembly.Namespace : msbuild.Namespace,
        string.IsNullOrEmpty(msbuild.Image) ? assembly.Image : msbuild.Image);
}

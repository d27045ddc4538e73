namespace HevLayer.Policy.Model;

/// <summary>
/// Project-wide defaults. Precedence, highest first: the workload's own attribute, the MSBuild
/// properties (<c>HevLayerNamespace</c>, <c>HevLayerImage</c>), <c>[assembly: HevLayerDefaults]</c>,
/// then, for the image, the one the SDK's container publish builds (<see cref="ContainerImage"/>),
/// and finally the namespace <c>default</c>.
/// </summary>
/// <param name="Namespace">The default namespace.</param>
/// <param name="Image">The image named through HevLayer's own means (HevLayerImage, then the assembly attribute).</param>
/// <param name="ContainerImage">The image composed from the SDK's container properties, below <paramref name="Image"/>.</param>
public sealed record ProjectDefaults(string? Namespace, string? Image, string? ContainerImage = null)
{
    /// <summary>The namespace Kubernetes itself falls back to.</summary>
    public const string FallbackNamespace = "default";

    /// <summary>No defaults.</summary>
    public static ProjectDefaults None { get; } = new(null, null);

    /// <summary>The namespace a workload without its own gets.</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(Namespace) ? FallbackNamespace : Namespace!;

    /// <summary>The image a workload without its own gets: <see cref="Image"/>, else <see cref="ContainerImage"/>.</summary>
    public string? EffectiveImage => string.IsNullOrEmpty(Image) ? ContainerImage : Image;

    /// <summary>True when <see cref="EffectiveImage"/> is the one composed from the container properties.</summary>
    public bool ImageFromContainerProperties => string.IsNullOrEmpty(Image) && !string.IsNullOrEmpty(ContainerImage);

    /// <summary>Combines the MSBuild properties (which win) with the assembly attribute; the container image stays below both.</summary>
    public static ProjectDefaults Merge(ProjectDefaults msbuild, ProjectDefaults assembly) => new(
        string.IsNullOrEmpty(msbuild.Namespace) ? assembly.Namespace : msbuild.Namespace,
        string.IsNullOrEmpty(msbuild.Image) ? assembly.Image : msbuild.Image,
        string.IsNullOrEmpty(msbuild.ContainerImage) ? assembly.ContainerImage : msbuild.ContainerImage);
}

using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Parsing;

/// <summary>The MSBuild properties the generator and analyzers read (made visible by the package's props).</summary>
public static class BuildProperties
{
    /// <summary><c>HevLayerNamespace</c>.</summary>
    public const string Namespace = "HevLayerNamespace";

    /// <summary><c>HevLayerImage</c>.</summary>
    public const string Image = "HevLayerImage";

    /// <summary><c>ContainerRegistry</c>, the SDK's container publish: where the image is pushed (empty: the local container runtime).</summary>
    public const string ContainerRegistry = "ContainerRegistry";

    /// <summary><c>ContainerRepository</c>, the SDK's container publish: the image's repository.</summary>
    public const string ContainerRepository = "ContainerRepository";

    /// <summary><c>ContainerImageTag</c>, the SDK's container publish: one tag.</summary>
    public const string ContainerImageTag = "ContainerImageTag";

    /// <summary><c>ContainerImageTags</c>, the SDK's container publish: ';'-separated tags, which win over <see cref="ContainerImageTag"/>.</summary>
    public const string ContainerImageTags = "ContainerImageTags";

    /// <summary>
    /// <c>HevLayerHostsWorkloads</c>: true when the project deploys the workloads whose code it hosts, those of the
    /// projects and packages it references too (the targets default it to true for an executable, false for a
    /// library). Absent (no MSBuild: tests, <c>hevlayer watch</c>) counts as true, today's one-project behaviour.
    /// </summary>
    public const string HostsWorkloads = "HevLayerHostsWorkloads";

    /// <summary><c>MSBuildProjectFullPath</c>: where a finding about the project as a whole is located.</summary>
    public const string ProjectPath = "MSBuildProjectFullPath";

    /// <summary>Every property read through <c>build_property.*</c>; the props file must list each as a CompilerVisibleProperty.</summary>
    public static readonly string[] All = { Namespace, Image, DeploymentEnvironments.TableProperty, DeploymentEnvironments.SelectionProperty, ContainerRegistry, ContainerRepository, ContainerImageTag, ContainerImageTags, HostsWorkloads, ProjectPath };

    /// <summary>The environments the project declares (<see cref="DeploymentEnvironments"/>); empty for a project that declares none.</summary>
    public static EquatableArray<DeploymentEnvironment> ReadEnvironments(AnalyzerConfigOptions global) =>
        DeploymentEnvironments.Parse(Read(global, DeploymentEnvironments.TableProperty), Read(global, DeploymentEnvironments.SelectionProperty));

    /// <summary>The project defaults the MSBuild properties set, the image the container publish would push included.</summary>
    public static ProjectDefaults ReadDefaults(AnalyzerConfigOptions global) =>
        new(
            Read(global, Namespace),
            Read(global, Image),
            ContainerImage.Compose(Read(global, ContainerRegistry), Read(global, ContainerRepository), Read(global, ContainerImageTag), Read(global, ContainerImageTags)));

    /// <summary>True unless <c>HevLayerHostsWorkloads</c> is false: see <see cref="HostsWorkloads"/>.</summary>
    public static bool ReadHostsWorkloads(AnalyzerConfigOptions global) =>
        !string.Equals(Read(global, HostsWorkloads), "false", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>The project file, or null outside MSBuild.</summary>
    public static string? ReadProjectPath(AnalyzerConfigOptions global) => Read(global, ProjectPath);

    private static string? Read(AnalyzerConfigOptions global, string name) =>
        global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

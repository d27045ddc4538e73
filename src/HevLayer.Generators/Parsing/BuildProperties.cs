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

    /// <summary>Every property read through <c>build_property.*</c>; the props file must list each as a CompilerVisibleProperty.</summary>
    public static readonly string[] All = { Namespace, Image, DeploymentEnvironments.TableProperty, DeploymentEnvironments.SelectionProperty };

    /// <summary>The environments the project declares (<see cref="DeploymentEnvironments"/>); empty for a project that declares none.</summary>
    public static EquatableArray<DeploymentEnvironment> ReadEnvironments(AnalyzerConfigOptions global) =>
        DeploymentEnvironments.Parse(Read(global, DeploymentEnvironments.TableProperty), Read(global, DeploymentEnvironments.SelectionProperty));

    /// <summary>The project defaults the MSBuild properties set.</summary>
    public static ProjectDefaults ReadDefaults(AnalyzerConfigOptions global) =>
        new(Read(global, Namespace), Read(global, Image));

    private static string? Read(AnalyzerConfigOptions global, string name) =>
        global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace HevLayer.Policy.Model;

/// <summary>
/// One cluster the project deploys to: a <c>&lt;HevLayerEnvironment Include="prod" InfraRules="..." /&gt;</c> item of
/// the project file. Each environment gets its own manifests folder, checked against its own InfraRules.
/// </summary>
/// <param name="Name">The environment's name, a DNS label (it names a folder).</param>
/// <param name="Namespace">The namespace of workloads that set none, in this environment (item metadata <c>Namespace</c>); null for the project's.</param>
/// <param name="Image">The worker image of workloads that set none, in this environment (item metadata <c>Image</c>); null for the project's.</param>
/// <param name="InfraRules">The full path of the environment's InfraRules file (a cluster environment's: its snapshot under obj/); null when none is named (HEVL312).</param>
/// <param name="Selected">False when <c>HevLayerEnvironments</c> leaves the environment out of this build: it is known (overrides may name it) but neither checked nor written.</param>
public sealed record DeploymentEnvironment(string Name, string? Namespace, string? Image, string? InfraRules = null, bool Selected = true)
{
    /// <summary>The project defaults in this environment: its own namespace and image above the project's.</summary>
    public ProjectDefaults Defaults(ProjectDefaults project) => new(
        string.IsNullOrEmpty(Namespace) ? project.Namespace : Namespace,
        string.IsNullOrEmpty(Image) ? project.Image : Image);
}

/// <summary>
/// The project's environments as the build hands them to the compiler: the MSBuild property
/// <c>HevLayerEnvironmentTable</c> (made from the <c>HevLayerEnvironment</c> items by the package's targets), one
/// environment per <c>,</c>-separated entry, <c>name|namespace|image|infrarules</c>, the path URI-escaped (the
/// compiler reads the property from an .editorconfig file, where <c>;</c> and <c>#</c> start a comment), and the selection of this build,
/// <c>HevLayerEnvironments</c> (names, <c>,</c>- or <c>;</c>-separated; empty selects all). Neither a DNS label, a
/// namespace nor an image reference can hold <c>|</c> or <c>;</c>, nor can an MSBuild item's path; the targets
/// reject a name that is no DNS label before compile (HEVL310).
/// </summary>
public static class DeploymentEnvironments
{
    /// <summary>The MSBuild property (read as <c>build_property.HevLayerEnvironmentTable</c>).</summary>
    public const string TableProperty = "HevLayerEnvironmentTable";

    /// <summary>The MSBuild property that restricts a build to some environments.</summary>
    public const string SelectionProperty = "HevLayerEnvironments";

    /// <summary>The names <paramref name="selection"/> lists (<c>,</c>- or <c>;</c>-separated, trimmed), in its order.</summary>
    public static IReadOnlyList<string> Names(string? selection)
    {
        var names = new List<string>();
        foreach (var name in (selection ?? string.Empty).Split(',', ';'))
        {
            if (name.Trim().Length > 0 && !names.Contains(name.Trim()))
            {
                names.Add(name.Trim());
            }
        }

        return names;
    }

    /// <summary>The environments of <paramref name="table"/>, in declaration order, each name once (the first declaration wins; the targets report the repeat), selected by <paramref name="selection"/>.</summary>
    public static EquatableArray<DeploymentEnvironment> Parse(string? table, string? selection = null)
    {
        var selected = Names(selection);
        if (string.IsNullOrWhiteSpace(table))
        {
            return EquatableArray<DeploymentEnvironment>.Empty;
        }

        var result = new List<DeploymentEnvironment>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in table!.Split(','))
        {
            var parts = entry.Split('|');
            var name = parts[0].Trim();
            if (name.Length == 0 || !seen.Add(name))
            {
                continue;
            }

            result.Add(new DeploymentEnvironment(
                name,
                Column(parts, 1),
                Column(parts, 2),
                Column(parts, 3) is { } path ? Uri.UnescapeDataString(path) : null,
                selected.Count == 0 || selected.Contains(name)));
        }

        return new EquatableArray<DeploymentEnvironment>(result.ToArray());
    }

    /// <summary>
    /// The table <see cref="Parse"/> reads (the targets write it with an item transform; tests and the tool use this).
    /// Without <paramref name="withInfraRules"/>, the InfraRules paths are left out: the generated assembly records
    /// the table, and must be the same bytes on every machine.
    /// </summary>
    public static string Format(IEnumerable<DeploymentEnvironment> environments, bool withInfraRules = true)
    {
        var entries = new List<string>();
        foreach (var e in environments)
        {
            entries.Add(e.Name + "|" + e.Namespace + "|" + e.Image + (withInfraRules ? "|" + Uri.EscapeDataString(e.InfraRules ?? string.Empty) : string.Empty));
        }

        return string.Join(",", entries);
    }

    private static string? Column(string[] parts, int index) =>
        parts.Length > index && parts[index].Trim().Length > 0 ? parts[index].Trim() : null;
}

/// <summary>A workload as one environment sees it: the shared attributes with that environment's overrides on top (defaults not applied).</summary>
/// <param name="Environment">The environment's name, as the overrides spell it.</param>
/// <param name="Workload">The composed workload.</param>
public sealed record EnvironmentOverride(string Environment, WorkloadModel Workload);

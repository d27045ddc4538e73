using System.Collections.Generic;
using System.Linq;
using HevLayer.Generators.Hosting;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// The workload analyzer's view of what an application hosts from its references (<see cref="HostedWorkloads"/>):
/// they count for duplicates (HEVL103) with the application's own workloads and hand-written manifests, and one
/// that still has no image once the application's defaults are applied is HEVL110. Neither has a line in the
/// application's sources, so both are located at the project file (<c>MSBuildProjectFullPath</c>).
/// </summary>
internal static class HostedWorkloadChecks
{
    /// <summary>The referenced workloads the application hosts, resolved with <paramref name="defaults"/>.</summary>
    public static EquatableArray<HostedWorkload> Read(Compilation compilation, ProjectDefaults defaults) =>
        HostedWorkloads.Resolve(compilation.References.SelectMany(static r => ReferencedWorkloads.Read(r)), defaults);

    /// <summary>The project file as a location (its first line), or <see cref="Location.None"/> outside MSBuild.</summary>
    public static Location ProjectFile(string? projectPath) =>
        string.IsNullOrEmpty(projectPath) ? Location.None : Location.Create(projectPath!, default(TextSpan), default(LinePositionSpan));

    /// <summary>HEVL110 for each hosted workload that neither its library nor the application gives an image.</summary>
    public static IEnumerable<Diagnostic> MissingImages(IEnumerable<HostedWorkload> hosted, Location project)
    {
        foreach (var workload in hosted.Where(w => w.Packed is null))
        {
            var finding = MissingImage.Instance.At(
                WorkloadTarget.Workload,
                ("kind", workload.Kind + " of " + workload.Describe + ", which this application hosts,"),
                ("name", workload.Name));
            yield return DiagnosticFactory.Create(finding, project);
        }
    }

    /// <summary>
    /// HEVL103 for one group of declarations of the same kind, namespace and name. Each declaration in the
    /// application's own code (or a hand-written manifest) is reported where it is, naming another; when every
    /// declaration comes from a reference, one diagnostic at the project file names the classes and assemblies.
    /// </summary>
    public static IEnumerable<Diagnostic> Duplicates(IReadOnlyList<(string Kind, string Namespace, string Name, string Type, Location Location, bool Hosted)> group, Location project)
    {
        var own = group.Where(d => !d.Hosted).ToList();
        if (own.Count == 0)
        {
            var first = group[0];
            var others = string.Join(" and ", group.Skip(1).Select(d => d.Type));
            yield return Create(first.Kind, first.Namespace, first.Name, first.Type, others + ", assemblies this application references and hosts", project);
            yield break;
        }

        foreach (var item in own)
        {
            var other = group.First(o => o.Type != item.Type || !ReferenceEquals(o.Location, item.Location));
            yield return Create(item.Kind, item.Namespace, item.Name, item.Type, other.Type, item.Location);
        }
    }

    private static Diagnostic Create(string kind, string ns, string name, string type, string other, Location location) =>
        DiagnosticFactory.Create(
            CrossWorkloadRules.DuplicateWorkload.At(WorkloadTarget.Workload, ("kind", kind), ("name", name), ("namespace", ns), ("type", type), ("other", other)),
            location);
}

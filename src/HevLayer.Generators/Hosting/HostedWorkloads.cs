using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;

namespace HevLayer.Generators.Hosting;

/// <summary>
/// A workload of a referenced assembly as the application hosting it deploys it.
/// </summary>
/// <param name="Assembly">The referenced assembly that declares it.</param>
/// <param name="SourceType">The declaring class in that assembly.</param>
/// <param name="Kind"><c>Pipeline</c> or <c>Function</c>.</param>
/// <param name="Namespace">The namespace it is deployed to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Packed">Its facts resolved with the application's defaults, or null when it still has no image (HEVL110).</param>
internal sealed record HostedWorkload(string Assembly, string SourceType, string Kind, string Namespace, string Name, string? Packed)
{
    /// <summary>How a finding names it: the class and the assembly.</summary>
    public string Describe => SourceType + " (assembly " + Assembly + ")";
}

/// <summary>
/// What an application hosts from the projects and packages it references: every workload they declare,
/// with what each library left to its host (<see cref="FactSlot.Defaulted"/>: an image or namespace that came from
/// the library's defaults, or from nowhere, not from the workload's own attributes) taken from the application's defaults.
/// The generator emits them into the application (so its build writes their manifests and its
/// <c>HevLayerWorkloads.All</c> lists them), and the analyzer counts them for HEVL103 and HEVL110.
/// </summary>
internal static class HostedWorkloads
{
    /// <summary>
    /// The hosted workloads of <paramref name="referenced"/>, in ordinal order of class, then assembly; a facts
    /// string this version cannot read is skipped (the build task of the library reported it).
    /// </summary>
    public static EquatableArray<HostedWorkload> Resolve(IEnumerable<ReferencedWorkload> referenced, ProjectDefaults host)
    {
        var result = new List<HostedWorkload>();
        foreach (var workload in referenced)
        {
            WorkloadFacts facts;
            try
            {
                facts = WorkloadFacts.Unpack(workload.Packed);
            }
            catch (FormatException)
            {
                continue;
            }

            facts.SourceType = workload.SourceType;
            var kind = facts.Function ? "Function" : "Pipeline";
            var model = facts.ToHostedModel(host);
            if (model is null)
            {
                result.Add(new HostedWorkload(workload.Assembly, workload.SourceType, kind, facts.Namespace, facts.Name, null));
                continue;
            }

            // What was defaulted stays marked, so that the application's environments lay their namespace and image over it too.
            var hosted = WorkloadFacts.From(model);
            hosted.Set(FactSlot.Defaulted, facts.Number(FactSlot.Defaulted));
            result.Add(new HostedWorkload(workload.Assembly, workload.SourceType, kind, model.Namespace!, model.Name, hosted.Pack()));
        }

        return new EquatableArray<HostedWorkload>(result
            .OrderBy(w => w.SourceType, StringComparer.Ordinal)
            .ThenBy(w => w.Assembly, StringComparer.Ordinal)
            .ToArray());
    }
}

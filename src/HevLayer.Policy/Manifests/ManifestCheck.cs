using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.Manifests;

/// <summary>A finding in a manifest file: the finding, where it is, and the YAML path it is about (null for a file-level finding).</summary>
public sealed record ManifestFinding(Finding Finding, SourceSpan Span, string? Field)
{
    /// <summary>The finding's rule.</summary>
    public Rule Rule => RuleCatalog.Get(Finding.RuleId);
}

/// <summary>
/// Checks hand-written manifests with the catalog's workload rules, exactly as the analyzer checks
/// attributed classes: the reader's findings, every workload rule (against the given InfraRules), and
/// duplicates across every file (HEVL103). Each finding is located at the YAML node it is about.
/// </summary>
public static class ManifestCheck
{
    /// <summary>Every finding for <paramref name="streams"/>, ordered by file, line, column and id.</summary>
    /// <param name="streams">The files read with <see cref="WorkloadManifestReader"/>.</param>
    /// <param name="infraRules">The InfraRules to check pools against, or null when none was found.</param>
    /// <param name="infraRulesNamed">True when an InfraRules source was given (even one that holds none): then HEVL200 is not reported.</param>
    /// <param name="infraRulesHint">What HEVL200 tells the user to do, in the host's words (null: the build's).</param>
    public static IReadOnlyList<ManifestFinding> Check(IEnumerable<ManifestStream> streams, InfraRulesModel? infraRules, bool infraRulesNamed, string? infraRulesHint = null)
    {
        var result = new List<ManifestFinding>();
        var seen = new Dictionary<(WorkloadKind, string, string), WorkloadDocument>();
        foreach (var stream in streams)
        {
            result.AddRange(stream.Findings.Select(f => new ManifestFinding(f, f.Span ?? SourceSpan.FileStart(stream.Path), null)));
            foreach (var document in stream.Workloads)
            {
                result.AddRange(Check(document, infraRules, infraRulesNamed, infraRulesHint));

                var declared = document.Declared;
                var key = (declared.Kind, declared.Namespace ?? ProjectDefaults.FallbackNamespace, declared.Name);
                if (seen.TryGetValue(key, out var first))
                {
                    var finding = CrossWorkloadRules.DuplicateWorkload.At(
                        WorkloadTarget.Name,
                        ("kind", Emit.ManifestWriter.KindName(declared.Kind)),
                        ("name", declared.Name),
                        ("namespace", key.Item2),
                        ("type", document.Locate(WorkloadTarget.Name).ToString()),
                        ("other", first.Locate(WorkloadTarget.Name).ToString()));
                    result.Add(new ManifestFinding(finding, document.Locate(WorkloadTarget.Name), "metadata.name"));
                }
                else
                {
                    seen.Add(key, document);
                }
            }
        }

        return Ordered(result);
    }

    /// <summary>Findings as every output lists them: by file, line, column and id.</summary>
    public static IReadOnlyList<ManifestFinding> Ordered(IEnumerable<ManifestFinding> findings) => findings
        .OrderBy(f => f.Span.Path, StringComparer.Ordinal)
        .ThenBy(f => f.Span.StartLine)
        .ThenBy(f => f.Span.StartColumn)
        .ThenBy(f => f.Finding.RuleId, StringComparer.Ordinal)
        .ToList();

    /// <summary>The reader's and the workload rules' findings for one document.</summary>
    public static IEnumerable<ManifestFinding> Check(WorkloadDocument document, InfraRulesModel? infraRules, bool infraRulesNamed, string? infraRulesHint = null)
    {
        foreach (var finding in document.Findings)
        {
            yield return new ManifestFinding(finding, finding.Span!, null);
        }

        // The reader reports what it could not read (an unknown mode or trigger) itself; the rule that would
        // say it again about the value the reader fell back to is not repeated.
        var reported = new HashSet<string>(document.Findings.Select(f => f.RuleId), StringComparer.Ordinal);
        var context = new WorkloadContext(document.Declared, document.Shape, ProjectDefaults.None, infraRules, infraRulesNamed, infraRulesHint);
        foreach (var finding in RuleCatalog.Check(context))
        {
            if (reported.Contains(finding.RuleId))
            {
                continue;
            }

            var field = WorkloadFields.PathOf(finding.Target);
            yield return new ManifestFinding(finding, document.Locate(finding.Target), document.Find(field)?.Path ?? field);
        }
    }
}

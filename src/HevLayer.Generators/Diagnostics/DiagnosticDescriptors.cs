using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;

namespace HevLayer.Generators.Diagnostics;

/// <summary>
/// The analyzers' descriptors, one per rule of <see cref="RuleCatalog"/> that an analyzer reports. Nothing
/// here is written by hand: id, title, message, category, severity and help link all come from the
/// catalog, so a rule cannot say one thing in Policy and another in the IDE. The release-tracking files
/// (AnalyzerReleases.*.md) are held to the catalog by a test, since the descriptors are not constants.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Where each rule's help lives: the README, anchored by lowercase id.</summary>
    public const string HelpBase = Rule.HelpBase;

    /// <summary>Every descriptor an analyzer reports, in id order.</summary>
    public static readonly DiagnosticDescriptor[] All = RuleCatalog.All
        .Where(r => r.Reporter != RuleReporter.Build)
        .Select(Create)
        .ToArray();

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

    /// <summary>The descriptor of <paramref name="rule"/>.</summary>
    public static DiagnosticDescriptor For(Rule rule) => ById[rule.Id];

    /// <summary>The descriptor with <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor For(string id) => ById[id];

    /// <summary>The descriptors of the rules <paramref name="reporters"/> report, plus the internal-error rule every analyzer may report.</summary>
    public static ImmutableArray<DiagnosticDescriptor> ReportedBy(params RuleReporter[] reporters) =>
        RuleCatalog.All.Where(r => System.Array.IndexOf(reporters, r.Reporter) >= 0 || r.Reporter == RuleReporter.AllAnalyzers).Select(For).ToImmutableArray();

    private static DiagnosticDescriptor Create(Rule rule)
    {
        var tags = rule.Id == CrossWorkloadRules.DuplicateWorkload.Id
            ? new[] { "HevLayer", WellKnownDiagnosticTags.CompilationEnd }
            : new[] { "HevLayer" };
#pragma warning disable RS1017 // The id is a constant in the catalog; descriptors are derived from it so that no rule is written twice.
        return new DiagnosticDescriptor(
            rule.Id,
            rule.Title,
            rule.PositionalMessage,
            rule.Category,
            rule.Severity switch
            {
                RuleSeverity.Error => DiagnosticSeverity.Error,
                RuleSeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            },
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + rule.HelpAnchor,
            customTags: tags);
#pragma warning restore RS1017
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Generators.Parsing;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Analyzers;

/// <summary>One environment the analyzers check this build: its declaration and its InfraRules.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="InfraRules">Its InfraRules, or null when its file is not (yet) among the AdditionalFiles.</param>
/// <param name="InfraRulesNamed">True when its InfraRules file was found (even one that holds none).</param>
/// <param name="Hint">What to do when it has none (HEVL200).</param>
internal sealed record EnvironmentCheck(DeploymentEnvironment Environment, InfraRulesModel? InfraRules, bool InfraRulesNamed, string Hint);

/// <summary>
/// The project's environments as the workload analyzer checks them: each selected one against its own InfraRules
/// (found among the AdditionalFiles by the path the build's table names), findings that differ by environment
/// named after it, and the overrides' own mistakes (HEVL131, HEVL132).
/// </summary>
internal sealed class EnvironmentChecks
{
    private EnvironmentChecks(EquatableArray<DeploymentEnvironment> declared, IReadOnlyList<EnvironmentCheck> selected)
    {
        All = declared;
        Selected = selected;
    }

    /// <summary>Every environment the project declares, selected or not.</summary>
    public EquatableArray<DeploymentEnvironment> All { get; }

    /// <summary>The environments this build checks, in declaration order.</summary>
    public IReadOnlyList<EnvironmentCheck> Selected { get; }

    /// <summary>True when the project declares environments: only they are deployed, so only they are checked.</summary>
    public bool Declared => All.Count > 0;

    /// <summary>Reads the environments and each selected one's InfraRules (cached per file text, as the project's own are).</summary>
    public static EnvironmentChecks Load(AnalyzerOptions options, ProjectDefaults defaults, CancellationToken cancellationToken)
    {
        var declared = BuildProperties.ReadEnvironments(options.AnalyzerConfigOptionsProvider.GlobalOptions);
        if (declared.Count == 0)
        {
            return new EnvironmentChecks(declared, Array.Empty<EnvironmentCheck>());
        }

        var selected = new List<EnvironmentCheck>();
        foreach (var environment in declared)
        {
            if (!environment.Selected)
            {
                continue;
            }

            var file = environment.InfraRules is null ? null : options.AdditionalFiles.FirstOrDefault(f => SamePath(f.Path, environment.InfraRules));
            InfraRulesModel? model = null;
            if (file is not null)
            {
                var read = InfraRulesFiles.Read(file, cancellationToken);
                model = InfraRulesSources.Combine(new[] { read }, _ => InfraRulesFiles.Describe(options, file)).Model;
            }

            var hint = environment.InfraRules is null
                ? $"give the environment '{environment.Name}' its InfraRules: InfraRules=\"infra/{environment.Name}.yaml\" on its <HevLayerEnvironment> item"
                : $"build once: the environment '{environment.Name}' reads its InfraRules from {Path.GetFileName(environment.InfraRules)}, which the build has not made yet";
            selected.Add(new EnvironmentCheck(environment, model, file is not null, hint));
        }

        return new EnvironmentChecks(declared, selected);
    }

    private static bool SamePath(string a, string b)
    {
        try
        {
            return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reports findings gathered per environment: one diagnostic per distinct finding and place, named after the
    /// environments it holds in. A finding that holds in every checked environment (of several) is about the
    /// declaration itself, and is reported once, unnamed.
    /// </summary>
    public void Report(List<(Finding Finding, Location Location, string Environment)> found, Action<Diagnostic> report)
    {
        var groups = new List<(Finding Finding, Location Location, List<string> Environments)>();
        foreach (var (finding, location, environment) in found)
        {
            var group = groups.FindIndex(g => g.Finding.RuleId == finding.RuleId && g.Finding.Args.Equals(finding.Args) && g.Location.Equals(location));
            if (group < 0)
            {
                groups.Add((finding, location, new List<string> { environment }));
            }
            else if (!groups[group].Environments.Contains(environment))
            {
                groups[group].Environments.Add(environment);
            }
        }

        foreach (var (finding, location, environments) in groups)
        {
            var everywhere = Selected.Count > 1 && environments.Count == Selected.Count;
            report(DiagnosticFactory.Create(finding.With("environments", string.Join(",", environments)), location, everywhere ? null : "in " + string.Join(", ", environments)));
        }
    }

    /// <summary>
    /// HEVL131 for an override that names an environment the project does not declare (with the closest
    /// declared name), and HEVL132 for a block attribute ([Scaling], [Worker], [Retry], [Schedule]) given twice
    /// for one environment, or twice without one.
    /// </summary>
    public void CheckOverrides(INamedTypeSymbol type, List<AttributeData>? parts, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (parts is null)
        {
            return;
        }

        var seen = new HashSet<(string Attribute, string? Environment)>();
        foreach (var part in parts)
        {
            var attribute = part.AttributeClass!.Name.Substring(0, part.AttributeClass.Name.Length - "Attribute".Length);
            var environment = WorkloadParser.EnvironmentOf(part);
            var syntax = part.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var at = syntax?.GetLocation() ?? (type.Locations.Length > 0 ? type.Locations[0] : Location.None);
            if (environment is not null && !All.Any(e => e.Name == environment))
            {
                var names = All.Select(e => e.Name).ToList();
                var closest = DidYouMean.Closest(environment, names);
                var hint = names.Count == 0
                    ? $"declare it in the project file (<HevLayerEnvironment Include=\"{environment}\" InfraRules=\"infra/{environment}.yaml\" />), or remove Environment"
                    : "the project declares " + string.Join(", ", names) + (closest is null ? string.Empty : $"; did you mean '{closest}'?");
                var argument = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Environment");
                var finding = EnvironmentRules.UnknownEnvironment.At(WorkloadTarget.On(attribute, "Environment"), ("attribute", attribute), ("environment", environment), ("hint", hint));
                report(DiagnosticFactory.Create(closest is null ? finding : finding.With("closest", closest), argument?.GetLocation() ?? at));
            }

            var repeatable = WorkloadFields.ForAttributeClass(part.AttributeClass.Name, null) is not null;
            if (!repeatable && !seen.Add((attribute, environment)))
            {
                var scope = environment is null ? "without Environment (the shared one)" : $"for the environment '{environment}'";
                report(DiagnosticFactory.Create(EnvironmentRules.RepeatedOverride.At(WorkloadTarget.On(attribute), ("attribute", attribute), ("scope", scope)), at));
            }
        }
    }
}

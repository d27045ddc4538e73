using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>
/// HEVL200. Seed: workloads "choose a pool from InfraRules/default"; with no InfraRules file named at all,
/// no pool or ceiling can be checked. Reported on each workload's pool, where an editor shows it (a
/// finding with no location is dropped by language servers). A warning: the build can still write
/// manifests. A named file that holds no InfraRules has its own located error (HEVL221) instead.
/// </summary>
public sealed class InfraRulesNotFound : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL200";

    private InfraRulesNotFound()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.InfraRules, RuleBasis.Tool, "No InfraRules found", "No InfraRules/default found, so pool '{pool}' and its replica ceiling are not checked; {fix}")
    {
    }

    /// <summary>What to do about it in a project build.</summary>
    public const string BuildHint = "add infrarules.yaml beside the project, or name InfraRules files with the HevLayerInfraRules MSBuild property";

    /// <summary>The rule.</summary>
    public static InfraRulesNotFound Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (!context.InfraRulesNamed && context.ScalingWithPool is { } scaling)
        {
            yield return At(WorkloadTarget.On("Scaling", "Pool"), ("pool", scaling.Pool!), ("fix", context.InfraRulesHint ?? BuildHint));
        }
    }
}

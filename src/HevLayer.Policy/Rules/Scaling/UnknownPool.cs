using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.InfraRules;

using HevLayer.Policy.Yaml;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL001. Seed: "If a workload names an unknown pool ... the operator leaves the workload unready."</summary>
public sealed class UnknownPool : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL001";

    private UnknownPool()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "Unknown compute pool", "Pool '{pool}' is not in InfraRules/default ({source}); pools: {pools}")
    {
    }

    /// <summary>The rule.</summary>
    public static UnknownPool Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // Plain null checks, not patterns that bind: a mutant of the condition (&& made ||) would leave them
        // unassigned, so Stryker could not compile it and the check itself went unmeasured.
        var infraRules = context.InfraRules;
        var scaling = context.ScalingWithPool;
        if (infraRules is not null && scaling is not null && infraRules.Find(scaling.Pool!) is null)
        {
            var ordered = infraRules.Pools.Select(p => p.Name)
                .OrderBy(n => DidYouMean.Distance(n, scaling.Pool!))
                .ThenBy(n => n, System.StringComparer.Ordinal)
                .ToArray();
            yield return At(WorkloadTarget.On("Scaling", "Pool"), ("pool", scaling.Pool!), ("source", infraRules.Source), ("pools", ordered.Length == 0 ? "(none)" : string.Join(", ", ordered)))
                .With(PropertyNames.Pools, string.Join(",", ordered));
        }
    }
}

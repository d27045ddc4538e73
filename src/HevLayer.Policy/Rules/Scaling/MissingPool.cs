using System.Collections.Generic;
using System.Linq;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL003. Seed: workloads "choose a pool from InfraRules/default"; <c>spec.scaling.pool</c> is required.</summary>
public sealed class MissingPool : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL003";

    private MissingPool()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "No compute pool", "The workload names no compute pool; add [Scaling(Pool = \"...\")] with {pools}")
    {
    }

    /// <summary>The rule.</summary>
    public static MissingPool Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var scaling = context.Declared.Scaling;
        if (scaling is null || string.IsNullOrEmpty(scaling.Pool))
        {
            var pools = context.InfraRules is not { } rules ? "a pool from InfraRules/default"
                : "one of: " + (rules.Pools.Count == 0 ? "(none)" : string.Join(", ", rules.Pools.Select(p => p.Name)));
            yield return At(scaling is null ? WorkloadTarget.Workload : WorkloadTarget.On("Scaling"), ("pools", pools));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL207. Seed: a pool's <c>name</c> is what <c>spec.scaling.pool</c> references.</summary>
public sealed class PoolWithoutName : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL207";

    private PoolWithoutName()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Pool without a name", "A compute pool has no name; workloads choose pools by name")
    {
    }

    /// <summary>The rule.</summary>
    public static PoolWithoutName Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        foreach (var pool in spec.Pools)
        {
            if (pool.Name is null || pool.Name.Value.Length == 0)
            {
                yield return In(pool.Name?.Span ?? pool.Span);
            }
        }
    }
}

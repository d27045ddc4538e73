using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL208. Seed: <c>maxReplicasPerWorkload</c> is the "hard ceiling for one Pipeline or Function"; without one, or below 1, no workload could run.</summary>
public sealed class InvalidPoolCeiling : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL208";

    private InvalidPoolCeiling()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Missing or invalid maxReplicasPerWorkload", "maxReplicasPerWorkload of pool '{pool}' {problem}; it must be a whole number of 1 or more")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidPoolCeiling Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        foreach (var pool in spec.Pools)
        {
            var name = pool.Name?.Value ?? "(unnamed)";
            if (pool.MaxReplicasPerWorkload is null)
            {
                yield return In(pool.Name?.Span ?? pool.Span, ("pool", name), ("problem", "is missing"));
            }
            else if (pool.MaxReplicasPerWorkload.Value < 1)
            {
                yield return In(pool.MaxReplicasPerWorkload.Span, ("pool", name), ("problem", "is " + Text(pool.MaxReplicasPerWorkload.Value)));
            }
        }
    }
}

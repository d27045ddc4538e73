using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL213. Seed: the cache envelope is capacity, replication factor and node count; fewer than 1 copy, or more copies than nodes, cannot be placed.</summary>
public sealed class InvalidReplicationFactor : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL213";

    private InvalidReplicationFactor()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Invalid document cache replication factor", "documentCache.replicationFactor is {value}; it must be {allowed}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidReplicationFactor Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.DocumentCache is { ReplicationFactor: { } factor } cache)
        {
            if (factor.Value < 1)
            {
                yield return In(factor.Span, ("value", Text(factor.Value)), ("allowed", "at least 1"));
            }
            else if (cache.NodesMax is { } nodesMax && factor.Value > nodesMax.Value)
            {
                yield return In(factor.Span, ("value", Text(factor.Value)), ("allowed", "at most scaling.nodes.max (" + Text(nodesMax.Value) + "), or the replicas cannot be placed"));
            }
        }
    }
}

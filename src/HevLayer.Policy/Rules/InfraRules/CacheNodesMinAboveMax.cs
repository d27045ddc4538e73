using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL214. Seed: the cache scales between <c>nodes.min</c> and <c>nodes.max</c>.</summary>
public sealed class CacheNodesMinAboveMax : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL214";

    private CacheNodesMinAboveMax()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Document cache nodes.min above nodes.max", "documentCache.scaling.nodes.min ({min}) is above nodes.max ({max})")
    {
    }

    /// <summary>The rule.</summary>
    public static CacheNodesMinAboveMax Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.DocumentCache is { NodesMin: { } min, NodesMax: { } max } && min.Value > max.Value)
        {
            yield return In(min.Span, ("min", Text(min.Value)), ("max", Text(max.Value)));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL210. Kubernetes: container <c>resources</c> are quantities, and the API server rejects anything else.</summary>
public sealed class InvalidQuantity : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL210";

    private InvalidQuantity()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Kubernetes, "Invalid resource quantity", "'{value}' in {field} is not a Kubernetes quantity; use forms such as 500m, 2, 512Mi or 1Gi")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidQuantity Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        foreach (var pool in spec.Pools)
        {
            foreach (var (prefix, quantities) in new[] { ("requests.", pool.Requests), ("limits.", pool.Limits) })
            {
                foreach (var quantity in quantities)
                {
                    if (!Quantity.TryParse(quantity.Value.Value, out _))
                    {
                        yield return In(quantity.Value.Span, ("value", quantity.Value.Value), ("field", prefix + quantity.Resource));
                    }
                }
            }
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL211. Kubernetes: the API server rejects a container whose request exceeds its limit.</summary>
public sealed class RequestAboveLimit : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL211";

    private RequestAboveLimit()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Kubernetes, "Request above limit", "The {resource} request of pool '{pool}' ({request}) is above its limit ({limit}); requests must not exceed limits")
    {
    }

    /// <summary>The rule.</summary>
    public static RequestAboveLimit Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        foreach (var pool in spec.Pools)
        {
            foreach (var limit in pool.Limits)
            {
                foreach (var request in pool.Requests)
                {
                    if (request.Resource == limit.Resource
                        && Quantity.TryParse(request.Value.Value, out var requested)
                        && Quantity.TryParse(limit.Value.Value, out var allowed)
                        && requested > allowed)
                    {
                        yield return In(request.Value.Span, ("resource", request.Resource), ("pool", pool.Name?.Value ?? "(unnamed)"), ("request", request.Value.Value), ("limit", limit.Value.Value));
                    }
                }
            }
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL212. Seed: <c>capGiB</c> is the document cache's capacity; a cache of 0 GiB or less holds nothing.</summary>
public sealed class InvalidCacheCapacity : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL212";

    private InvalidCacheCapacity()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Invalid document cache capacity", "documentCache.capGiB is {value}; it must be above 0")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidCacheCapacity Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.DocumentCache?.CapGiB is { } cap && cap.Value <= 0)
        {
            yield return In(cap.Span, ("value", cap.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL215. Seed: the scaling modes are autoscale, fixed and disabled.</summary>
public sealed class UnknownCacheMode : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL215";

    private UnknownCacheMode()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Unknown document cache scaling mode", "documentCache.scaling.mode '{value}' is unknown; use one of: {allowed}")
    {
    }

    /// <summary>The rule.</summary>
    public static UnknownCacheMode Instance { get; } = new();

    /// <summary>The scaling modes of the seed.</summary>
    public static readonly string[] Modes = { "autoscale", "fixed", "disabled" };

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.DocumentCache?.Mode is { } mode && System.Array.IndexOf(Modes, mode.Value) < 0)
        {
            yield return In(mode.Span, ("value", mode.Value), ("allowed", string.Join(", ", Modes)));
        }
    }
}

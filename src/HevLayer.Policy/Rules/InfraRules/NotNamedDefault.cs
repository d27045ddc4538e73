using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL203. Seed: "The operator validates that the object is named default."</summary>
public sealed class NotNamedDefault : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL203";

    private NotNamedDefault()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "InfraRules not named default", "InfraRules is named '{name}'; the operator accepts only InfraRules/default")
    {
    }

    /// <summary>The rule.</summary>
    public static NotNamedDefault Instance { get; } = new();

    /// <summary>The only name the operator accepts.</summary>
    public const string RequiredName = "default";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.Name is null || spec.Name.Value != RequiredName)
        {
            yield return In(spec.Name?.Span ?? spec.Document, ("name", spec.Name?.Value ?? "(missing)"));
        }
    }
}

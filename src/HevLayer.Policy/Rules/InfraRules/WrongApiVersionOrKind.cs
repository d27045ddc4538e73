using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL202. Seed: the object is <c>apiVersion: hevlayer.com/v1alpha1</c>, <c>kind: InfraRules</c>.</summary>
public sealed class WrongApiVersionOrKind : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL202";

    private WrongApiVersionOrKind()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Wrong apiVersion or kind", "{field} is '{value}'; InfraRules needs {field}: {expected}")
    {
    }

    /// <summary>The rule.</summary>
    public static WrongApiVersionOrKind Instance { get; } = new();

    /// <summary>The API version of InfraRules.</summary>
    public const string ApiVersion = "hevlayer.com/v1alpha1";

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.ApiVersion is null || spec.ApiVersion.Value != ApiVersion)
        {
            yield return In(spec.ApiVersion?.Span ?? spec.Document, ("field", "apiVersion"), ("value", spec.ApiVersion?.Value ?? "(missing)"), ("expected", ApiVersion));
        }

        if (spec.Kind is null || spec.Kind.Value != InfraRulesReader.Kind)
        {
            yield return In(spec.Kind?.Span ?? spec.Document, ("field", "kind"), ("value", spec.Kind?.Value ?? "(missing)"), ("expected", InfraRulesReader.Kind));
        }
    }
}

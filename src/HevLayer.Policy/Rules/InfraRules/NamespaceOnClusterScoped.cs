using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL204. Seed: InfraRules is "the cluster-scoped policy object"; the API server ignores a namespace on it, so a warning.</summary>
public sealed class NamespaceOnClusterScoped : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL204";

    private NamespaceOnClusterScoped()
        : base(DiagnosticId, RuleSeverity.Warning, RuleBasis.Seed, "Namespace on a cluster-scoped object", "InfraRules is cluster-scoped; remove metadata.namespace '{namespace}'")
    {
    }

    /// <summary>The rule.</summary>
    public static NamespaceOnClusterScoped Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.Namespace is { } ns)
        {
            yield return In(ns.Span, ("namespace", ns.Value));
        }
    }
}

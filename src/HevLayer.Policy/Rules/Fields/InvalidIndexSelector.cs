using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL130. Our inference: <c>spec.indexSelector.matchLabels</c> has the shape of a Kubernetes label
/// selector, which the operator can only turn into a selector when every key and value has the label
/// syntax; one that does not selects no index at all. An error: the Function could never work on anything.
/// </summary>
public sealed class InvalidIndexSelector : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL130";

    private InvalidIndexSelector()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Inference, "Invalid index selector", "Index selector '{key}' is not a valid label: {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidIndexSelector Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // A plain null check, not a negated pattern: Stryker cannot mutate a method whose negated patterns bind
        // variables without breaking definite assignment, and then measures none of it (docs/mutation-testing.md).
        var function = context.Declared.Function;
        if (function is null)
        {
            yield break;
        }

        foreach (var pair in function.IndexSelector)
        {
            if ((KubernetesNames.KeyProblem(pair.Key) ?? KubernetesNames.LabelValueProblem(pair.Value)) is { } problem)
            {
                yield return At(WorkloadTarget.Pair("IndexSelector", pair.Key), ("key", pair.Key), ("problem", problem));
            }
        }
    }
}

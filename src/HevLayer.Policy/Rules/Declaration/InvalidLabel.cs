using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL111. Kubernetes: the API server's label key and value syntax.</summary>
public sealed class InvalidLabel : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL111";

    private InvalidLabel()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid label", "Label '{key}' is not valid: {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidLabel Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        foreach (var label in context.Declared.Labels)
        {
            if ((KubernetesNames.KeyProblem(label.Key) ?? KubernetesNames.LabelValueProblem(label.Value)) is { } problem)
            {
                yield return At(WorkloadTarget.Pair("Label", label.Key), ("key", label.Key), ("problem", problem));
            }
        }
    }
}

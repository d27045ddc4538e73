using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL127. Kubernetes: a pod's <c>nodeSelector</c> is a map of node labels, and the API server validates
/// its keys and values with the label syntax (ValidatePodSpec); a pod with an invalid one is rejected.
/// </summary>
public sealed class InvalidNodeSelector : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL127";

    private InvalidNodeSelector()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid node selector", "Node selector '{key}' is not a valid node label: {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidNodeSelector Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        foreach (var pair in context.Declared.Worker.NodeSelector)
        {
            if ((KubernetesNames.KeyProblem(pair.Key) ?? KubernetesNames.LabelValueProblem(pair.Value)) is { } problem)
            {
                yield return At(WorkloadTarget.Pair("NodeSelector", pair.Key), ("key", pair.Key), ("problem", problem));
            }
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL112. Kubernetes: annotation keys follow the label key syntax.</summary>
public sealed class InvalidAnnotation : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL112";

    private InvalidAnnotation()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid annotation key", "Annotation key '{key}' is not valid: {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidAnnotation Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        foreach (var annotation in context.Declared.Annotations)
        {
            if (KubernetesNames.KeyProblem(annotation.Key) is { } problem)
            {
                yield return At(WorkloadTarget.Pair("Annotation", annotation.Key), ("key", annotation.Key), ("problem", problem));
            }
        }
    }
}

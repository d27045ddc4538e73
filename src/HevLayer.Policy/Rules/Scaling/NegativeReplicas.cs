using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL004. Kubernetes: a Deployment's replica count (and KEDA's bounds) cannot be negative.</summary>
public sealed class NegativeReplicas : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL004";

    private NegativeReplicas()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Kubernetes, "Negative replicas", "{argument} is {value}; replica counts must be 0 or more")
    {
    }

    /// <summary>The rule.</summary>
    public static NegativeReplicas Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var scaling = context.Declared.Scaling;
        if (scaling is null)
        {
            yield break;
        }

        if (scaling.MinReplicas < 0)
        {
            yield return At(WorkloadTarget.On("Scaling", "MinReplicas"), ("argument", "MinReplicas"), ("value", Text(scaling.MinReplicas)));
        }

        if (scaling.MaxReplicas is int max && max < 0)
        {
            yield return At(WorkloadTarget.On("Scaling", "MaxReplicas"), ("argument", "MaxReplicas"), ("value", Text(max)));
        }
    }
}

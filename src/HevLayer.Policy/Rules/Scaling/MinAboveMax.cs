using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL005. Seed: autoscale scales "between min and max"; KEDA refuses a minimum above the maximum.</summary>
public sealed class MinAboveMax : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL005";

    private MinAboveMax()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "MinReplicas above MaxReplicas", "MinReplicas ({min}) is above MaxReplicas ({max}); autoscale scales between them, so MinReplicas must not exceed MaxReplicas")
    {
    }

    /// <summary>The rule.</summary>
    public static MinAboveMax Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Scaling is { Mode: ScalingMode.Autoscale, MaxReplicas: int max and > 0 } scaling && scaling.MinReplicas > max)
        {
            yield return At(WorkloadTarget.On("Scaling", "MinReplicas"), ("min", Text(scaling.MinReplicas)), ("max", Text(max)));
        }
    }
}

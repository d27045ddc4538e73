using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL006. Seed: autoscale scales "between min and max"; a max of 0 (or none) can never run a replica.</summary>
public sealed class AutoscaleMaxZero : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL006";

    private AutoscaleMaxZero()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "Autoscale with MaxReplicas 0", "Autoscale with MaxReplicas 0 can never run a replica; set MaxReplicas to 1 or more, or use Mode = ScalingMode.Disabled")
    {
    }

    /// <summary>The rule.</summary>
    public static AutoscaleMaxZero Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Scaling is { Mode: ScalingMode.Autoscale } scaling && scaling.MaxReplicas is null or 0)
        {
            yield return At(scaling.MaxReplicas is null ? WorkloadTarget.On("Scaling") : WorkloadTarget.On("Scaling", "MaxReplicas"));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>
/// HEVL010. Seed: the modes are autoscale, fixed and disabled. A cast such as <c>(ScalingMode)7</c> has no
/// YAML spelling, so no manifest is written for it rather than a guess.
/// </summary>
public sealed class UnknownScalingMode : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL010";

    private UnknownScalingMode()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "Unknown scaling mode", "Mode = {value} is not a scaling mode; use ScalingMode.Autoscale, ScalingMode.Fixed or ScalingMode.Disabled")
    {
    }

    /// <summary>The rule.</summary>
    public static UnknownScalingMode Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Scaling is { } scaling && !IsKnown(scaling.Mode))
        {
            yield return At(WorkloadTarget.On("Scaling", "Mode"), ("value", Text((int)scaling.Mode)));
        }
    }

    /// <summary>True for the three modes of the seed.</summary>
    public static bool IsKnown(ScalingMode mode) => mode is ScalingMode.Autoscale or ScalingMode.Fixed or ScalingMode.Disabled;
}

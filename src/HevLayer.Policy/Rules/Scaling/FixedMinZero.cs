using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>
/// HEVL007. Seed: fixed mode sets "Deployment replicas to replicas.min". With min 0 it runs nothing, which
/// the operator accepts: a warning (our inference that it is a mistake), and <c>disabled</c> says it plainly.
/// </summary>
public sealed class FixedMinZero : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL007";

    private FixedMinZero()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Scaling, RuleBasis.Inference, "Fixed mode with MinReplicas 0", "Fixed mode with MinReplicas 0 runs nothing; use Mode = ScalingMode.Disabled to say so, or set MinReplicas to 1 or more")
    {
    }

    /// <summary>The rule.</summary>
    public static FixedMinZero Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Scaling is { Mode: ScalingMode.Fixed, MinReplicas: 0 })
        {
            yield return At(WorkloadTarget.On("Scaling", "Mode"));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL009. Seed: "Paused workloads also scale to 0." A note, since pausing is a normal operation.</summary>
public sealed class PausedOverridesMode : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL009";

    private PausedOverridesMode()
        : base(DiagnosticId, RuleSeverity.Info, RuleArea.Scaling, RuleBasis.Seed, "Paused overrides the scaling mode", "The workload is paused, so it is scaled to 0 whatever its {mode} mode; the mode applies again once Paused is false")
    {
    }

    /// <summary>The rule.</summary>
    public static PausedOverridesMode Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Paused && context.Declared.Scaling is { } scaling && scaling.Mode is ScalingMode.Autoscale or ScalingMode.Fixed)
        {
            yield return At(WorkloadTarget.WorkloadArgument("Paused"), ("mode", scaling.Mode == ScalingMode.Fixed ? "fixed" : "autoscale"));
        }
    }
}

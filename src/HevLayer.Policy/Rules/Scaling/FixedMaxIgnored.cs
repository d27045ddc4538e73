using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>HEVL008. Seed: fixed mode sets "Deployment replicas to replicas.min", so a declared max is ignored (the manifest writes max = min).</summary>
public sealed class FixedMaxIgnored : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL008";

    private FixedMaxIgnored()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Scaling, RuleBasis.Seed, "MaxReplicas is ignored in fixed mode", "MaxReplicas is ignored in fixed mode, which runs MinReplicas ({min}) replicas; remove MaxReplicas")
    {
    }

    /// <summary>The rule.</summary>
    public static FixedMaxIgnored Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Scaling is { Mode: ScalingMode.Fixed, MaxReplicas: not null } scaling)
        {
            yield return At(WorkloadTarget.On("Scaling", "MaxReplicas"), ("min", Text(scaling.MinReplicas)));
        }
    }
}

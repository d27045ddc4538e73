using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL209. Seed: <c>gpuType</c> is the "optional descriptive GPU type for GPU pools". Descriptive, so a warning.</summary>
public sealed class GpuTypeOnNonGpuPool : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL209";

    private GpuTypeOnNonGpuPool()
        : base(DiagnosticId, RuleSeverity.Warning, RuleBasis.Seed, "gpuType on a non-GPU pool", "gpuType is set on pool '{pool}' of kind '{kind}'; gpuType applies only to pools of kind gpu")
    {
    }

    /// <summary>The rule.</summary>
    public static GpuTypeOnNonGpuPool Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        foreach (var pool in spec.Pools)
        {
            if (pool.GpuType is { } gpuType && !string.Equals(pool.Kind?.Value, "gpu", System.StringComparison.OrdinalIgnoreCase))
            {
                yield return In(gpuType.Span, ("pool", pool.Name?.Value ?? "(unnamed)"), ("kind", pool.Kind?.Value ?? "(missing)"));
            }
        }
    }
}

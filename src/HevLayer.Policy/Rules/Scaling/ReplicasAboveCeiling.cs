using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>
/// HEVL002. Seed: a workload that "asks for more replicas than the pool ceiling" is left unready, and
/// <c>maxReplicasPerWorkload</c> is the "hard ceiling for one Pipeline or Function". The seed makes no
/// exception for any mode, so every replica bound the manifest carries is checked, in every mode:
/// <c>replicas.min</c> and <c>replicas.max</c> as written (fixed mode writes <c>max = min</c>).
/// </summary>
public sealed class ReplicasAboveCeiling : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL002";

    private ReplicasAboveCeiling()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Seed, "Replicas above the pool's ceiling", "{argument} = {value} is above the ceiling of pool '{pool}'{note}: it allows at most {ceiling} replicas per workload ({where})")
    {
    }

    /// <summary>The rule.</summary>
    public static ReplicasAboveCeiling Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // Plain null checks rather than negated patterns with variables: a mutation-testing tool cannot
        // rewrite those without breaking definite assignment, and would leave this rule unmeasured.
        var infraRules = context.InfraRules;
        var scaling = context.ScalingWithPool;
        var pool = infraRules is null || scaling is null ? null : infraRules.Find(scaling.Pool!);
        if (pool is null || pool.MaxReplicasPerWorkload is null || pool.MaxReplicasPerWorkload < 1)
        {
            yield break;
        }

        var ceiling = pool.MaxReplicasPerWorkload.Value;

        var note = scaling!.Mode switch
        {
            ScalingMode.Fixed => " (fixed mode runs MinReplicas replicas)",
            ScalingMode.Disabled => " (disabled mode runs none, but the ceiling applies to what the workload declares)",
            _ => string.Empty,
        };
        var where = infraRules!.Source + " line " + Text(pool.Span.StartLine);
        if (scaling.MinReplicas > ceiling)
        {
            yield return Create("MinReplicas", scaling.MinReplicas, pool.Name, note, ceiling, where);
        }

        // Fixed mode writes max = min, which the check above has covered.
        if (scaling.Mode != ScalingMode.Fixed && scaling.MaxReplicas is int max && max > ceiling)
        {
            yield return Create("MaxReplicas", max, pool.Name, note, ceiling, where);
        }
    }

    private Finding Create(string argument, int value, string pool, string note, long ceiling, string where) =>
        At(WorkloadTarget.On("Scaling", argument), ("argument", argument), ("value", Text(value)), ("pool", pool), ("note", note), ("ceiling", Text(ceiling)), ("where", where))
            .With(PropertyNames.Ceiling, Text(ceiling))
            .With(PropertyNames.Argument, argument);
}

using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Scaling;

/// <summary>
/// HEVL011. Our inference from the seed: a pool's <c>nodeSelector</c> "is applied to worker pods that choose
/// the pool", and a pod's <c>nodeSelector</c> holds one value per key. A workload whose own
/// <c>podSpec.nodeSelector</c> sets a key of its pool's selector to another value therefore either schedules
/// nowhere (both required, no node has both values) or silently loses one of the two (one overwrites the
/// other). Neither is what the workload means, whichever way the operator merges, so it is an error.
/// </summary>
public sealed class NodeSelectorConflictsWithPool : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL011";

    private NodeSelectorConflictsWithPool()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Scaling, RuleBasis.Inference, "Node selector contradicts the pool's", "Node selector '{key}: {value}' contradicts pool '{pool}', whose nodeSelector sets '{key}: {poolValue}' ({source}); a pod holds one value per key, so it would schedule nowhere or lose one of them: remove the key, or choose a pool that fits")
    {
    }

    /// <summary>The rule.</summary>
    public static NodeSelectorConflictsWithPool Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // Plain null checks, not negated patterns: Stryker cannot mutate a method whose negated patterns bind
        // variables without breaking definite assignment, and then measures none of it (docs/mutation-testing.md).
        var infraRules = context.InfraRules;
        var scaling = context.ScalingWithPool;
        if (context.Declared.Worker.NodeSelector.Count == 0 || infraRules is null || scaling is null)
        {
            yield break;
        }

        var pool = infraRules.Find(scaling.Pool!);
        if (pool is null)
        {
            yield break;
        }

        var own = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var pair in context.Declared.Worker.NodeSelector)
        {
            own[pair.Key] = pair.Value; // The last value of a repeated key is the one written (HEVL115).
        }

        foreach (var poolPair in pool.NodeSelector)
        {
            if (own.TryGetValue(poolPair.Key, out var value) && value != poolPair.Value)
            {
                yield return At(
                    WorkloadTarget.Pair("NodeSelector", poolPair.Key),
                    ("key", poolPair.Key),
                    ("value", value),
                    ("pool", pool.Name),
                    ("poolValue", poolPair.Value),
                    ("source", infraRules.Source));
            }
        }
    }
}

using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.InfraRules;

/// <summary>A pool as workload rules see it: its name, replica ceiling and node selector, and where it is declared.</summary>
public sealed record PoolCeiling(string Name, long? MaxReplicasPerWorkload, SourceSpan Span, EquatableArray<KeyValue> NodeSelector = default);

/// <summary>
/// The effective <c>InfraRules/default</c> that workload rules check against: the pools with a name.
/// <see cref="Source"/> names where it came from (a file, or a cluster snapshot).
/// </summary>
public sealed record InfraRulesModel(string Source, EquatableArray<PoolCeiling> Pools)
{
    /// <summary>Builds the model from a read document.</summary>
    public static InfraRulesModel From(string source, InfraRulesSpec spec)
    {
        var pools = new System.Collections.Generic.List<PoolCeiling>();
        foreach (var pool in spec.Pools)
        {
            if (pool.Name is { } name && !string.IsNullOrEmpty(name.Value) && pools.TrueForAll(p => p.Name != name.Value))
            {
                pools.Add(new PoolCeiling(name.Value, pool.MaxReplicasPerWorkload?.Value, pool.Span, pool.NodeSelector));
            }
        }

        return new InfraRulesModel(source, new EquatableArray<PoolCeiling>(pools.ToArray()));
    }

    /// <summary>The pool named <paramref name="name"/>, or null.</summary>
    public PoolCeiling? Find(string name)
    {
        foreach (var pool in Pools)
        {
            if (pool.Name == name)
            {
                return pool;
            }
        }

        return null;
    }
}

using System;

namespace HevLayer.Manifests;

/// <summary><c>spec.scaling</c> as emitted: every field is explicit.</summary>
public sealed class ScalingSpec
{
    /// <summary>Creates the scaling block. Called by generated code.</summary>
    public ScalingSpec(string pool, ScalingMode mode, int minReplicas, int maxReplicas)
    {
        Pool = pool ?? throw new ArgumentNullException(nameof(pool));
        Mode = mode;
        MinReplicas = minReplicas;
        MaxReplicas = maxReplicas;
    }

    /// <summary><c>spec.scaling.pool</c>.</summary>
    public string Pool { get; }

    /// <summary><c>spec.scaling.mode</c>.</summary>
    public ScalingMode Mode { get; }

    /// <summary><c>spec.scaling.replicas.min</c>.</summary>
    public int MinReplicas { get; }

    /// <summary><c>spec.scaling.replicas.max</c>.</summary>
    public int MaxReplicas { get; }
}

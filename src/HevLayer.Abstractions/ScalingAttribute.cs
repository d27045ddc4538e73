using System;

namespace HevLayer;

/// <summary>
/// <c>spec.scaling</c>: the compute pool the worker runs on and how it scales.
/// The pool must be listed in <c>InfraRules/default</c>, and the replica count the mode runs
/// may not exceed the pool's <c>maxReplicasPerWorkload</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ScalingAttribute : Attribute
{
    /// <summary><c>spec.scaling.pool</c>: the name of a compute pool in <c>InfraRules/default</c>. Required.</summary>
    public string? Pool { get; set; }

    /// <summary><c>spec.scaling.mode</c>. Defaults to <see cref="ScalingMode.Autoscale"/>.</summary>
    public ScalingMode Mode { get; set; }

    /// <summary>
    /// <c>spec.scaling.replicas.min</c>. Defaults to 0. In <see cref="ScalingMode.Fixed"/> mode this is the
    /// replica count the Deployment runs. Set it to 1 in autoscale mode to keep a cold-start-heavy worker warm.
    /// </summary>
    public int MinReplicas { get; set; }

    /// <summary>
    /// <c>spec.scaling.replicas.max</c>: the autoscale ceiling. Ignored in <see cref="ScalingMode.Fixed"/> mode,
    /// where the emitted <c>max</c> equals <c>min</c>.
    /// </summary>
    public int MaxReplicas { get; set; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

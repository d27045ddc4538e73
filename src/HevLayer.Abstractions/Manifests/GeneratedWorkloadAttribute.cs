using System;
using System.ComponentModel;

namespace HevLayer.Manifests;

/// <summary>
/// Carries a workload's facts out of the compiler as compact typed values: the generator puts one on each
/// workload class; the build reads it back from the compiled assembly's metadata (never loading it) and
/// renders the manifest with the one YAML writer, and <see cref="Generated"/> builds the typed manifest
/// from it at run time. No YAML travels in the assembly. It sits on the class, not on the assembly, so
/// that nothing which reads the assembly's attributes (the compiler does, for every file it checks in the
/// editor) has to bind one attribute per workload. Not meant to be applied by hand.
/// </summary>
/// <remarks>
/// The constructor's parameter order is the encoding the build task decodes: change both together. The
/// declaring type's name is not an argument: it is the type the attribute sits on (metadata has it).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedWorkloadAttribute : Attribute
{
    /// <summary>Creates the attribute. Called by generated code.</summary>
    /// <param name="function">True for a Function, false for a Pipeline.</param>
    /// <param name="name"><c>metadata.name</c>.</param>
    /// <param name="namespace"><c>metadata.namespace</c>.</param>
    /// <param name="paused"><c>spec.paused</c>.</param>
    /// <param name="labels">The labels as written, key and value in turn, keys in ordinal order; the managed-by label is left out when it has its default value.</param>
    /// <param name="annotations">The annotations as written, key and value in turn, keys in ordinal order.</param>
    /// <param name="image"><c>spec.worker.image</c>.</param>
    /// <param name="pool"><c>spec.scaling.pool</c>.</param>
    /// <param name="mode"><c>spec.scaling.mode</c> as a <see cref="ScalingMode"/> value.</param>
    /// <param name="minReplicas"><c>spec.scaling.replicas.min</c>.</param>
    /// <param name="maxReplicas"><c>spec.scaling.replicas.max</c> as written.</param>
    /// <param name="set">Which optional counts are set: bit i for <see cref="Optional"/>[i].</param>
    /// <param name="values">The set counts, in <see cref="Optional"/> order.</param>
    /// <param name="triggers"><c>spec.triggers</c> as <see cref="FunctionTriggers"/> flags (Functions).</param>
    /// <param name="targetNamespaces"><c>spec.targetNamespaces</c> (Functions; null when empty).</param>
    /// <param name="inputs"><c>spec.inputs</c> (Functions; null when empty).</param>
    /// <param name="version"><c>spec.version</c> (Functions; null when not set).</param>
    /// <param name="filter"><c>spec.filter</c> (Functions; null when empty).</param>
    public GeneratedWorkloadAttribute(
        bool function,
        string name,
        string @namespace,
        bool paused,
        string[]? labels,
        string[]? annotations,
        string image,
        string pool,
        int mode,
        int minReplicas,
        int maxReplicas,
        int set,
        int[]? values,
        int triggers,
        string[]? targetNamespaces,
        string[]? inputs,
        string? version,
        string[]? filter)
    {
        Function = function;
        Name = name;
        Namespace = @namespace;
        Paused = paused;
        Labels = labels ?? Array.Empty<string>();
        Annotations = annotations ?? Array.Empty<string>();
        Image = image;
        Pool = pool;
        Mode = mode;
        MinReplicas = minReplicas;
        MaxReplicas = maxReplicas;
        Set = set;
        Values = values ?? Array.Empty<int>();
        Triggers = triggers;
        TargetNamespaces = targetNamespaces ?? Array.Empty<string>();
        Inputs = inputs ?? Array.Empty<string>();
        Version = version;
        Filter = filter ?? Array.Empty<string>();
    }

    /// <summary>The optional counts, in the order of <see cref="Set"/>'s bits and <see cref="Values"/>.</summary>
    public static readonly string[] Optional =
    {
        "worker.batchSize", "worker.timeoutSeconds",
        "retry.maxAttempts", "retry.initialBackoffSeconds", "retry.maxBackoffSeconds",
        "schedule.discoveryIntervalSeconds", "schedule.leaseSeconds", "schedule.maxInFlightBatches", "schedule.maxConcurrentScans",
    };

    /// <summary>True for a Function.</summary>
    public bool Function { get; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; }

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get; }

    /// <summary><c>spec.paused</c>.</summary>
    public bool Paused { get; }

    /// <summary>Labels, key and value in turn.</summary>
    public string[] Labels { get; }

    /// <summary>Annotations, key and value in turn.</summary>
    public string[] Annotations { get; }

    /// <summary><c>spec.worker.image</c>.</summary>
    public string Image { get; }

    /// <summary><c>spec.scaling.pool</c>.</summary>
    public string Pool { get; }

    /// <summary><c>spec.scaling.mode</c>.</summary>
    public int Mode { get; }

    /// <summary><c>spec.scaling.replicas.min</c>.</summary>
    public int MinReplicas { get; }

    /// <summary><c>spec.scaling.replicas.max</c>.</summary>
    public int MaxReplicas { get; }

    /// <summary>Which optional counts are set.</summary>
    public int Set { get; }

    /// <summary>The set optional counts, in order.</summary>
    public int[] Values { get; }

    /// <summary><c>spec.triggers</c> as flags.</summary>
    public int Triggers { get; }

    /// <summary><c>spec.targetNamespaces</c>.</summary>
    public string[] TargetNamespaces { get; }

    /// <summary><c>spec.inputs</c>.</summary>
    public string[] Inputs { get; }

    /// <summary><c>spec.version</c>.</summary>
    public string? Version { get; }

    /// <summary><c>spec.filter</c>.</summary>
    public string[] Filter { get; }

    /// <summary>The optional count at <paramref name="index"/> of <see cref="Optional"/>, or null when not set.</summary>
    public int? Get(int index)
    {
        if ((Set & (1 << index)) == 0)
        {
            return null;
        }

        var position = 0;
        for (var i = 0; i < index; i++)
        {
            if ((Set & (1 << i)) != 0)
            {
                position++;
            }
        }

        return position < Values.Length ? Values[position] : null;
    }
}

using System;
using System.Collections.Generic;

namespace HevLayer.Manifests;

/// <summary>A generated <c>Function</c> manifest.</summary>
public sealed class FunctionManifest : WorkloadManifest
{
    /// <summary>Creates the manifest. Called by generated code.</summary>
    public FunctionManifest(ManifestMetadata metadata, FunctionSpec spec, string sourceType, string fileName)
        : base("Function", metadata, sourceType, fileName)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
    }

    /// <summary><c>spec</c>.</summary>
    public FunctionSpec Spec { get; }

    /// <inheritdoc />
    public override ScalingSpec Scaling => Spec.Scaling;
}

/// <summary><c>spec</c> of a Function.</summary>
public sealed class FunctionSpec
{
    /// <summary>Creates the spec. Called by generated code.</summary>
    public FunctionSpec(
        bool paused,
        IReadOnlyList<string> targetNamespaces,
        IReadOnlyList<string> triggers,
        IReadOnlyList<string> inputs,
        string? version,
        IReadOnlyList<string> filter,
        WorkerSpec worker,
        ScheduleSpec? schedule,
        RetrySpec? retry,
        ScalingSpec scaling,
        IndexSelector? indexSelector = null)
    {
        IndexSelector = indexSelector;
        Paused = paused;
        TargetNamespaces = targetNamespaces ?? throw new ArgumentNullException(nameof(targetNamespaces));
        Triggers = triggers ?? throw new ArgumentNullException(nameof(triggers));
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Version = version;
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        Worker = worker ?? throw new ArgumentNullException(nameof(worker));
        Schedule = schedule;
        Retry = retry;
        Scaling = scaling ?? throw new ArgumentNullException(nameof(scaling));
    }

    /// <summary><c>spec.paused</c>.</summary>
    public bool Paused { get; }

    /// <summary><c>spec.indexSelector</c>, when the Function selects indexes by label.</summary>
    public IndexSelector? IndexSelector { get; }

    /// <summary><c>spec.targetNamespaces</c>.</summary>
    public IReadOnlyList<string> TargetNamespaces { get; }

    /// <summary><c>spec.triggers</c>: <c>discovery</c>, <c>write</c>, <c>schedule</c>.</summary>
    public IReadOnlyList<string> Triggers { get; }

    /// <summary><c>spec.inputs</c>.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary><c>spec.version</c>, when set.</summary>
    public string? Version { get; }

    /// <summary><c>spec.filter</c>.</summary>
    public IReadOnlyList<string> Filter { get; }

    /// <summary><c>spec.worker</c>.</summary>
    public WorkerSpec Worker { get; }

    /// <summary><c>spec.schedule</c>, when declared.</summary>
    public ScheduleSpec? Schedule { get; }

    /// <summary><c>spec.retry</c>, when declared.</summary>
    public RetrySpec? Retry { get; }

    /// <summary><c>spec.scaling</c>.</summary>
    public ScalingSpec Scaling { get; }
}

using System;

namespace HevLayer.Manifests;

/// <summary>A generated <c>Pipeline</c> manifest.</summary>
public sealed class PipelineManifest : WorkloadManifest
{
    /// <summary>Creates the manifest. Called by generated code.</summary>
    public PipelineManifest(ManifestMetadata metadata, PipelineSpec spec, string sourceType, string fileName)
        : base("Pipeline", metadata, sourceType, fileName)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
    }

    /// <summary><c>spec</c>.</summary>
    public PipelineSpec Spec { get; }

    /// <inheritdoc />
    public override ScalingSpec Scaling => Spec.Scaling;
}

/// <summary><c>spec</c> of a Pipeline.</summary>
public sealed class PipelineSpec
{
    /// <summary>Creates the spec. Called by generated code.</summary>
    public PipelineSpec(bool paused, WorkerSpec worker, RetrySpec? retry, ScalingSpec scaling)
    {
        Paused = paused;
        Worker = worker ?? throw new ArgumentNullException(nameof(worker));
        Retry = retry;
        Scaling = scaling ?? throw new ArgumentNullException(nameof(scaling));
    }

    /// <summary><c>spec.paused</c>.</summary>
    public bool Paused { get; }

    /// <summary><c>spec.worker</c>.</summary>
    public WorkerSpec Worker { get; }

    /// <summary><c>spec.retry</c>, when declared.</summary>
    public RetrySpec? Retry { get; }

    /// <summary><c>spec.scaling</c>.</summary>
    public ScalingSpec Scaling { get; }
}

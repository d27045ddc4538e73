using System;

namespace HevLayer.Manifests;

/// <summary><c>spec.worker</c>.</summary>
public sealed class WorkerSpec
{
    /// <summary>Creates the worker block. Called by generated code.</summary>
    public WorkerSpec(string image, int? batchSize, int? timeoutSeconds, PodSpec? podSpec = null)
    {
        PodSpec = podSpec;
        Image = image ?? throw new ArgumentNullException(nameof(image));
        BatchSize = batchSize;
        TimeoutSeconds = timeoutSeconds;
    }

    /// <summary><c>spec.worker.image</c>.</summary>
    public string Image { get; }

    /// <summary><c>spec.worker.batchSize</c>, when set.</summary>
    public int? BatchSize { get; }

    /// <summary><c>spec.worker.timeoutSeconds</c>, when set.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary><c>spec.worker.podSpec</c>, when the worker has one.</summary>
    public PodSpec? PodSpec { get; }
}

using System;

namespace HevLayer;

/// <summary><c>spec.worker</c>: the container the operator runs for this workload.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class WorkerAttribute : Attribute
{
    /// <summary>
    /// <c>spec.worker.image</c>. When not set: the <c>HevLayerImage</c> MSBuild property, then
    /// <see cref="HevLayerDefaultsAttribute.Image"/>.
    /// </summary>
    public string? Image { get; set; }

    /// <summary><c>spec.worker.batchSize</c>: items handed to the worker per batch.</summary>
    public int BatchSize { get; set; }

    /// <summary><c>spec.worker.timeoutSeconds</c>: how long one batch may take.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>
    /// <c>spec.worker.podSpec.serviceAccountName</c>: the Kubernetes service account the worker pods run as
    /// (a DNS subdomain name, in the workload's namespace).
    /// </summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

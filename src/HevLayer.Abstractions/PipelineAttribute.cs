using System;

namespace HevLayer;

/// <summary>
/// Declares the class as a Layer <c>Pipeline</c>: a staged ingest worker that drains a queue.
/// The class must be <c>partial</c>; the generator adds a static <c>Manifest</c> property to it.
/// </summary>
/// <example>
/// <code>
/// [Pipeline("ingest-docs", Namespace = "search")]
/// [Scaling(Pool = "cpu", MaxReplicas = 4)]
/// public sealed partial class IngestDocs { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class PipelineAttribute : WorkloadAttribute
{
    /// <summary>Declares a Pipeline named <paramref name="name"/>.</summary>
    /// <param name="name">The resource name (<c>metadata.name</c>).</param>
    public PipelineAttribute(string name)
        : base(name)
    {
    }
}

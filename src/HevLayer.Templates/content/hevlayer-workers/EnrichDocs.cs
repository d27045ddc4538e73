using HevLayer;

namespace HevLayer.Workers;

/// <summary>
/// A Function: runs over what is already indexed, when documents are discovered or written.
/// </summary>
[Function("enrich-docs",
    Triggers = FunctionTriggers.Discovery | FunctionTriggers.Write,
    TargetNamespaces = new[] { "docs" },
    Inputs = new[] { "id", "title" },
    Version = "v1")]
[Scaling(Pool = "COMPUTE_POOL", MinReplicas = 1, MaxReplicas = 2)]
[Retry(MaxAttempts = 3, InitialBackoffSeconds = 1, MaxBackoffSeconds = 30)]
public sealed partial class EnrichDocs
{
}

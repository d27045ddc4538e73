using HevLayer;

namespace HevLayer.Workers;

/// <summary>
/// A Pipeline: drains a staged ingest queue. KEDA scales it between MinReplicas and MaxReplicas by
/// queue depth; MaxReplicas must stay within the pool's maxReplicasPerWorkload.
/// </summary>
[Pipeline("ingest-docs")]
[Scaling(Pool = "COMPUTE_POOL", MinReplicas = 0, MaxReplicas = 4)]
[Worker(BatchSize = 64, TimeoutSeconds = 120)]
public sealed partial class IngestDocs
{
}

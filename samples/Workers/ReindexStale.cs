using HevLayer;

namespace Acme.Workers;

/// <summary>
/// Re-embeds documents that went stale, on a schedule. Paused (and scaled to zero) until the new
/// embedding model ships.
/// </summary>
[Function("reindex-stale",
    Paused = true,
    Triggers = FunctionTriggers.Schedule,
    TargetNamespaces = new[] { "docs", "wiki" },
    Inputs = new[] { "id", "updated_at" },
    Version = "v2")]
[Schedule(DiscoveryIntervalSeconds = 3600, LeaseSeconds = 300, MaxInFlightBatches = 4, MaxConcurrentScans = 1)]
[Scaling(Pool = "cpu", Mode = ScalingMode.Disabled)]
public sealed partial class ReindexStale
{
}

using HevLayer;

namespace Acme.Workers;

/// <summary>Drains the document ingest queue; scales with queue depth between 0 and 4 replicas.</summary>
[Pipeline("ingest-docs")]
[Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 4)]
[Worker(BatchSize = 64, TimeoutSeconds = 120)]
[Retry(MaxAttempts = 5, InitialBackoffSeconds = 2, MaxBackoffSeconds = 60)]
[Label("team", "search")]
public sealed partial class IngestDocs
{
    public Task HandleAsync(IReadOnlyList<string> batch, CancellationToken cancellationToken) => Task.CompletedTask;
}

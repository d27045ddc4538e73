using HevLayer;

namespace Acme.Workers;

/// <summary>
/// Adds derived attributes to newly discovered or written products. Kept warm with one replica,
/// because its cold start loads a large dictionary.
/// </summary>
[Function("enrich-products",
    Namespace = "catalog",
    Triggers = FunctionTriggers.Discovery | FunctionTriggers.Write,
    TargetNamespaces = new[] { "products" },
    Inputs = new[] { "id", "title" },
    Version = "v1",
    Filter = new[] { "category", "Eq", "outdoor" })]
[Scaling(Pool = "cpu", MinReplicas = 1, MaxReplicas = 8)]
[Worker(BatchSize = 32, TimeoutSeconds = 60)]
[Retry(MaxAttempts = 4, InitialBackoffSeconds = 1, MaxBackoffSeconds = 30)]
public sealed partial class EnrichProducts
{
}

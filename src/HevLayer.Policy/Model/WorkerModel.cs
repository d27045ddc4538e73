namespace HevLayer.Policy.Model;

/// <summary><c>spec.worker</c>. Null members were not set.</summary>
public sealed record WorkerModel(string? Image, int? BatchSize, int? TimeoutSeconds);

/// <summary><c>spec.retry</c>. Null members were not set.</summary>
public sealed record RetryModel(int? MaxAttempts, int? InitialBackoffSeconds, int? MaxBackoffSeconds);

/// <summary><c>spec.schedule</c> of a Function. Null members were not set.</summary>
public sealed record ScheduleModel(int? DiscoveryIntervalSeconds, int? LeaseSeconds, int? MaxInFlightBatches, int? MaxConcurrentScans);

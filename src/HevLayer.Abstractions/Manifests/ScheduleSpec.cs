namespace HevLayer.Manifests;

/// <summary><c>spec.schedule</c> of a Function.</summary>
public sealed class ScheduleSpec
{
    /// <summary>Creates the schedule block. Called by generated code.</summary>
    public ScheduleSpec(int? discoveryIntervalSeconds, int? leaseSeconds, int? maxInFlightBatches, int? maxConcurrentScans)
    {
        DiscoveryIntervalSeconds = discoveryIntervalSeconds;
        LeaseSeconds = leaseSeconds;
        MaxInFlightBatches = maxInFlightBatches;
        MaxConcurrentScans = maxConcurrentScans;
    }

    /// <summary><c>spec.schedule.discoveryIntervalSeconds</c>, when set.</summary>
    public int? DiscoveryIntervalSeconds { get; }

    /// <summary><c>spec.schedule.leaseSeconds</c>, when set.</summary>
    public int? LeaseSeconds { get; }

    /// <summary><c>spec.schedule.maxInFlightBatches</c>, when set.</summary>
    public int? MaxInFlightBatches { get; }

    /// <summary><c>spec.schedule.maxConcurrentScans</c>, when set.</summary>
    public int? MaxConcurrentScans { get; }
}

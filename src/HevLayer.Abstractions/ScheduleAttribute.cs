using System;

namespace HevLayer;

/// <summary><c>spec.schedule</c>: how a Function scans and leases work. Functions only.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ScheduleAttribute : Attribute
{
    /// <summary><c>spec.schedule.discoveryIntervalSeconds</c>: how often to look for new work.</summary>
    public int DiscoveryIntervalSeconds { get; set; }

    /// <summary><c>spec.schedule.leaseSeconds</c>: how long a worker holds a batch before it is handed out again.</summary>
    public int LeaseSeconds { get; set; }

    /// <summary><c>spec.schedule.maxInFlightBatches</c>.</summary>
    public int MaxInFlightBatches { get; set; }

    /// <summary><c>spec.schedule.maxConcurrentScans</c>.</summary>
    public int MaxConcurrentScans { get; set; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

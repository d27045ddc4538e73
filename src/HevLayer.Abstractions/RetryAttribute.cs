using System;

namespace HevLayer;

/// <summary><c>spec.retry</c>: how a failed batch is retried. Applies to Pipelines and Functions.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary><c>spec.retry.maxAttempts</c>.</summary>
    public int MaxAttempts { get; set; }

    /// <summary><c>spec.retry.initialBackoffSeconds</c>.</summary>
    public int InitialBackoffSeconds { get; set; }

    /// <summary><c>spec.retry.maxBackoffSeconds</c>.</summary>
    public int MaxBackoffSeconds { get; set; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

using System;

namespace HevLayer;

/// <summary><c>spec.retry</c>: how a failed batch is retried. Applies to Pipelines and Functions.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary><c>spec.retry.maxAttempts</c>.</summary>
    public int MaxAttempts { get; set; }

    /// <summary><c>spec.retry.initialBackoffSeconds</c>.</summary>
    public int InitialBackoffSeconds { get; set; }

    /// <summary><c>spec.retry.maxBackoffSeconds</c>.</summary>
    public int MaxBackoffSeconds { get; set; }
}

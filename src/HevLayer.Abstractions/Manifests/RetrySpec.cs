namespace HevLayer.Manifests;

/// <summary><c>spec.retry</c>.</summary>
public sealed class RetrySpec
{
    /// <summary>Creates the retry block. Called by generated code.</summary>
    public RetrySpec(int? maxAttempts, int? initialBackoffSeconds, int? maxBackoffSeconds)
    {
        MaxAttempts = maxAttempts;
        InitialBackoffSeconds = initialBackoffSeconds;
        MaxBackoffSeconds = maxBackoffSeconds;
    }

    /// <summary><c>spec.retry.maxAttempts</c>, when set.</summary>
    public int? MaxAttempts { get; }

    /// <summary><c>spec.retry.initialBackoffSeconds</c>, when set.</summary>
    public int? InitialBackoffSeconds { get; }

    /// <summary><c>spec.retry.maxBackoffSeconds</c>, when set.</summary>
    public int? MaxBackoffSeconds { get; }
}

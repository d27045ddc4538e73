using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL120. Our inference: every count and every duration in seconds that the manifest carries
/// (<c>spec.worker</c>, <c>spec.retry</c>, <c>spec.schedule</c>) means something only from 1 up. No public
/// source gives the operator's validation, so this is a warning: an object the operator already accepted
/// must not fail a build, and strict mode (CI) makes it an error.
/// </summary>
public sealed class ValueBelowOne : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL120";

    private ValueBelowOne()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Count or duration below 1", "{argument} = {value} writes {field}: {value}, and {meaning} below 1 means nothing to the operator; use 1 or more, or leave it unset for the operator's default")
    {
    }

    /// <summary>The rule.</summary>
    public static ValueBelowOne Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var declared = context.Declared;
        var worker = declared.Worker;
        var retry = declared.Retry;
        var schedule = declared.Function?.Schedule;
        var fields = new (string Attribute, string Argument, string Field, string Meaning, int? Value)[]
        {
            ("Worker", "BatchSize", "spec.worker.batchSize", "a batch size", worker.BatchSize),
            ("Worker", "TimeoutSeconds", "spec.worker.timeoutSeconds", "a timeout", worker.TimeoutSeconds),
            ("Retry", "MaxAttempts", "spec.retry.maxAttempts", "a number of attempts", retry?.MaxAttempts),
            ("Retry", "InitialBackoffSeconds", "spec.retry.initialBackoffSeconds", "a backoff", retry?.InitialBackoffSeconds),
            ("Retry", "MaxBackoffSeconds", "spec.retry.maxBackoffSeconds", "a backoff", retry?.MaxBackoffSeconds),
            ("Schedule", "DiscoveryIntervalSeconds", "spec.schedule.discoveryIntervalSeconds", "an interval", schedule?.DiscoveryIntervalSeconds),
            ("Schedule", "LeaseSeconds", "spec.schedule.leaseSeconds", "a lease", schedule?.LeaseSeconds),
            ("Schedule", "MaxInFlightBatches", "spec.schedule.maxInFlightBatches", "a number of batches", schedule?.MaxInFlightBatches),
            ("Schedule", "MaxConcurrentScans", "spec.schedule.maxConcurrentScans", "a number of scans", schedule?.MaxConcurrentScans),
        };

        foreach (var field in fields)
        {
            if (field.Value is int value && value < 1)
            {
                yield return At(
                    WorkloadTarget.On(field.Attribute, field.Argument),
                    ("argument", field.Argument),
                    ("value", Text(value)),
                    ("field", field.Field),
                    ("meaning", field.Meaning));
            }
        }
    }
}

using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL121. Our inference: a backoff grows from its initial value up to its maximum, so an initial value
/// above the maximum cannot be meant. A warning: the operator may simply cap it.
/// </summary>
public sealed class BackoffInitialAboveMax : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL121";

    private BackoffInitialAboveMax()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Initial backoff above the maximum", "InitialBackoffSeconds ({initial}) is above MaxBackoffSeconds ({max}); a backoff grows from its initial value up to its maximum")
    {
    }

    /// <summary>The rule.</summary>
    public static BackoffInitialAboveMax Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // Values below 1 are HEVL120's; comparing them would only repeat it.
        if (context.Declared.Retry is { InitialBackoffSeconds: int initial and >= 1, MaxBackoffSeconds: int max and >= 1 } && initial > max)
        {
            yield return At(WorkloadTarget.On("Retry", "InitialBackoffSeconds"), ("initial", Text(initial)), ("max", Text(max)));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL120. Our inference: every count and every duration in seconds that the manifest carries
/// (every field of the table of workload fields with a minimum: <c>spec.worker</c>, <c>spec.retry</c>, <c>spec.schedule</c>) means something only from 1 up. No public
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

    // The rows with a minimum, chosen once: the rule runs for every workload on every analyzer pass.
    private static readonly WorkloadField[] Bounded = System.Linq.Enumerable.ToArray(
        System.Linq.Enumerable.Where(WorkloadFields.All, f => f.Minimum is not null && f.Get is not null));

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        foreach (var field in Bounded)
        {
            if (field.Get!(context.Declared) is int value && value < field.Minimum!.Value && field.Target is { } target)
            {
                yield return At(
                    target,
                    ("argument", target.Argument ?? field.Key),
                    ("value", Text(value)),
                    ("field", field.Path),
                    ("meaning", field.Meaning ?? "a value"));
            }
        }
    }
}

using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL126. Our inference: <c>spec.version</c> (for example <c>v1</c>) tells the operator which results a
/// Function wrote; an empty or blank version cannot tell anything apart. A warning.
/// </summary>
public sealed class EmptyVersion : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL126";

    private EmptyVersion()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Empty version", "Version '{value}' is empty or blank; set a version such as \"v1\", or leave Version unset")
    {
    }

    /// <summary>The rule.</summary>
    public static EmptyVersion Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Function is { Version: { } version } && version.Trim().Length == 0)
        {
            yield return At(WorkloadTarget.WorkloadArgument("Version"), ("value", version));
        }
    }
}

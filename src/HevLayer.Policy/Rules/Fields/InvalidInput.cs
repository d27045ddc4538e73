using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL124. Our inference: <c>spec.inputs</c> lists attribute names the worker reads; an empty name, one
/// with surrounding white space, or one listed twice cannot be meant. A warning: no public source gives
/// the operator's validation.
/// </summary>
public sealed class InvalidInput : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL124";

    private InvalidInput()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Invalid input attribute", "Input '{value}' {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidInput Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var function = context.Declared.Function;
        if (function is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var input in function.Inputs)
        {
            var problem = input.Trim().Length == 0 ? "is empty; name an attribute the worker reads"
                : input.Trim().Length != input.Length ? "has white space around it, which is part of the name"
                : !seen.Add(input) ? "is listed more than once"
                : null;
            if (problem is not null)
            {
                yield return At(WorkloadTarget.WorkloadArgument("Inputs"), ("value", input), ("problem", problem));
            }
        }
    }
}

using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL125. Public Function manifests write <c>spec.filter</c> as one comparison, <c>[attribute, operator,
/// value]</c> (for example <c>["category", "Eq", "outdoor"]</c>); a list of strings can express nothing
/// else. Any other length, or an empty attribute or operator, cannot be meant. A warning: the operator's
/// full filter grammar is not public.
/// </summary>
public sealed class InvalidFilter : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL125";

    private InvalidFilter()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Invalid filter", "Filter {filter} {problem}; write one comparison as [attribute, operator, value], for example [\"category\", \"Eq\", \"outdoor\"]")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidFilter Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var function = context.Declared.Function;
        if (function is null || function.Filter.Count == 0)
        {
            yield break;
        }

        var filter = function.Filter;
        var problem = filter.Count != 3 ? "has " + Text(filter.Count) + (filter.Count == 1 ? " element" : " elements")
            : filter[0].Trim().Length == 0 ? "names no attribute"
            : filter[1].Trim().Length == 0 ? "has no operator"
            : null;
        if (problem is not null)
        {
            yield return At(WorkloadTarget.WorkloadArgument("Filter"), ("filter", "[" + string.Join(", ", Quoted(filter)) + "]"), ("problem", problem));
        }
    }

    private static IEnumerable<string> Quoted(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            yield return "\"" + value + "\"";
        }
    }
}

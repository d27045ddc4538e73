using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL107. Tool: the generator must be able to extend every outer type and reach the class.</summary>
public sealed class UnsupportedNesting : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL107";

    private UnsupportedNesting()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Workload class is nested where the generator cannot extend it", "Workload class '{type}' is nested in '{outer}', which {problem}; every outer type must be partial and non-generic, and the class must be reachable (not private or protected)")
    {
    }

    /// <summary>The rule.</summary>
    public static UnsupportedNesting Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Shape.Outer is { } outer)
        {
            yield return At(WorkloadTarget.Type, ("type", context.Shape.TypeName), ("outer", outer), ("problem", context.Shape.OuterProblem ?? string.Empty));
        }
    }
}

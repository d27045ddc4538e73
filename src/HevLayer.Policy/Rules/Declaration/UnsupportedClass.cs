using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL106. Tool: the generator extends a concrete, non-static, non-generic class.</summary>
public sealed class UnsupportedClass : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL106";

    private UnsupportedClass()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Workload class is abstract, static or generic", "Workload class '{type}' is {reason}; a workload class must be a concrete, non-static, non-generic class")
    {
    }

    /// <summary>The rule.</summary>
    public static UnsupportedClass Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Shape.UnsupportedReason is { } reason)
        {
            yield return At(WorkloadTarget.Type, ("type", context.Shape.TypeName), ("reason", reason));
        }
    }
}

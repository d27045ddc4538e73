using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL104. Tool: one class is one resource, of one kind.</summary>
public sealed class ConflictingKinds : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL104";

    private ConflictingKinds()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Both Pipeline and Function", "'{type}' is marked both [Pipeline] and [Function]; a workload is one or the other, so remove one attribute")
    {
    }

    /// <summary>The rule.</summary>
    public static ConflictingKinds Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Shape.HasConflictingKind)
        {
            yield return At(WorkloadTarget.OtherWorkload, ("type", context.Shape.TypeName));
        }
    }
}

using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL105. Tool: the generator adds the typed <c>Manifest</c> property to the class.</summary>
public sealed class NotPartial : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL105";

    private NotPartial()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Workload class is not partial", "Workload class '{type}' must be partial, so that the generator can add its Manifest property")
    {
    }

    /// <summary>The rule.</summary>
    public static NotPartial Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (!context.Shape.IsPartial)
        {
            yield return At(WorkloadTarget.Type, ("type", context.Shape.TypeName));
        }
    }
}

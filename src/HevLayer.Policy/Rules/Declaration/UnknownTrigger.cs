using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL114. Public Function manifests: the triggers are discovery, write and schedule; other bits have no YAML spelling.</summary>
public sealed class UnknownTrigger : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL114";

    /// <summary>Every trigger a Function can have.</summary>
    public const FunctionTriggers Known = FunctionTriggers.Discovery | FunctionTriggers.Write | FunctionTriggers.Schedule;

    private UnknownTrigger()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Unknown trigger", "Triggers = {value} holds a value that is not a trigger ({unknown}); use FunctionTriggers.Discovery, Write and Schedule")
    {
    }

    /// <summary>The rule.</summary>
    public static UnknownTrigger Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Function is { } function && (function.Triggers & ~Known) is var unknown && unknown != 0)
        {
            yield return At(WorkloadTarget.WorkloadArgument("Triggers"), ("value", Text((int)function.Triggers)), ("unknown", Text((int)unknown)));
        }
    }
}

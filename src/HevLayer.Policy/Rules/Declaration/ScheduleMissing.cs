using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>
/// HEVL109. Public Function manifests carry <c>spec.schedule</c> beside the schedule trigger; without it the
/// trigger has no interval of its own. A warning: the operator may have a default interval.
/// </summary>
public sealed class ScheduleMissing : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL109";

    private ScheduleMissing()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Schedule trigger without schedule settings", "Function '{name}' has a schedule trigger but no [Schedule]; add [Schedule(DiscoveryIntervalSeconds = ...)]")
    {
    }

    /// <summary>The rule.</summary>
    public static ScheduleMissing Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Function is { Schedule: null } function && (function.Triggers & FunctionTriggers.Schedule) != 0)
        {
            yield return At(WorkloadTarget.WorkloadArgument("Triggers"), ("name", context.Declared.Name));
        }
    }
}

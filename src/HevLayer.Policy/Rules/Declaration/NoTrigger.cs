using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL108. Public Function manifests: a Function "is triggered by document discovery, by writes, or on a schedule"; with none it never runs.</summary>
public sealed class NoTrigger : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL108";

    private NoTrigger()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Inference, "Function without a trigger", "Function '{name}' has no trigger; set Triggers to FunctionTriggers.Discovery, Write or Schedule (or several, with |)")
    {
    }

    /// <summary>The rule.</summary>
    public static NoTrigger Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Declared.Function is { Triggers: FunctionTriggers.None })
        {
            yield return At(WorkloadTarget.Workload, ("name", context.Declared.Name));
        }
    }
}

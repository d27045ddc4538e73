using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL102. Kubernetes: a namespace name is an RFC 1123 label.</summary>
public sealed class InvalidNamespace : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL102";

    private InvalidNamespace()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid namespace", "'{namespace}' is not a valid namespace{origin}: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidNamespace Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var own = context.Declared.Namespace;
        if (!string.IsNullOrEmpty(own))
        {
            if (!KubernetesNames.IsDnsLabel(own))
            {
                yield return At(WorkloadTarget.WorkloadArgument("Namespace"), ("namespace", own!), ("origin", string.Empty));
            }
        }
        else if (!KubernetesNames.IsDnsLabel(context.Defaults.EffectiveNamespace))
        {
            yield return At(WorkloadTarget.Workload, ("namespace", context.Defaults.EffectiveNamespace), ("origin", " (the project default, from HevLayerNamespace or [assembly: HevLayerDefaults])"));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL123. Our inference: <c>spec.targetNamespaces</c> names index namespaces; no public source gives
/// their syntax, so we take the conservative reading of a Kubernetes name (an RFC 1123 label), and a
/// name listed twice as a slip. A warning, since the operator may accept more.
/// </summary>
public sealed class InvalidTargetNamespace : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL123";

    private InvalidTargetNamespace()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Inference, "Invalid target namespace", "Target namespace '{value}' {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidTargetNamespace Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var function = context.Declared.Function;
        if (function is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var name in function.TargetNamespaces)
        {
            if (!KubernetesNames.IsDnsLabel(name))
            {
                yield return At(WorkloadTarget.WorkloadArgument("TargetNamespaces"), ("value", name), ("problem", "is not a valid namespace name: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"));
            }
            else if (!seen.Add(name))
            {
                yield return At(WorkloadTarget.WorkloadArgument("TargetNamespaces"), ("value", name), ("problem", "is listed more than once"));
            }
        }
    }
}

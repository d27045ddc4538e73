using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL101. Kubernetes: the name becomes the resource's and its Deployment's name, an RFC 1123 label.</summary>
public sealed class InvalidName : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL101";

    private InvalidName()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid workload name", "'{name}' is not a valid workload name: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidName Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (!KubernetesNames.IsDnsLabel(context.Declared.Name))
        {
            yield return At(WorkloadTarget.Name, ("name", context.Declared.Name));
        }
    }
}

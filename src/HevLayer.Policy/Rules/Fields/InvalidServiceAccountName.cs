using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL129. Kubernetes: <c>serviceAccountName</c> names a ServiceAccount, and the API server validates it as
/// an RFC 1123 subdomain (ValidateServiceAccountName); a pod with another name is rejected.
/// </summary>
public sealed class InvalidServiceAccountName : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL129";

    private InvalidServiceAccountName()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid service account name", "ServiceAccountName '{value}' is not a valid service account name: use at most 253 lowercase letters, digits, '-' and '.', in dot-separated parts that start and end with a letter or digit")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidServiceAccountName Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // An empty name is not written: the pods run as the namespace's default service account.
        if (context.Declared.Worker.ServiceAccountName is { Length: > 0 } name && !KubernetesNames.IsDnsSubdomain(name))
        {
            yield return At(WorkloadTarget.On("Worker", "ServiceAccountName"), ("value", name));
        }
    }
}

using System;
using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL128. Kubernetes: the API server's toleration checks (ValidateTolerations): a key is a label key; an
/// empty key needs operator <c>Exists</c>; <c>Equal</c> (or no operator) needs a label value, and
/// <c>Exists</c> no value; the operator is <c>Equal</c> or <c>Exists</c>; the effect is
/// <c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>; <c>tolerationSeconds</c> needs effect
/// <c>NoExecute</c>. A pod with a toleration that fails any of them is rejected.
/// </summary>
public sealed class InvalidToleration : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL128";

    private InvalidToleration()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid toleration", "Toleration {position} {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidToleration Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        var tolerations = context.Declared.Worker.Tolerations;
        for (var i = 0; i < tolerations.Count; i++)
        {
            foreach (var (argument, problem) in Problems(tolerations[i]))
            {
                yield return At(WorkloadTarget.Item("Toleration", i, argument), ("position", "#" + Text(i + 1) + Describe(tolerations[i])), ("problem", problem));
            }
        }
    }

    /// <summary>What Kubernetes rejects in <paramref name="t"/>, by the argument that says it.</summary>
    public static IEnumerable<(string Argument, string Problem)> Problems(TolerationModel t)
    {
        if (t.Key.Length > 0 && KubernetesNames.KeyProblem(t.Key) is { } keyProblem)
        {
            yield return ("Key", "has an invalid key: " + keyProblem);
        }

        var knownOperator = t.Operator.Length == 0 || Array.IndexOf(TolerationModel.Operators, t.Operator) >= 0;
        if (!knownOperator)
        {
            yield return ("Operator", "has operator '" + t.Operator + "'; an operator is Equal or Exists");
        }
        else if (t.Key.Length == 0 && t.Operator != "Exists")
        {
            yield return ("Operator", "has no key, so its operator must be Exists (an empty key with Exists tolerates every taint)");
        }

        if (t.Operator == "Exists" && t.Value.Length > 0)
        {
            yield return ("Value", "has operator Exists and the value '" + t.Value + "'; with Exists the value must be empty");
        }
        else if (knownOperator && t.Operator != "Exists" && KubernetesNames.LabelValueProblem(t.Value) is { } valueProblem)
        {
            yield return ("Value", "has an invalid value: " + valueProblem);
        }

        if (t.Effect.Length > 0 && Array.IndexOf(TolerationModel.Effects, t.Effect) < 0)
        {
            yield return ("Effect", "has effect '" + t.Effect + "'; an effect is " + string.Join(", ", TolerationModel.Effects) + ", or none for every effect");
        }

        if (t.Seconds is not null && t.Effect != "NoExecute")
        {
            yield return ("TolerationSeconds", "sets TolerationSeconds, which only a NoExecute effect can have; set Effect = TaintEffect.NoExecute, or remove TolerationSeconds");
        }
    }

    private static string Describe(TolerationModel t) => t.Key.Length == 0 ? string.Empty : " ('" + t.Key + "')";
}

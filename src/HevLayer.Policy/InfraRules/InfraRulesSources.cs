using System.Collections.Generic;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.InfraRules;

/// <summary>
/// Combines the InfraRules files a project names into the one <c>InfraRules/default</c> workloads are
/// checked against: the first InfraRules document found wins, and every further one is <c>HEVL205</c>.
/// </summary>
public static class InfraRulesSources
{
    /// <summary>The effective model (null when no file holds InfraRules), and the cross-file findings by file.</summary>
    public static (InfraRulesModel? Model, IReadOnlyList<Finding> CrossFileFindings) Combine(IEnumerable<InfraRulesFile> files, System.Func<InfraRulesFile, string>? describe = null)
    {
        InfraRulesModel? model = null;
        InfraRulesSpec? first = null;
        var findings = new List<Finding>();
        foreach (var file in files)
        {
            if (file.Spec is null)
            {
                continue;
            }

            if (first is null)
            {
                first = file.Spec;
                model = InfraRulesModel.From(describe?.Invoke(file) ?? System.IO.Path.GetFileName(file.Path), file.Spec);
            }
            else
            {
                findings.Add(InfraRulesFileRules.MultipleInfraRules.In(file.Spec.Document, ("first", first.Document.ToString())));
            }
        }

        return (model, findings);
    }
}

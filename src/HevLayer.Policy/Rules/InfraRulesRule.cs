using System.Collections.Generic;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules;

/// <summary>A rule over the InfraRules document, as read with positions.</summary>
public abstract class InfraRulesRule : Rule
{
    /// <summary>Creates the rule; InfraRules rules are reported at their place in the file.</summary>
    protected InfraRulesRule(string id, RuleSeverity severity, RuleBasis basis, string title, string message)
        : base(id, severity, RuleArea.InfraRules, basis, RuleReporter.InfraRulesAnalyzer, title, message)
    {
    }

    /// <summary>The findings for one document; none when it complies.</summary>
    public abstract IEnumerable<Finding> Check(InfraRulesSpec spec);
}

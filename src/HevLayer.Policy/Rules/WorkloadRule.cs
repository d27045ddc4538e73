using System.Collections.Generic;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules;

/// <summary>Everything a workload rule may look at.</summary>
/// <param name="Declared">The workload as its attributes declare it (defaults not applied).</param>
/// <param name="Shape">Facts about the class declaration.</param>
/// <param name="Defaults">The project defaults (MSBuild properties merged with the assembly attribute).</param>
/// <param name="InfraRules">The effective InfraRules, or null when none was found (pool checks are skipped).</param>
/// <param name="InfraRulesNamed">True when the project names at least one InfraRules file (even one that holds none).</param>
/// <param name="InfraRulesHint">What to do when no InfraRules is found, in the words of the host (a project build, or the hevlayer tool); null for the build's.</param>
/// <param name="LeavesImageToHost">
/// True in a library that does not host its workloads (<c>HevLayerHostsWorkloads</c> false): a missing image is the
/// business of the application that hosts them, which fills it from its own defaults (HEVL110 is reported there).
/// </param>
public sealed record WorkloadContext(WorkloadModel Declared, DeclarationShape Shape, ProjectDefaults Defaults, InfraRulesModel? InfraRules, bool InfraRulesNamed = true, string? InfraRulesHint = null, bool LeavesImageToHost = false)
{
    /// <summary><c>Pipeline</c> or <c>Function</c>.</summary>
    public string KindName => Declared.Kind == WorkloadKind.Function ? "Function" : "Pipeline";

    /// <summary>The workload's <c>[Scaling]</c>, when it names a pool.</summary>
    public ScalingModel? ScalingWithPool => Declared.Scaling is { Pool: { Length: > 0 } } scaling ? scaling : null;
}

/// <summary>A rule over one workload declaration.</summary>
public abstract class WorkloadRule : Rule
{
    /// <summary>Creates the rule; workload rules are reported by the workload analyzer.</summary>
    protected WorkloadRule(string id, RuleSeverity severity, RuleArea area, RuleBasis basis, string title, string message)
        : base(id, severity, area, basis, RuleReporter.WorkloadAnalyzer, title, message)
    {
    }

    /// <summary>The findings for one workload; none when it complies.</summary>
    public abstract IEnumerable<Finding> Check(WorkloadContext context);
}

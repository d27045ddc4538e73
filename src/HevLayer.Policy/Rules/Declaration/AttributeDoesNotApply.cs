using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>
/// HEVL113. Tool: an attribute that the generator would drop is a diagnostic, never a silent drop:
/// <c>[Schedule]</c> on a Pipeline (the seed and the public manifests give Pipelines no schedule), or a
/// HevLayer attribute on a class that is neither a Pipeline nor a Function.
/// </summary>
public sealed class AttributeDoesNotApply : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL113";

    /// <summary>The attributes that add to a workload (every attribute of the table of workload fields but [Pipeline]/[Function] themselves).</summary>
    public static readonly string[] WorkloadParts = Model.WorkloadFields.PartAttributes;

    private AttributeDoesNotApply()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Tool, "Attribute does not apply here", "[{attribute}] has no effect on '{type}': {reason}; remove it, or {fix}")
    {
    }

    /// <summary>The rule.</summary>
    public static AttributeDoesNotApply Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        foreach (var attribute in context.Shape.Inapplicable)
        {
            yield return At(
                WorkloadTarget.On(attribute),
                ("attribute", attribute),
                ("type", context.Shape.TypeName),
                ("reason", "a " + context.KindName + " has no " + Model.WorkloadFields.PathOf(WorkloadTarget.On(attribute))),
                ("fix", "make the class a Function"));
        }
    }

    /// <summary>A finding for a workload attribute on a class that has no <c>[Pipeline]</c> or <c>[Function]</c>.</summary>
    public Finding WithoutWorkload(string attribute, string typeName) => At(
        WorkloadTarget.On(attribute),
        ("attribute", attribute),
        ("type", typeName),
        ("reason", "the class has no [Pipeline] or [Function], so no manifest is written for it"),
        ("fix", "add [Pipeline(\"name\")] or [Function(\"name\")]"));
}

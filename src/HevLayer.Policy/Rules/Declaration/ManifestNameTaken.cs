using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>
/// HEVL117. Tool: the generator adds a static <c>Manifest</c> property to every workload class; where that
/// name is taken (a member of the class, a positional record parameter, an inherited member, or the class's
/// own name), it writes the manifest and the registry entry but leaves the typed property out.
/// </summary>
public sealed class ManifestNameTaken : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL117";

    private ManifestNameTaken()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Tool, "The name Manifest is taken in the workload class", "Workload class '{type}' {reason}, so the generator cannot add its typed 'Manifest' property; the manifest is still written and listed in HevLayerWorkloads.All. Rename that member (or the class) to get the property.")
    {
    }

    /// <summary>The rule.</summary>
    public static ManifestNameTaken Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // Only where the generator would otherwise extend the class: the other declaration rules say why it cannot.
        if (context.Shape.ManifestNameTaken is { } reason && context.Shape.IsExtensible)
        {
            yield return At(WorkloadTarget.Type, ("type", context.Shape.TypeName), ("reason", reason));
        }
    }
}

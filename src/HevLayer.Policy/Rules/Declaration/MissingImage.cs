using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL110. Kubernetes: a container needs an image.</summary>
public sealed class MissingImage : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL110";

    private MissingImage()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "No worker image", "{kind} '{name}' has no worker image; set [Worker(Image = \"...\")], [assembly: HevLayerDefaults(Image = \"...\")], the HevLayerImage MSBuild property, or the container publish's ContainerRepository")
    {
    }

    /// <summary>The rule.</summary>
    public static MissingImage Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (string.IsNullOrEmpty(context.Declared.Worker.Image) && string.IsNullOrEmpty(context.Defaults.EffectiveImage) && !context.LeavesImageToHost)
        {
            yield return At(WorkloadTarget.Workload, ("kind", context.KindName), ("name", context.Declared.Name));
        }
    }
}

using System.Collections.Generic;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Fields;

/// <summary>
/// HEVL122. Kubernetes: the kubelet pulls <c>spec.worker.image</c> by its OCI reference; one that does not
/// parse can never be pulled (<c>InvalidImageName</c>), so the worker certainly cannot run.
/// </summary>
public sealed class InvalidImage : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL122";

    private InvalidImage()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Invalid image reference", "Image '{image}'{origin} is not a valid OCI image reference: {problem}")
    {
    }

    /// <summary>The rule.</summary>
    public static InvalidImage Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // The image that is written: the workload's own unless it is empty, else the project default
        // (WorkloadModel.WithDefaults). No image at all is HEVL110's.
        var own = context.Declared.Worker.Image;
        if (!string.IsNullOrEmpty(own))
        {
            if (ImageReference.Problem(own) is { } problem)
            {
                yield return At(WorkloadTarget.On("Worker", "Image"), ("image", own!), ("origin", string.Empty), ("problem", problem));
            }
        }
        else if (!string.IsNullOrEmpty(context.Defaults.EffectiveImage) && ImageReference.Problem(context.Defaults.EffectiveImage) is { } problem)
        {
            var origin = context.Defaults.ImageFromContainerProperties
                ? " (the container image, from ContainerRegistry, ContainerRepository and ContainerImageTags or ContainerImageTag)"
                : " (the project default, from HevLayerImage or [assembly: HevLayerDefaults])";
            yield return At(WorkloadTarget.Workload, ("image", context.Defaults.EffectiveImage!), ("origin", origin), ("problem", problem));
        }
    }
}

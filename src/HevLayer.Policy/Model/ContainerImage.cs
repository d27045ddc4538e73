using System;

namespace HevLayer.Policy.Model;

/// <summary>
/// The image the .NET SDK's container publish (<c>dotnet publish -t:PublishContainer</c>) builds and pushes,
/// composed from the same MSBuild properties it reads: <c>ContainerRegistry/ContainerRepository:tag</c>.
/// </summary>
/// <remarks>
/// The tag follows the SDK's <c>ComputeContainerConfig</c> target (Microsoft.NET.Build.Containers.targets,
/// SDK 10.0.401): the first of <c>ContainerImageTags</c> (';'-separated), else <c>ContainerImageTag</c>, else
/// <c>latest</c>, which the SDK sets only when neither property names a tag. An empty <c>ContainerRegistry</c>
/// is the SDK's local container runtime, so the reference then has no registry. The SDK falls back to the
/// assembly name when <c>ContainerRepository</c> is empty; this does not, so a project that does not name its
/// repository keeps asking for an image (HEVL110) instead of getting one it never meant.
/// </remarks>
public static class ContainerImage
{
    /// <summary>The tag the SDK gives an image when the project names none.</summary>
    public const string DefaultTag = "latest";

    /// <summary>
    /// The reference, or null when <paramref name="repository"/> is empty. Each value is trimmed; the result
    /// is not validated here (HEVL122 judges it like any other image).
    /// </summary>
    public static string? Compose(string? registry, string? repository, string? tag, string? tags)
    {
        var repo = repository?.Trim();
        if (string.IsNullOrEmpty(repo))
        {
            return null;
        }

        var chosen = FirstTag(tags) ?? NonEmpty(tag) ?? DefaultTag;
        var host = NonEmpty(registry)?.TrimEnd('/');
        return (string.IsNullOrEmpty(host) ? string.Empty : host + "/") + repo + ":" + chosen;
    }

    private static string? FirstTag(string? tags)
    {
        if (tags is null)
        {
            return null;
        }

        foreach (var part in tags.Split(new[] { ';' }, StringSplitOptions.None))
        {
            if (NonEmpty(part) is { } tag)
            {
                return tag;
            }
        }

        return null;
    }

    private static string? NonEmpty(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}

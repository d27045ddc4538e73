using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Policy.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task of <c>dotnet publish</c>: puts the manifests the build wrote into the publish output, and after a
/// container publish (<c>-t:PublishContainer</c>) pins each workload whose image is the one that was pushed to the
/// digest that was pushed, in the publish output and in the build's folder alike, so the two never disagree.
/// </summary>
/// <remarks>
/// It works on every folder the build wrote (the folders of the <c>HevLayerWrittenManifest</c> items; with none,
/// <see cref="ManifestsDirectory"/>), each mirrored under <see cref="PublishDirectory"/> at its place below
/// <see cref="ManifestsDirectory"/>. Each folder is written by <see cref="ManifestFolder"/>: only its own files,
/// atomically, and a file whose bytes are already right is not rewritten.
/// Nothing is pinned unless a registry took the image: a publish to the local container runtime (no
/// <c>ContainerRegistry</c>) or to a tarball (<c>ContainerArchiveOutputPath</c>) pushes no digest a cluster can pull,
/// and a multi-architecture publish (HEVL320) exposes no digest of the image index it pushes.
/// </remarks>
public sealed class PinManifests : Task
{
    /// <summary>The manifest files the build wrote (<c>@(HevLayerWrittenManifest)</c>); their folders are the ones published.</summary>
    public ITaskItem[] WrittenManifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The build's manifests folder (<c>HevLayerManifestsDir</c>); when no written manifest is listed (<c>--no-build</c>), it and its environments' folders are found by their records.</summary>
    [Required]
    public string ManifestsDirectory { get; set; } = string.Empty;

    /// <summary>Where the manifests go in the publish output (<c>HevLayerPublishManifestsDir</c>).</summary>
    [Required]
    public string PublishDirectory { get; set; } = string.Empty;

    /// <summary>True after <c>PublishContainer</c>; false for a plain publish, which copies the manifests as the build wrote them.</summary>
    public bool Container { get; set; }

    /// <summary><c>$(GeneratedContainerDigest)</c>: the digest of the image manifest the SDK pushed.</summary>
    public string Digest { get; set; } = string.Empty;

    /// <summary><c>$(ContainerRegistry)</c> as the SDK resolved it; empty for the local container runtime.</summary>
    public string Registry { get; set; } = string.Empty;

    /// <summary><c>$(ContainerRepository)</c> as the SDK resolved it.</summary>
    public string Repository { get; set; } = string.Empty;

    /// <summary><c>@(ContainerImageTags)</c> as the SDK resolved them: every tag it pushed.</summary>
    public string[] Tags { get; set; } = Array.Empty<string>();

    /// <summary><c>$(ContainerArchiveOutputPath)</c>: set when the image went to a tarball.</summary>
    public string ArchiveOutputPath { get; set; } = string.Empty;

    /// <summary>True for a multi-architecture publish (<c>ContainerRuntimeIdentifiers</c>).</summary>
    public bool MultiArchitecture { get; set; }

    /// <summary>The project's name, the folders' owner.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file, where a problem is located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The manifest files written into the publish output, full paths.</summary>
    [Output]
    public ITaskItem[] PublishedManifests { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var folders = Folders().ToList();
            if (folders.Count == 0)
            {
                Log.LogMessage(MessageImportance.Low, "HevLayer: the build wrote no manifests; nothing to publish.");
                return true;
            }

            var pin = Container ? Decide() : null;
            var published = new List<ITaskItem>();
            var pinned = 0;
            foreach (var (source, destination) in folders)
            {
                var files = new ManifestFolder(source, ProjectName).ReadManifests();
                var wanted = files.Select(f => new KeyValuePair<string, string>(f.Key, pin is null ? f.Value : ImagePin.Pin(f.Value, pin.Value.Pushed, pin.Value.Digest))).ToList();
                var changed = wanted.Count(w => !ReferenceEquals(w.Value, files[w.Key]));
                pinned += changed;
                var target = new ManifestFolder(destination, ProjectName);
                var result = target.Write(wanted);
                published.AddRange(result.Manifests.Select(f => (ITaskItem)new TaskItem(Path.Combine(target.Directory, f))));
                if (changed > 0)
                {
                    // The build's own folder names the pushed digest too, so the two folders never disagree.
                    new ManifestFolder(source, ProjectName).Write(wanted);
                    Log.LogMessage(MessageImportance.High, $"HevLayer: {changed} manifest(s) pinned to {pin!.Value.Reference} -> {Slash(target.Directory)} and {Slash(source)}");
                }
                else
                {
                    Log.LogMessage(MessageImportance.High, $"HevLayer: {result.Manifests.Count} manifest(s) -> {Slash(target.Directory)}");
                }
            }

            if (pin is not null && pinned == 0)
            {
                Log.LogMessage(
                    MessageImportance.High,
                    $"HevLayer: no workload's image is {string.Join(" or ", pin.Value.Pushed)}, the image this publish pushed, so no manifest was pinned (a workload's own [Worker(Image)], HevLayerImage or [assembly: HevLayerDefaults] names another).");
            }

            PublishedManifests = published.ToArray();
            return !Log.HasLoggedErrors;
        }
        catch (ManifestFolderException e)
        {
            Log.LogError(null, e.Code, null, ProjectPath, 0, 0, 0, 0, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, BuildRules.NotWritable.Id, null, ProjectPath, 0, 0, 0, 0, $"The manifests could not be published to {PublishDirectory}: {e.Message}");
            return false;
        }
    }

    /// <summary>What to pin to, or null (with the reason logged) when this publish pushed nothing a cluster can pull by digest.</summary>
    private (SortedSet<string> Pushed, string Digest, string Reference)? Decide()
    {
        var name = string.IsNullOrEmpty(Repository) ? "the image" : Repository + ":" + string.Join(",", Tags);
        if (!string.IsNullOrEmpty(ArchiveOutputPath))
        {
            Log.LogMessage(MessageImportance.High, $"HevLayer: {name} went to the archive {ArchiveOutputPath}, not to a registry, so the manifests are not pinned; they keep the tag.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(Registry))
        {
            Log.LogMessage(MessageImportance.High, $"HevLayer: {name} went to the local container runtime (ContainerRegistry is empty), not to a registry, so the manifests are not pinned; they keep the tag.");
            return null;
        }

        var pushed = ImagePin.PushedReferences(Registry, Repository, Tags);
        if (MultiArchitecture)
        {
            Warn($"The image {string.Join(", ", pushed)} was published for several architectures (ContainerRuntimeIdentifiers), and the .NET SDK exposes no digest of the image index it pushed, only each architecture's; one architecture's digest would pull that architecture everywhere, so the manifests are not pinned and keep the tag. Pin the index digest yourself (for example from `skopeo inspect --raw` of the tag), or publish one architecture.");
            return null;
        }

        if (ImagePin.DigestProblem(Digest) is { } problem)
        {
            Warn($"The container publish pushed {string.Join(", ", pushed)} but reported no usable digest (GeneratedContainerDigest '{Digest}': {problem}), so the manifests are not pinned and keep the tag.");
            return null;
        }

        if (pushed.Count == 0)
        {
            Warn($"The container publish reported no tag of {Repository} that it pushed, so the manifests are not pinned.");
            return null;
        }

        return (pushed, Digest, pushed.First() + "@" + Digest);
    }

    /// <summary>Each folder the build wrote, and where it goes in the publish output, in ordinal order.</summary>
    private IEnumerable<(string Source, string Destination)> Folders()
    {
        var root = Path.GetFullPath(ManifestsDirectory);
        var folders = new SortedSet<string>(
            WrittenManifests.Select(m => Path.GetDirectoryName(Path.GetFullPath(m.ItemSpec))!),
            StringComparer.Ordinal);
        if (folders.Count == 0 && Directory.Exists(root))
        {
            // No build in this run (--no-build): the folders a build left, found by their records: the project's
            // folder, or one folder per environment below it.
            if (File.Exists(Path.Combine(root, ManifestFolder.RecordFileName)))
            {
                folders.Add(root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            }

            foreach (var folder in Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, ManifestFolder.RecordFileName))))
            {
                folders.Add(folder);
            }
        }

        foreach (var folder in folders)
        {
            yield return (folder, Path.Combine(PublishDirectory, Relative(root, folder, folders.Count)));
        }
    }

    /// <summary>
    /// The folder's place below the build's manifests folder (empty for that folder itself); a folder elsewhere
    /// (a staging folder under obj/) is the publish folder itself when it is the only one, else its own name.
    /// </summary>
    private static string Relative(string root, string folder, int count)
    {
        var prefix = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (string.Equals(full, prefix, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        if (full.StartsWith(prefix, StringComparison.Ordinal))
        {
            return full.Substring(prefix.Length);
        }

        return count == 1 ? string.Empty : Path.GetFileName(folder);
    }

    private static string Slash(string folder) =>
        folder.EndsWith("/", StringComparison.Ordinal) || folder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? folder : folder + Path.DirectorySeparatorChar;

    private void Warn(string message) =>
        Log.LogWarning(null, BuildRules.NotPinned.Id, null, ProjectPath, 0, 0, 0, 0, message);
}

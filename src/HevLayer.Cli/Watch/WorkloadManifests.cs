using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Build;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Every workload's manifests as the passes read them, by declaring type, and the manifests folder they are
/// written to through the build task's <see cref="ManifestFolder"/>. A project that declares environments gets,
/// as in the build, one folder per selected environment (<c>manifests/dev/</c>), each with that environment's
/// manifests (the class's own facts there, else the shared ones with the environment's namespace and image),
/// and nothing of its own in the manifests folder itself.
/// </summary>
internal sealed class WorkloadManifests
{
    private readonly Dictionary<string, Rendered> manifests = new(StringComparer.Ordinal);
    private readonly bool emit;
    private readonly IReadOnlyList<DeploymentEnvironment> environments;
    private readonly Dictionary<string, ManifestFolder> folders = new(StringComparer.Ordinal);
    private bool rootCleaned;

    /// <param name="folder">The manifests folder (its writer remembers what it wrote).</param>
    /// <param name="emit">False when the project says HevLayerEmitManifests is false: checked, not written.</param>
    /// <param name="environments">The environments this watch writes (those <c>HevLayerEnvironments</c> selects), in declaration order; empty for a project without.</param>
    /// <param name="project">The project's name, the owner the folders record.</param>
    public WorkloadManifests(ManifestFolder folder, bool emit, IReadOnlyList<DeploymentEnvironment>? environments = null, string? project = null)
    {
        Folder = folder;
        this.emit = emit;
        this.environments = environments ?? Array.Empty<DeploymentEnvironment>();
        foreach (var environment in this.environments)
        {
            var own = new ManifestFolder(Path.Combine(folder.Directory, environment.Name) + Path.DirectorySeparatorChar, project ?? string.Empty);
            own.Remember();
            folders[environment.Name] = own;
        }
    }

    /// <summary>The manifests folder (its writer remembers what it wrote).</summary>
    public ManifestFolder Folder { get; }

    /// <summary>The folders written: each environment's, or the manifests folder when the project declares none.</summary>
    public IEnumerable<ManifestFolder> Folders => folders.Count == 0 ? new[] { Folder } : folders.Values;

    /// <summary>Someone else touched the file at <paramref name="path"/>: its folder reads it again before the next write.</summary>
    public void Forget(string path)
    {
        var directory = Path.GetFullPath(Path.GetDirectoryName(path) ?? string.Empty).TrimEnd(Path.DirectorySeparatorChar);
        foreach (var folder in folders.Values.Append(Folder))
        {
            if (folder.Directory.TrimEnd(Path.DirectorySeparatorChar) == directory)
            {
                folder.Forget(Path.GetFileName(path));
            }
        }
    }

    /// <summary>Replaces every manifest with <paramref name="found"/> (the whole project's).</summary>
    public void ReplaceAll(IEnumerable<TypeFacts> found)
    {
        manifests.Clear();
        foreach (var facts in found)
        {
            manifests[facts.Shared.SourceType] = Render(facts);
        }
    }

    /// <summary>Removes the manifests of the types <paramref name="gone"/>, then adds <paramref name="fresh"/>.</summary>
    public void Replace(IEnumerable<string> gone, IEnumerable<TypeFacts> fresh)
    {
        foreach (var type in gone)
        {
            manifests.Remove(type);
        }

        foreach (var facts in fresh)
        {
            manifests[facts.Shared.SourceType] = Render(facts);
        }
    }

    /// <summary>Writes the folder unless an error anywhere in the project says the build would fail; ends the pass.</summary>
    public PassResult Write(List<Diagnostic> shown, ProjectErrors errors, PassClock clock)
    {
        if (errors.Any || !emit)
        {
            clock.Stop();
            return new PassResult(Array.Empty<string>(), Array.Empty<string>(), manifests.Count * Math.Max(1, environments.Count), shown, Blocked: errors.Any, clock.Steps);
        }

        if (environments.Count == 0)
        {
            var result = Folder.Write(manifests.Values.Select(m => m.Shared!).ToList());
            clock.Step("write");
            clock.Stop();
            return new PassResult(result.Changed, result.Deleted, result.Manifests.Count, shown, Blocked: false, clock.Steps);
        }

        // As the build: the manifests folder itself holds nothing of its own once the project declares environments.
        var deleted = new List<string>();
        if (!rootCleaned)
        {
            deleted.AddRange(Folder.Clean());
            rootCleaned = true;
        }

        var changed = new List<string>();
        var count = 0;
        foreach (var environment in environments)
        {
            var result = folders[environment.Name].Write(manifests.Values.Select(m => m.Environments![environment.Name]).ToList());
            changed.AddRange(result.Changed.Select(f => environment.Name + "/" + f));
            deleted.AddRange(result.Deleted.Select(f => environment.Name + "/" + f));
            count += result.Manifests.Count;
        }

        clock.Step("write");
        clock.Stop();
        return new PassResult(changed, deleted, count, shown, Blocked: false, clock.Steps);
    }

    /// <summary>The manifests of one class: rendered once when its facts are read, not on every write.</summary>
    private Rendered Render(TypeFacts facts)
    {
        if (environments.Count == 0)
        {
            return new Rendered(RenderedManifest.Of(facts.Shared.ToModel()), null);
        }

        var byEnvironment = new Dictionary<string, RenderedManifest>(StringComparer.Ordinal);
        foreach (var environment in environments)
        {
            byEnvironment[environment.Name] = RenderedManifest.Of(facts.In(environment).ToModel());
        }

        return new Rendered(null, byEnvironment);
    }

    private sealed record Rendered(RenderedManifest? Shared, Dictionary<string, RenderedManifest>? Environments);
}

using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Build;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Every workload's manifest as the passes read it, by declaring type, and the manifests folder they are
/// written to through the build task's <see cref="ManifestFolder"/>.
/// </summary>
internal sealed class WorkloadManifests
{
    private readonly Dictionary<string, RenderedManifest> manifests = new(StringComparer.Ordinal);
    private readonly bool emit;

    /// <param name="folder">The manifests folder (its writer remembers what it wrote).</param>
    /// <param name="emit">False when the project says HevLayerEmitManifests is false: checked, not written.</param>
    public WorkloadManifests(ManifestFolder folder, bool emit)
    {
        Folder = folder;
        this.emit = emit;
    }

    /// <summary>The manifests folder (its writer remembers what it wrote).</summary>
    public ManifestFolder Folder { get; }

    /// <summary>Replaces every manifest with <paramref name="found"/> (the whole project's).</summary>
    public void ReplaceAll(IEnumerable<RenderedManifest> found)
    {
        manifests.Clear();
        foreach (var manifest in found)
        {
            manifests[manifest.Workload.SourceType] = manifest;
        }
    }

    /// <summary>Removes the manifests of the types <paramref name="gone"/>, then adds <paramref name="fresh"/>.</summary>
    public void Replace(IEnumerable<string> gone, IEnumerable<RenderedManifest> fresh)
    {
        foreach (var type in gone)
        {
            manifests.Remove(type);
        }

        foreach (var manifest in fresh)
        {
            manifests[manifest.Workload.SourceType] = manifest;
        }
    }

    /// <summary>Writes the folder unless an error anywhere in the project says the build would fail; ends the pass.</summary>
    public PassResult Write(List<Diagnostic> shown, ProjectErrors errors, PassClock clock)
    {
        if (errors.Any || !emit)
        {
            clock.Stop();
            return new PassResult(Array.Empty<string>(), Array.Empty<string>(), manifests.Count, shown, Blocked: errors.Any, clock.Steps);
        }

        var result = Folder.Write(manifests.Values.ToList());
        clock.Step("write");
        clock.Stop();
        return new PassResult(result.Changed, result.Deleted, result.Manifests.Count, shown, Blocked: false, clock.Steps);
    }
}

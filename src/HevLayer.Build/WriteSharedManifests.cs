using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Policy.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task of a multi-targeted project's outer build, after every target framework has built: the
/// targets whose <c>HevLayerManifestsDir</c> is one folder each staged their manifests under obj/; when
/// they agree, the folder is written once from them, and when they do not, nothing is written and the
/// error names the target frameworks and the workloads that differ. Inner builds run in parallel, so
/// none of them writes a shared folder itself.
/// </summary>
public sealed class WriteSharedManifests : Task
{
    /// <summary>One item per target framework that staged: the staging folder, with metadata <c>TargetFramework</c> and <c>ManifestsDirectory</c> (the shared folder).</summary>
    [Required]
    public ITaskItem[] StagedManifests { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The project's name, recorded as the folder's owner.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file, where problems are located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var ok = true;
        foreach (var folder in Folders().GroupBy(i => i.Directory, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var targets = folder
                .Select(i => (i.Framework, Files: new ManifestFolder(i.Staged, ProjectName).ReadManifests()))
                .OrderBy(t => t.Framework, StringComparer.Ordinal)
                .ToList();
            try
            {
                ok &= Write(folder.Key, targets);
            }
            catch (ManifestFolderException e)
            {
                Log.LogError(null, e.Code, null, ProjectPath, 0, 0, 0, 0, e.Message);
                ok = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogError(null, BuildRules.NotWritable.Id, null, ProjectPath, 0, 0, 0, 0, $"The manifests could not be written to {folder.Key}: {e.Message}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Each staged folder with the folder it is written to; a project with environments stages one folder per
    /// environment under its staging folder, written to the same environment's folder under the manifests folder.
    /// </summary>
    private IEnumerable<(string Staged, string Directory, string Framework)> Folders()
    {
        foreach (var item in StagedManifests)
        {
            var directory = Path.GetFullPath(item.GetMetadata("ManifestsDirectory"));
            var environments = Directory.Exists(item.ItemSpec)
                ? Directory.GetDirectories(item.ItemSpec).Where(d => File.Exists(Path.Combine(d, ManifestFolder.RecordFileName))).ToList()
                : new List<string>();
            if (environments.Count == 0)
            {
                yield return (item.ItemSpec, directory, item.GetMetadata("TargetFramework"));
                continue;
            }

            foreach (var environment in environments)
            {
                yield return (environment + Path.DirectorySeparatorChar, Path.Combine(directory, Path.GetFileName(environment)) + Path.DirectorySeparatorChar, item.GetMetadata("TargetFramework"));
            }
        }
    }

    private bool Write(string directory, List<(string Framework, SortedDictionary<string, string> Files)> targets)
    {
        var differences = SharedManifests.Differences(targets);
        if (differences.Count > 0)
        {
            var frameworks = string.Join(" and ", targets.Select(t => t.Framework));
            Log.LogError(
                null,
                BuildRules.SharedFolder.Id,
                null,
                ProjectPath,
                0,
                0,
                0,
                0,
                $"The target frameworks {frameworks} of {ProjectName} share the manifests folder {directory} and disagree: {string.Join("; ", differences)}. Nothing was written. Declare the same workloads for every target framework, or give each its own folder (the default, $(OutDir)manifests/).");
            return false;
        }

        var agreed = targets[0].Files.ToList();
        var result = new ManifestFolder(directory, ProjectName).Write(agreed);
        if (result.Manifests.Count > 0 || result.Changed.Count > 0 || result.Deleted.Count > 0)
        {
            var deleted = result.Deleted.Count == 0 ? string.Empty : $", {result.Deleted.Count} removed";
            Log.LogMessage(
                MessageImportance.High,
                $"HevLayer: {result.Manifests.Count} manifest(s), {result.Changed.Count} file(s) changed{deleted} -> {directory} (the same for {string.Join(", ", targets.Select(t => t.Framework))})");
        }

        return true;
    }
}

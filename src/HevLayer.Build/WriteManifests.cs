using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task: reads the manifests the generator embedded in the built assembly and writes them,
/// with a <c>kustomization.yaml</c>, into the manifests folder.
/// </summary>
public sealed class WriteManifests : Task
{
    /// <summary>The assembly the compiler just built.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The folder to write into (<c>HevLayerManifestsDir</c>).</summary>
    [Required]
    public string ManifestsDirectory { get; set; } = string.Empty;

    /// <summary>The project's name, recorded as the folder's owner and used in messages.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The manifest files, full paths, for later targets.</summary>
    [Output]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var embedded = ManifestReader.Read(AssemblyPath);
            var folder = new ManifestFolder(ManifestsDirectory, ProjectName);
            var result = folder.Write(embedded);
            Manifests = result.Manifests.Select(f => (ITaskItem)new TaskItem(Path.Combine(folder.Directory, f))).ToArray();
            var deleted = result.Deleted.Count == 0 ? string.Empty : $", {result.Deleted.Count} removed";
            Log.LogMessage(
                MessageImportance.High,
                $"HevLayer: {result.Manifests.Count} manifest(s), {result.Changed.Count} file(s) changed{deleted} -> {folder.Directory}");
            return true;
        }
        catch (ManifestFolderException e)
        {
            Log.LogError(null, e.Code, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            Log.LogError(null, "HEVL301", null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, $"The manifests could not be read from {AssemblyPath} or written to {ManifestsDirectory}: {e.Message}");
            return false;
        }
    }
}

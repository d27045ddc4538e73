using System;
using System.IO;
using System.Linq;
using HevLayer.Policy.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task, on <c>dotnet clean</c>: deletes the files the build wrote into the manifests folder, as
/// its record (<see cref="ManifestFolder.RecordFileName"/>) lists them, and nothing else.
/// </summary>
public sealed class CleanManifests : Task
{
    /// <summary>The manifests folder (<c>HevLayerManifestsDir</c>).</summary>
    [Required]
    public string ManifestsDirectory { get; set; } = string.Empty;

    /// <summary>The project's name, which the record must name as the folder's owner.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file, where problems are located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var folder = new ManifestFolder(ManifestsDirectory, ProjectName);
        try
        {
            // A project with environments writes one folder per environment under the manifests folder.
            var environments = Directory.Exists(ManifestsDirectory)
                ? Directory.GetDirectories(ManifestsDirectory).Where(d => File.Exists(Path.Combine(d, ManifestFolder.RecordFileName))).OrderBy(d => d, StringComparer.Ordinal).ToList()
                : new System.Collections.Generic.List<string>();
            foreach (var environment in environments)
            {
                Clean(new ManifestFolder(environment + Path.DirectorySeparatorChar, ProjectName));
            }

            var deleted = folder.Clean();
            if (deleted.Count > 0)
            {
                Log.LogMessage(MessageImportance.Normal, $"HevLayer: {deleted.Count} file(s) removed from {folder.Directory}");
            }

            return true;
        }
        catch (ManifestFolderException e) when (e.Code == BuildRules.SharedFolder.Id)
        {
            // Another project's folder: its own clean removes its files.
            Log.LogMessage(MessageImportance.Normal, $"HevLayer: {folder.Directory} left alone: {e.Message}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, BuildRules.NotWritable.Id, null, ProjectPath, 0, 0, 0, 0, $"The manifests in {folder.Directory} could not be removed: {e.Message}");
            return false;
        }
    }

    /// <summary>Cleans one environment's folder; another project's is left to that project's own clean.</summary>
    private void Clean(ManifestFolder folder)
    {
        try
        {
            var deleted = folder.Clean();
            if (deleted.Count > 0)
            {
                Log.LogMessage(MessageImportance.Normal, $"HevLayer: {deleted.Count} file(s) removed from {folder.Directory}");
            }
        }
        catch (ManifestFolderException e) when (e.Code == BuildRules.SharedFolder.Id)
        {
            Log.LogMessage(MessageImportance.Normal, $"HevLayer: {folder.Directory} left alone: {e.Message}");
        }
    }
}

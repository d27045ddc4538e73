using System;
using System.IO;
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
}

using System;
using System.IO;
using System.Text;
using HevLayer.Policy.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task: before compile, fetches the live cluster's <c>InfraRules/default</c> into a snapshot
/// under obj/, which the analyzers then check workloads against exactly as they would a file. Every
/// failure fails the build; nothing falls back to a stale file.
/// </summary>
public sealed class FetchInfraRules : Task
{
    /// <summary>Where to write the snapshot.</summary>
    [Required]
    public string SnapshotPath { get; set; } = string.Empty;

    /// <summary>The kube context to use (<c>HevLayerKubeContext</c>); empty for the kubeconfig's current one.</summary>
    public string KubeContext { get; set; } = string.Empty;

    /// <summary>How long the API server may take (<c>HevLayerClusterTimeoutSeconds</c>).</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>The project file (<c>$(MSBuildProjectFullPath)</c>), where a failed fetch is located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The environment whose cluster this is (an <c>HevLayerEnvironment</c> item); empty for the project's own HevLayerInfraRulesSource.</summary>
    public string Environment { get; set; } = string.Empty;

    private string Of(string message) => string.IsNullOrEmpty(Environment) ? message : "Environment '" + Environment + "': " + message;

    /// <summary>Where the snapshot came from, for diagnostics: the cluster and context.</summary>
    [Output]
    public string Source { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
#if NET
        try
        {
            var snapshot = ClusterInfraRules.Fetch(string.IsNullOrWhiteSpace(KubeContext) ? null : KubeContext.Trim(), TimeSpan.FromSeconds(Math.Max(1, TimeoutSeconds)));
            var bytes = new UTF8Encoding(false).GetBytes(snapshot.Yaml);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(SnapshotPath))!);
            if (!File.Exists(SnapshotPath) || !ManifestFolder.SameBytes(File.ReadAllBytes(SnapshotPath), bytes))
            {
                ManifestFolder.WriteAtomically(Path.GetFullPath(SnapshotPath), bytes);
            }

            Source = snapshot.Source;
            Log.LogMessage(MessageImportance.High, $"HevLayer: InfraRules/default{(string.IsNullOrEmpty(Environment) ? string.Empty : " of " + Environment)} from {snapshot.Source} -> {SnapshotPath}");
            return true;
        }
        catch (ClusterFetchException e)
        {
            // A failed fetch leaves no snapshot behind, so nothing can check against stale rules.
            TryDelete(SnapshotPath);
            LogError(e.Code, Of(e.Message));
            return false;
        }
        catch (ManifestFolderException e)
        {
            LogError(e.Code, Of(e.Message));
            return false;
        }
        catch (Exception e)
        {
            // Not the cluster's answer and not the kubeconfig (those are ClusterFetchExceptions): an IO
            // failure or our own bug, under its own id, with the message less anything like a credential.
            TryDelete(SnapshotPath);
            var unexpected = ClusterInfraRules.Unexpected(e);
            LogError(unexpected.Code, Of(unexpected.Message));
            return false;
        }
#else
        LogError(
            BuildRules.NeedsDotnetBuild.Id,
            "HevLayerInfraRulesSource=cluster needs `dotnet build` (MSBuild on .NET): KubernetesClient does not load in MSBuild on .NET Framework. Use dotnet build, or save the object with `kubectl get infrarules default -o yaml > infrarules.yaml` and build with the file.");
        return false;
#endif
    }

    /// <summary>
    /// A failed fetch is the project's to fix, so it is located at the project file (as the folder problems,
    /// HEVL301-305, are): at the <c>HevLayerKubeContext</c> element for a context problem (HEVL405) when the
    /// project sets it, else at the <c>HevLayerInfraRulesSource</c> element that turned the cluster source on,
    /// else at the file. Never at the package's targets.
    /// </summary>
    private void LogError(string code, string message)
    {
        var file = string.IsNullOrEmpty(ProjectPath) ? BuildEngine?.ProjectFileOfTaskNode : ProjectPath;
        var (line, column) = (0, 0);
        if (!string.IsNullOrEmpty(ProjectPath))
        {
            if (code == BuildRules.Kubeconfig.Id)
            {
                (line, column) = ProjectProperty.Locate(ProjectPath, "HevLayerKubeContext");
            }

            if (line == 0)
            {
                (line, column) = ProjectProperty.Locate(ProjectPath, "HevLayerInfraRulesSource");
            }
        }

        Log.LogError(null, code, null, file, line, column, 0, 0, message);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The build fails anyway; the target also drops the snapshot from the compilation.
        }
    }
}

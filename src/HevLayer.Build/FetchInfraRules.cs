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
            Log.LogError(null, e.Code, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, Of(e.Message));
            return false;
        }
        catch (ManifestFolderException e)
        {
            Log.LogError(null, e.Code, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, Of(e.Message));
            return false;
        }
        catch (Exception e)
        {
            // Not the cluster's answer and not the kubeconfig (those are ClusterFetchExceptions): an IO
            // failure or our own bug, under its own id, with the message less anything like a credential.
            TryDelete(SnapshotPath);
            var unexpected = ClusterInfraRules.Unexpected(e);
            Log.LogError(null, unexpected.Code, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, Of(unexpected.Message));
            return false;
        }
#else
        Log.LogError(null, BuildRules.NeedsDotnetBuild.Id, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
            "HevLayerInfraRulesSource=cluster needs `dotnet build` (MSBuild on .NET): KubernetesClient does not load in MSBuild on .NET Framework. Use dotnet build, or save the object with `kubectl get infrarules default -o yaml > infrarules.yaml` and build with the file.");
        return false;
#endif
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

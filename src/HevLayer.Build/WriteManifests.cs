using HevLayer.Policy.Rules;
using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task: reads the workload facts the generator put on each class of the built assembly, renders
/// each manifest, and writes them, with a <c>kustomization.yaml</c>, into the manifests folder.
/// </summary>
public sealed class WriteManifests : Task
{
    /// <summary>The assembly the compiler just built.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The folder to write into (<c>HevLayerManifestsDir</c>).</summary>
    [Required]
    public string ManifestsDirectory { get; set; } = string.Empty;

    /// <summary>
    /// When set, the manifests are written here (obj/, per target framework) instead of into
    /// <see cref="ManifestsDirectory"/>, which several target frameworks share; the outer build writes that.
    /// </summary>
    public string StagingDirectory { get; set; } = string.Empty;

    /// <summary>The target framework of this build, for messages.</summary>
    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>The project's name, recorded as the folder's owner and used in messages.</summary>
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file (<c>$(MSBuildProjectFullPath)</c>), where a folder problem is located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The InfraRules files the analyzers checked against (metadata HevLayerInfraRulesSource names a cluster snapshot's source).</summary>
    public ITaskItem[] InfraRulesFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The environments this build writes (<c>HevLayerEnvironments</c>: names separated by <c>,</c> or <c>;</c>); empty
    /// for every environment the project declares. Ignored by a project without environments.
    /// </summary>
    public string Environments { get; set; } = string.Empty;

    /// <summary><c>HevLayerEnvironmentTable</c>: the declared environments with their InfraRules files, for the summary.</summary>
    public string EnvironmentTable { get; set; } = string.Empty;

    /// <summary>When set, the summary is appended to this file as Markdown (for example $GITHUB_STEP_SUMMARY).</summary>
    public string SummaryFile { get; set; } = string.Empty;

    /// <summary>The manifest files, full paths, for later targets.</summary>
    [Output]
    public ITaskItem[] Manifests { get; set; } = Array.Empty<ITaskItem>();

    private void Summarize(System.Collections.Generic.IReadOnlyList<RenderedManifest> rendered, string? environment)
    {
        var files = (environment is null
                ? InfraRulesFiles
                : Policy.Model.DeploymentEnvironments.Parse(EnvironmentTable).Where(e => e.Name == environment && e.InfraRules is not null).Select(e => (ITaskItem)new TaskItem(e.InfraRules!)))
            .Where(f => File.Exists(f.ItemSpec)).ToList();
        var reads = files.Select(f => Policy.InfraRules.InfraRulesReader.Read(f.ItemSpec, File.ReadAllText(f.ItemSpec))).ToList();
        var describe = files.Zip(reads, (f, r) => (f, r)).ToDictionary(
            p => p.r,
            p => string.IsNullOrEmpty(p.f.GetMetadata("HevLayerInfraRulesSource")) ? Path.GetFileName(p.f.ItemSpec) : p.f.GetMetadata("HevLayerInfraRulesSource"));
        var (model, _) = Policy.InfraRules.InfraRulesSources.Combine(reads, r => describe[r]);
        var source = (model?.Source ?? "none found") + (environment is null ? string.Empty : " (environment " + environment + ")");
        var rows = BuildSummary.Rows(rendered, model);
        if (rows.Count <= BuildSummary.ConsoleRows)
        {
            foreach (var line in BuildSummary.Text(ProjectName, source, rows))
            {
                Log.LogMessage(MessageImportance.High, line);
            }
        }
        else
        {
            // A big project gets the workloads closest to their ceilings; the full table is one verbosity level down.
            var tightest = BuildSummary.Text(ProjectName, source, BuildSummary.Tightest(rows));
            foreach (var line in tightest)
            {
                Log.LogMessage(MessageImportance.High, line);
            }

            Log.LogMessage(MessageImportance.High, $"  ... {rows.Count - BuildSummary.ConsoleRows} more with more headroom (all {rows.Count} with -v:n, or in HevLayerSummaryFile)");
            foreach (var line in BuildSummary.Text(ProjectName, source, rows))
            {
                Log.LogMessage(MessageImportance.Normal, line);
            }
        }

        if (!string.IsNullOrWhiteSpace(SummaryFile))
        {
            File.AppendAllText(SummaryFile, BuildSummary.Markdown(ProjectName, source, rows));
        }
    }

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var facts = AssemblyFactsReader.ReadFacts(File.ReadAllBytes(AssemblyPath), AssemblyPath);
            if (facts.Environments.Count == 0)
            {
                return Write(facts.Shared(), ManifestsDirectory, StagingDirectory, null);
            }

            // One folder per environment; the folder itself holds no manifests of its own any more.
            var selected = Selected(facts.Environments);
            var root = new ManifestFolder(string.IsNullOrEmpty(StagingDirectory) ? ManifestsDirectory : StagingDirectory, ProjectName);
            var removed = root.Clean();
            if (removed.Count > 0)
            {
                Log.LogMessage(MessageImportance.Normal, $"HevLayer: the project declares environments; {removed.Count} file(s) an earlier build wrote directly in {root.Directory} removed.");
            }

            var ok = true;
            var written = new System.Collections.Generic.List<ITaskItem>();
            foreach (var environment in selected)
            {
                ok &= Write(facts.In(environment), Path.Combine(ManifestsDirectory, environment.Name) + Path.DirectorySeparatorChar, string.IsNullOrEmpty(StagingDirectory) ? string.Empty : Path.Combine(StagingDirectory, environment.Name) + Path.DirectorySeparatorChar, environment.Name);
                written.AddRange(Manifests);
            }

            Manifests = written.ToArray();
            return ok;
        }
        catch (ManifestFolderException e)
        {
            LogFolderError(e.Code, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            LogFolderError(BuildRules.NotWritable.Id, $"The manifests could not be read from {AssemblyPath} or written to {ManifestsDirectory}: {e.Message}");
            return false;
        }
    }

    /// <summary>The declared environments that <see cref="Environments"/> selects, in declaration order.</summary>
    private System.Collections.Generic.IEnumerable<Policy.Model.DeploymentEnvironment> Selected(Policy.Model.EquatableArray<Policy.Model.DeploymentEnvironment> declared)
    {
        var names = Policy.Model.DeploymentEnvironments.Names(Environments);
        return names.Count == 0 ? declared : declared.Where(e => names.Contains(e.Name, StringComparer.Ordinal));
    }

    /// <summary>Writes one folder: the project's, or one environment's (<paramref name="environment"/>).</summary>
    private bool Write(System.Collections.Generic.IReadOnlyList<RenderedManifest> rendered, string directory, string staging, string? environment)
    {
        var staged = !string.IsNullOrEmpty(staging);
        var folder = new ManifestFolder(staged ? staging : directory, ProjectName);
        var result = folder.Write(rendered);
        Manifests = result.Manifests.Select(f => (ITaskItem)new TaskItem(Path.Combine(folder.Directory, f))).ToArray();
        var deleted = result.Deleted.Count == 0 ? string.Empty : $", {result.Deleted.Count} removed";
        var of = environment is null ? string.Empty : $" of {environment}";
        if (result.Manifests.Count == 0 && result.Changed.Count == 0 && result.Deleted.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"HevLayer: no workloads in this project{of}; nothing written.");
            return true;
        }

        if (staged)
        {
            Log.LogMessage(
                MessageImportance.Normal,
                $"HevLayer: {result.Manifests.Count} manifest(s){of} of {TargetFramework} staged in {folder.Directory}; {directory} is shared with other target frameworks and written once all of them have built.");
        }
        else
        {
            Log.LogMessage(
                MessageImportance.High,
                $"HevLayer: {result.Manifests.Count} manifest(s){of}, {result.Changed.Count} file(s) changed{deleted} -> {folder.Directory}");
        }

        // A no-op build repeats nothing: the summary appears when the manifests changed, or always
        // when a summary file is asked for (CI). This also keeps InfraRules parsing off no-op builds.
        if (result.Changed.Count > 0 || result.Deleted.Count > 0 || !string.IsNullOrWhiteSpace(SummaryFile))
        {
            Summarize(rendered, environment);
        }

        return true;
    }

    /// <summary>
    /// A folder problem is the project's to fix, so it is located at the project file: at the
    /// <c>HevLayerManifestsDir</c> element when the project file sets it, else at the file. Never at these targets.
    /// </summary>
    private void LogFolderError(string code, string message)
    {
        var file = string.IsNullOrEmpty(ProjectPath) ? BuildEngine?.ProjectFileOfTaskNode : ProjectPath;
        var (line, column) = string.IsNullOrEmpty(ProjectPath) ? (0, 0) : ProjectProperty.Locate(ProjectPath, "HevLayerManifestsDir");
        Log.LogError(null, code, null, file, line, column, 0, 0, message);
    }
}

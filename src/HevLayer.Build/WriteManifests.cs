using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task: reads the workload facts the generator put on each class of the built assembly, renders
/// each manifest, and writes them, with a <c>kustomization.yaml</c>, into the manifests folder (with environments,
/// one folder per environment). With a <see cref="StateDirectory"/>, it remembers each folder's last write
/// (<see cref="ManifestState"/>), so an edit build decodes, renders and reads back only the workloads whose
/// manifests may have changed.
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

    /// <summary>
    /// Where the task keeps its <see cref="ManifestState"/> (obj/, per configuration and target framework),
    /// one file per output folder. Empty: no state, every build decodes, renders and compares every manifest.
    /// </summary>
    public string StateDirectory { get; set; } = string.Empty;

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

    /// <summary>The state files in <see cref="StateDirectory"/> of the folders this build wrote, for <c>FileWrites</c> (so <c>dotnet clean</c> removes them).</summary>
    [Output]
    public ITaskItem[] StateFiles { get; set; } = Array.Empty<ITaskItem>();

    private readonly Stopwatch clock = new();

    private double factsMs;

    private readonly List<ITaskItem> stateFiles = new();

    /// <summary>The InfraRules files the summary of <paramref name="environment"/> (null: the project's folder) reads, existing or not.</summary>
    private List<ITaskItem> InfraRulesFilesOf(DeploymentEnvironment? environment) =>
        (environment is null
            ? InfraRulesFiles
            : DeploymentEnvironments.Parse(EnvironmentTable).Where(e => e.Name == environment.Name && e.InfraRules is not null).Select(e => (ITaskItem)new TaskItem(e.InfraRules!)))
        .ToList();

    /// <summary>The InfraRules files' stamps, as <see cref="ManifestState"/> records them.</summary>
    private static List<string> InfraRulesStamps(List<ITaskItem> files) =>
        files.Select(f => ManifestState.Stamp(f.ItemSpec, f.GetMetadata("HevLayerInfraRulesSource"))).ToList();

    /// <summary>
    /// Logs the summary of <paramref name="unsorted"/>, each row's ceiling from InfraRules. The ceilings come
    /// from <paramref name="state"/> while the InfraRules files are as they were (no YAML read on an edit
    /// build); else the files are read, and the state records what they set.
    /// </summary>
    private void Summarize(IReadOnlyList<SummaryRow> unsorted, ManifestState state, DeploymentEnvironment? environment)
    {
        if (state.InfraRulesSource is null)
        {
            var all = InfraRulesFilesOf(environment);
            var files = all.Where(f => File.Exists(f.ItemSpec)).ToList();
            var reads = files.Select(f => Policy.InfraRules.InfraRulesReader.Read(f.ItemSpec, File.ReadAllText(f.ItemSpec))).ToList();
            var describe = files.Zip(reads, (f, r) => (f, r)).ToDictionary(
                p => p.r,
                p => string.IsNullOrEmpty(p.f.GetMetadata("HevLayerInfraRulesSource")) ? Path.GetFileName(p.f.ItemSpec) : p.f.GetMetadata("HevLayerInfraRulesSource"));
            var (model, _) = Policy.InfraRules.InfraRulesSources.Combine(reads, r => describe[r]);
            state.InfraRulesStamps.Clear();
            state.InfraRulesStamps.AddRange(InfraRulesStamps(all));
            state.InfraRulesSource = model?.Source ?? "none found";
            state.Ceilings.Clear();
            foreach (var pool in model is null ? Enumerable.Empty<Policy.InfraRules.PoolCeiling>() : model.Pools)
            {
                // The first pool of a name, as InfraRulesModel.Find answers.
                if (!state.Ceilings.ContainsKey(pool.Name))
                {
                    state.Ceilings.Add(pool.Name, pool.MaxReplicasPerWorkload);
                }
            }
        }

        var name = environment?.Name;
        var source = state.InfraRulesSource;
        var rows = unsorted
            .Select(r => r with { Ceiling = state.Ceilings.TryGetValue(r.Pool, out var ceiling) ? ceiling : null })
            .OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ToList();
        if (rows.Count <= BuildSummary.ConsoleRows)
        {
            foreach (var line in BuildSummary.Text(ProjectName, source, rows, name))
            {
                Log.LogMessage(MessageImportance.High, line);
            }
        }
        else
        {
            // A big project gets the workloads closest to their ceilings; the full table is one verbosity level down.
            var tightest = BuildSummary.Text(ProjectName, source, BuildSummary.Tightest(rows), name);
            foreach (var line in tightest)
            {
                Log.LogMessage(MessageImportance.High, line);
            }

            Log.LogMessage(MessageImportance.High, $"  ... {rows.Count - BuildSummary.ConsoleRows} more with more headroom (all {rows.Count} with -v:n, or in HevLayerSummaryFile)");

            // The full table only for a logger that shows it: at the console's default verbosity, formatting
            // a row per workload was most of an edit build's summary.
            if (LogsNormalMessages())
            {
                foreach (var line in BuildSummary.Text(ProjectName, source, rows, name))
                {
                    Log.LogMessage(MessageImportance.Normal, line);
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(SummaryFile))
        {
            File.AppendAllText(SummaryFile, BuildSummary.Markdown(ProjectName, source, rows, name));
        }
    }

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            clock.Restart();
            using var assembly = AssemblyFactsReader.ReadStored(File.ReadAllBytes(AssemblyPath), AssemblyPath);
            factsMs = clock.Elapsed.TotalMilliseconds;
            if (assembly.Environments.Count == 0)
            {
                return Write(assembly, null, ManifestsDirectory, StagingDirectory);
            }

            // One folder per environment; the folder itself holds no manifests of its own any more.
            var selected = Selected(assembly.Environments);
            var root = new ManifestFolder(string.IsNullOrEmpty(StagingDirectory) ? ManifestsDirectory : StagingDirectory, ProjectName);
            var removed = root.Clean();
            if (removed.Count > 0)
            {
                Log.LogMessage(MessageImportance.Normal, $"HevLayer: the project declares environments; {removed.Count} file(s) an earlier build wrote directly in {root.Directory} removed.");
            }

            var ok = true;
            var written = new List<ITaskItem>();
            foreach (var environment in selected)
            {
                ok &= Write(assembly, environment, Path.Combine(ManifestsDirectory, environment.Name) + Path.DirectorySeparatorChar, string.IsNullOrEmpty(StagingDirectory) ? string.Empty : Path.Combine(StagingDirectory, environment.Name) + Path.DirectorySeparatorChar);
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
        finally
        {
            StateFiles = stateFiles.ToArray();
        }
    }

    /// <summary>The declared environments that <see cref="Environments"/> selects, in declaration order.</summary>
    private IEnumerable<DeploymentEnvironment> Selected(EquatableArray<DeploymentEnvironment> declared)
    {
        var names = DeploymentEnvironments.Names(Environments);
        return names.Count == 0 ? declared : declared.Where(e => names.Contains(e.Name, StringComparer.Ordinal));
    }

    /// <summary>
    /// Writes one folder: the project's (<paramref name="environment"/> null), or one environment's. A workload
    /// whose hash in this folder (<see cref="StoredWorkload.Hash"/>) is one the folder's state recorded, and whose
    /// file still has the length and time recorded then, is neither decoded, rendered nor read back; every other
    /// one is, as without a state. A missing, unreadable or foreign state is no state.
    /// </summary>
    private bool Write(StoredAssembly assembly, DeploymentEnvironment? environment, string directory, string staging)
    {
        var started = clock.Elapsed.TotalMilliseconds;
        var staged = !string.IsNullOrEmpty(staging);
        var folder = new ManifestFolder(staged ? staging : directory, ProjectName);
        var statePath = string.IsNullOrEmpty(StateDirectory) ? null : ManifestState.PathFor(StateDirectory, folder.Directory);
        if (statePath is not null)
        {
            stateFiles.Add(new TaskItem(statePath));
        }

        var stateText = statePath is null ? null : ReadState(statePath);
        var previous = stateText is null ? null : ManifestState.Parse(stateText, folder.Directory, ProjectName);
        var state = new ManifestState(folder.Directory, ProjectName);
        var stateMs = clock.Elapsed.TotalMilliseconds;

        var context = ManifestState.Context(environment);
        var onDisk = previous is null || previous.Workloads.Count == 0 ? null : ListFolder(folder.Directory);
        var rendered = new List<(string Hash, RenderedManifest Manifest, SummaryRow Row)>();
        var unchanged = new List<string>();
        var rows = new List<SummaryRow>();
        foreach (var workload in assembly.Workloads)
        {
            var hash = statePath is null ? string.Empty : workload.Hash(context, environment);
            if (previous is not null && previous.NoManifest.Contains(hash))
            {
                state.NoManifest.Add(hash);
                continue;
            }

            if (previous is not null && onDisk is not null && previous.Workloads.TryGetValue(hash, out var known)
                && onDisk.TryGetValue(known.FileName, out var stamp) && ManifestState.Matches(known, stamp.Length, stamp.Ticks))
            {
                unchanged.Add(known.FileName);
                rows.Add(known.Row);
                state.Workloads[hash] = known;
                continue;
            }

            if (workload.Render(environment) is not { } manifest)
            {
                state.NoManifest.Add(hash);
                continue;
            }

            var row = BuildSummary.Rows(new[] { manifest }, null)[0];
            rendered.Add((hash, manifest, row));
            rows.Add(row);
        }

        var renderMs = clock.Elapsed.TotalMilliseconds;
        var result = folder.Write(rendered.Select(r => new KeyValuePair<string, string>(r.Manifest.FileName, r.Manifest.Yaml)).ToList(), unchanged);
        var writeMs = clock.Elapsed.TotalMilliseconds;
        Manifests = result.Manifests.Select(f => (ITaskItem)new TaskItem(Path.Combine(folder.Directory, f))).ToArray();
        var deleted = result.Deleted.Count == 0 ? string.Empty : $", {result.Deleted.Count} removed";
        var of = environment is null ? string.Empty : $" of {environment.Name}";
        if (result.Manifests.Count == 0 && result.Changed.Count == 0 && result.Deleted.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"HevLayer: no workloads in this project{of}; nothing written.");
        }
        else
        {
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

            // The ceilings the state recorded hold while the InfraRules files are as they were.
            if (previous is not null && previous.InfraRulesSource is not null && previous.InfraRulesStamps.SequenceEqual(InfraRulesStamps(InfraRulesFilesOf(environment))))
            {
                state.InfraRulesStamps.AddRange(previous.InfraRulesStamps);
                state.InfraRulesSource = previous.InfraRulesSource;
                foreach (var ceiling in previous.Ceilings)
                {
                    state.Ceilings.Add(ceiling.Key, ceiling.Value);
                }
            }

            // A no-op build repeats nothing: the summary appears when the manifests changed, or always
            // when a summary file is asked for (CI). This also keeps InfraRules parsing off no-op builds.
            if (result.Changed.Count > 0 || result.Deleted.Count > 0 || !string.IsNullOrWhiteSpace(SummaryFile))
            {
                Summarize(rows, state, environment);
            }
        }

        var summaryMs = clock.Elapsed.TotalMilliseconds;
        if (statePath is not null)
        {
            // Each rendered manifest as it is on disk now: written, or found with the right bytes.
            foreach (var (hash, manifest, row) in rendered)
            {
                var file = new FileInfo(Path.Combine(folder.Directory, manifest.FileName));
                if (file.Exists)
                {
                    state.Workloads[hash] = new ManifestStateEntry(hash, manifest.FileName, file.Length, file.LastWriteTimeUtc.Ticks, row);
                }
            }

            state.Save(statePath, stateText);
        }

        // Where the task's time went, for -v:detailed and the benchmarks (docs/performance.md).
        Log.LogMessage(
            MessageImportance.Low,
            string.Format(
                CultureInfo.InvariantCulture,
                "HevLayer: manifests task timings{0}: facts read {1:0.0} ms, state read {2:0.0} ms, {3} of {4} rendered {5:0.0} ms, folder {6:0.0} ms, summary {7:0.0} ms, state written {8:0.0} ms ({9})",
                of,
                factsMs,
                stateMs - started,
                rendered.Count,
                assembly.Workloads.Count,
                renderMs - stateMs,
                writeMs - renderMs,
                summaryMs - writeMs,
                clock.Elapsed.TotalMilliseconds - summaryMs,
                previous is null ? "no state: full path" : "state used"));
        return true;
    }

    /// <summary>True when some logger takes messages of normal importance (true on an MSBuild too old to say).</summary>
    private bool LogsNormalMessages()
    {
        try
        {
            return AskLogsNormalMessages();
        }
        catch (MissingMethodException)
        {
            return true;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool AskLogsNormalMessages() => Log.LogsMessagesOfImportance(MessageImportance.Normal);

    /// <summary>The state's text, or null when there is none or it cannot be read (the full path then).</summary>
    private static string? ReadState(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Each file's length and last write time in one listing of the folder (empty when it does not exist).</summary>
    private static Dictionary<string, (long Length, long Ticks)> ListFolder(string directory)
    {
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        if (Directory.Exists(directory))
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
            {
                files[file.Name] = (file.Length, file.LastWriteTimeUtc.Ticks);
            }
        }

        return files;
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

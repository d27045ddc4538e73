using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using HevLayer.Build;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>
/// The loop of <c>hevlayer watch</c>: load, write, then one pass per batch of saves until cancelled. Its
/// entry point names no compiler type, so that the SDK's compiler can be chosen before any is loaded.
/// </summary>
internal static class WatchLoop
{
    /// <summary>The line printed when the first pass is written and the watch begins (tests wait for it).</summary>
    public const string Watching = "Watching for changes";

    /// <summary>How the line of a whole-project check after saves begins.</summary>
    public const string CheckLabel = "whole-project check";

    /// <summary>Files MSBuild imports from the project's folder or any folder above it.</summary>
    private static readonly string[] ImportedFromAbove = { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" };

    /// <summary>Files that make the project's inputs change: the project is loaded again through MSBuild.</summary>
    private static readonly string[] ProjectFileNames = ImportedFromAbove.Concat(new[] { "global.json", "nuget.config", "NuGet.Config" }).ToArray();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Run(ProjectInputs first, string? framework, string? configuration, bool timings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var loader = new AnalyzerLoader();
        var inputs = first;
        var printed = new HashSet<string>(StringComparer.Ordinal);
        WatchSession session;

        // Watching starts before the first pass, so a save made while it runs is not missed.
        using var changes = new FileChanges(first.ProjectDirectory, new[] { Path.Combine(first.ProjectDirectory, "bin"), Path.Combine(first.ProjectDirectory, "obj") });
        try
        {
            session = Load(inputs, loader, stdout, stderr, cancellationToken);
            Track(changes, session);
            var clock = Stopwatch.StartNew();
            Report(stdout, printed, timings, "first pass (the whole project checked)", session.Full(cancellationToken), clock);
        }
        catch (OperationCanceledException)
        {
            return Program.Clean;
        }
        catch (ManifestFolderException e)
        {
            stderr.WriteLine($"{e.Code}: {e.Message}");
            return Program.UsageOrIo;
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine("hevlayer: " + e.Message);
            return Program.UsageOrIo;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            Track(changes, session);
            stdout.WriteLine($"{Watching} in {session.Inputs.ProjectDirectory} (Ctrl+C to stop).");
            try
            {
                while (true)
                {
                    if (session.CheckPending)
                    {
                        // The whole-project check of the last saves, until the next save arrives (it goes first).
                        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, changes.NextArrival());
                        try
                        {
                            var clock = Stopwatch.StartNew();
                            if (session.Check(check.Token) is { } pass)
                            {
                                Report(stdout, printed, timings, CheckLabel, pass, clock);
                            }
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                        }
                    }

                    var batch = changes.Next(cancellationToken);
                    var started = Stopwatch.StartNew();
                    foreach (var path in batch.Where(p => p.StartsWith(changes.ManifestsDirectory, StringComparison.Ordinal)))
                    {
                        // Someone else touched the folder: read that file again before the next write decides anything.
                        session.Forget(path);
                    }

                    var inputsBatch = batch.Where(p => !p.StartsWith(changes.ManifestsDirectory, StringComparison.Ordinal)).ToList();
                    if (inputsBatch.Count == 0)
                    {
                        continue;
                    }

                    var sources = new HashSet<string>(session.SourceFiles, StringComparer.Ordinal);
                    var additional = new HashSet<string>(session.AdditionalFiles, StringComparer.Ordinal);
                    if (inputsBatch.FirstOrDefault(p => NeedsReload(p, session, sources)) is { } reason)
                    {
                        stdout.WriteLine($"{Relative(session, reason)}: the project's inputs changed; loading them again through MSBuild.");
                        try
                        {
                            inputs = ProjectInputs.Load(session.Inputs.ProjectFile, framework, configuration);
                            session = Load(inputs, loader, stdout, stderr, cancellationToken);
                            Report(stdout, printed, timings, Relative(session, reason), session.Full(cancellationToken), started);
                        }
                        catch (ProjectLoadException e)
                        {
                            stderr.WriteLine("hevlayer: " + e.Message);
                            stdout.WriteLine("The previous inputs stay loaded; fix the project and save again.");
                        }

                        break;
                    }

                    var changedSources = inputsBatch.Where(sources.Contains).ToList();
                    var changedAdditional = inputsBatch.Where(additional.Contains).ToList();
                    if (changedSources.Count + changedAdditional.Count == 0)
                    {
                        continue;
                    }

                    var what = string.Join(", ", changedSources.Concat(changedAdditional).Select(p => Relative(session, p)));
                    try
                    {
                        if (session.Saved(changedSources, changedAdditional, cancellationToken) is { } saved)
                        {
                            Report(stdout, printed, timings, what, saved, started);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // (InvalidDataException, a generator this tool cannot read, is an IOException too.)
                        // A file an editor still holds, or one removed under us: the next save tries again.
                        stdout.WriteLine($"{what}: not read ({e.Message}); waiting for the next save.");
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ManifestFolderException e)
            {
                stderr.WriteLine($"{e.Code}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A check or a reload that could not read a file (or a generator this tool cannot read): say so, keep watching.
                stderr.WriteLine("hevlayer: " + e.Message);
            }
        }

        stdout.WriteLine("Stopped.");
        return Program.Clean;
    }

    private static WatchSession Load(ProjectInputs inputs, AnalyzerLoader loader, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var session = WatchSession.Create(inputs, loader, cancellationToken);
        foreach (var warning in session.LoadWarnings)
        {
            stderr.WriteLine("hevlayer: warning: an analyzer or generator could not be loaded: " + warning);
        }

        var write = inputs.EmitManifests ? "-> " + string.Join(", ", session.Folders.Select(f => f.Directory)) : "(HevLayerEmitManifests is false: checked, not written)";
        stdout.WriteLine($"{inputs.ProjectName}: {session.SourceFiles.Count()} source files loaded in {clock.ElapsedMilliseconds} ms with the compiler in {SdkRoslyn.Folder} {write}");
        return session;
    }

    /// <summary>True when <paramref name="path"/> changes what MSBuild would give the compiler: the project, its imports, its config files, or the set of source files.</summary>
    private static bool NeedsReload(string path, WatchSession session, HashSet<string> sources)
    {
        var name = Path.GetFileName(path);
        if (string.Equals(path, session.Inputs.ProjectFile, StringComparison.Ordinal)
            || ProjectFileNames.Contains(name, StringComparer.Ordinal)
            || path.EndsWith(".csproj", StringComparison.Ordinal) || path.EndsWith(".props", StringComparison.Ordinal) || path.EndsWith(".targets", StringComparison.Ordinal)
            || session.ConfigFiles.Contains(path, StringComparer.Ordinal))
        {
            return true;
        }

        // A source file added, deleted or renamed: the Compile items are MSBuild's to say. So are the
        // AdditionalFiles: infrarules.yaml beside the project is one only while it exists, and a YAML file may
        // match a HevLayerManifest glob.
        var additional = session.AdditionalFiles.Contains(path, StringComparer.Ordinal);
        return (path.EndsWith(".cs", StringComparison.Ordinal) && sources.Contains(path) != File.Exists(path))
            || ((path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)) && additional != File.Exists(path));
    }

    private static void Track(FileChanges changes, WatchSession session)
    {
        var inputs = session.SourceFiles.Concat(session.AdditionalFiles).Concat(session.ConfigFiles).ToList();
        for (var folder = Directory.GetParent(session.Inputs.ProjectDirectory); folder is not null; folder = folder.Parent)
        {
            inputs.AddRange(ImportedFromAbove.Select(n => Path.Combine(folder.FullName, n)));
        }

        changes.Track(session.Inputs.ManifestsDirectory, inputs);
    }

    private static string Relative(WatchSession session, string path) => Path.GetRelativePath(session.Inputs.ProjectDirectory, path);

    /// <summary>
    /// The pass's diagnostics in the compiler's format, then one line on what was written (all on standard
    /// output, in order). A whole-project check repeats none of the diagnostics its save already printed.
    /// </summary>
    /// <param name="printed">The diagnostics the last pass printed; this pass's replace them.</param>
    private static void Report(TextWriter stdout, HashSet<string> printed, bool timings, string what, PassResult pass, Stopwatch clock)
    {
        var elapsed = clock.ElapsedMilliseconds;
        var lines = pass.Shown.Select(d => d.ToString()).ToList();
        foreach (var line in what == CheckLabel ? lines.Where(l => !printed.Contains(l)) : lines)
        {
            stdout.WriteLine(line);
        }

        printed.Clear();
        printed.UnionWith(lines);

        if (timings)
        {
            stdout.WriteLine("  timings: " + string.Join(", ", pass.Steps.Select(s => $"{s.Step} {s.Milliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms")));
        }

        var errors = pass.Shown.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = pass.Shown.Count(d => d.Severity == DiagnosticSeverity.Warning);
        var found = $"{errors} error(s), {warnings} warning(s)";
        if (pass.Blocked)
        {
            var stay = what == CheckLabel ? "fix them before you build" : "the manifests stay as they were";
            stdout.WriteLine($"{what}: nothing written: the build would fail ({found}); {stay}. ({elapsed} ms)");
            return;
        }

        // Files by name when a few changed (a save), by count when many did (a first pass, a new image).
        var written = (pass.Written.Count, pass.Deleted.Count) switch
        {
            (0, 0) => "no manifest changed",
            var (w, d) when w + d > 5 => string.Join(", ", new[] { w > 0 ? $"wrote {w} files" : null, d > 0 ? $"removed {d} files" : null }.Where(p => p is not null)),
            _ => string.Join(", ", pass.Written.Select(f => "wrote " + f).Concat(pass.Deleted.Select(f => "removed " + f))),
        };
        stdout.WriteLine($"{what}: {written}; {pass.Workloads} manifest(s), {found}. ({elapsed} ms)");
    }
}

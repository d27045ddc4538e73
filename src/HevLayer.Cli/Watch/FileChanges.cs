using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace HevLayer.Cli.Watch;

/// <summary>
/// The paths that changed on disk, in batches: the project folder through the file system's notifications
/// (bin/ and obj/ left out, so the build's own output never triggers a pass), and the inputs outside it
/// (linked sources, an InfraRules file or .editorconfig higher up, Directory.Build.props) by a light poll.
/// A batch closes when the disk has been quiet for a moment, since an editor's save is several events.
/// </summary>
internal sealed class FileChanges : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan LongestBatch = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    private readonly BlockingCollection<string> paths = new();
    private readonly List<FileSystemWatcher> watchers = new();
    private readonly Dictionary<string, (bool Exists, DateTime Written, long Length)> polled = new(StringComparer.Ordinal);
    private readonly Timer poll;
    private readonly string[] ignored;
    private readonly string project;
    private CancellationTokenSource? arrival;

    /// <param name="projectDirectory">Watched with notifications, recursively, for as long as this object lives (across reloads of the project, so no save is missed while MSBuild runs).</param>
    /// <param name="ignoredFolders">Folders under it whose events are dropped (bin/, obj/).</param>
    public FileChanges(string projectDirectory, IEnumerable<string> ignoredFolders)
    {
        ignored = ignoredFolders.Select(Folder).ToArray();
        project = Folder(projectDirectory);
        Add(projectDirectory, recursive: true);
        poll = new Timer(_ => Poll(), null, PollEvery, PollEvery);
    }

    /// <summary>The manifests folder, with a trailing separator.</summary>
    public string ManifestsDirectory { get; private set; } = "\0";

    /// <summary>
    /// Follows the project's current manifests folder (its events are reported, so the writer can forget what
    /// it knew) and polls those of <paramref name="inputs"/> outside the project folder (the notifications see
    /// the rest), existing or not. A file polled before keeps its last reading, so a change made while the
    /// project was loading is seen.
    /// </summary>
    public void Track(string manifestsDirectory, IEnumerable<string> inputs)
    {
        var outside = inputs.Where(p => !Under(Path.GetFullPath(p), project));
        ManifestsDirectory = Folder(manifestsDirectory);
        if (Directory.Exists(manifestsDirectory) && !Under(ManifestsDirectory, project) && !watchers.Any(w => Folder(w.Path) == ManifestsDirectory))
        {
            // Recursive: a project with environments writes one folder per environment inside it.
            Add(manifestsDirectory, recursive: true);
        }

        lock (polled)
        {
            var wanted = outside.ToHashSet(StringComparer.Ordinal);
            foreach (var gone in polled.Keys.Where(k => !wanted.Contains(k)).ToList())
            {
                polled.Remove(gone);
            }

            foreach (var file in wanted.Where(f => !polled.ContainsKey(f)))
            {
                polled[file] = Stat(file);
            }
        }
    }

    /// <summary>Waits for the next batch of changed paths (full paths, each once).</summary>
    public IReadOnlyCollection<string> Next(CancellationToken cancellationToken)
    {
        var batch = new HashSet<string>(StringComparer.Ordinal) { paths.Take(cancellationToken) };
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < LongestBatch && paths.TryTake(out var more, (int)Quiet.TotalMilliseconds, cancellationToken))
        {
            batch.Add(more);
        }

        return batch;
    }

    /// <summary>A token cancelled as soon as a path arrives (already cancelled when one is waiting), to stop work the next save makes stale.</summary>
    public CancellationToken NextArrival()
    {
        var next = new CancellationTokenSource();
        Interlocked.Exchange(ref arrival, next)?.Dispose();
        if (paths.Count > 0)
        {
            next.Cancel();
        }

        return next.Token;
    }

    public void Dispose()
    {
        arrival?.Dispose();
        poll.Dispose();
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }
    }

    private static string Folder(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;

    private static bool Under(string path, string folder) => path.StartsWith(folder, StringComparison.Ordinal);

    private static (bool, DateTime, long) Stat(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (true, info.LastWriteTimeUtc, info.Length) : (false, default, 0);
    }

    private void Add(string folder, bool recursive)
    {
        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => Report(e.FullPath);
        watcher.Created += (_, e) => Report(e.FullPath);
        watcher.Deleted += (_, e) => Report(e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            Report(e.OldFullPath);
            Report(e.FullPath);
        };

        // Too many events at once: treat everything as changed rather than miss a save.
        watcher.Error += (_, _) => Report(folder);
        watcher.EnableRaisingEvents = true;
        watchers.Add(watcher);
    }

    private void Report(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Under(full, ManifestsDirectory) && ignored.Any(f => Under(full, f)))
        {
            return;
        }

        paths.Add(full);
        try
        {
            Volatile.Read(ref arrival)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Replaced meanwhile: the new one sees the path in the queue.
        }
    }

    private void Poll()
    {
        lock (polled)
        {
            foreach (var file in polled.Keys.ToList())
            {
                var now = Stat(file);
                if (now != polled[file])
                {
                    polled[file] = now;
                    Report(file);
                }
            }
        }
    }
}

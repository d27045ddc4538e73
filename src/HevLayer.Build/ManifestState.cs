using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using HevLayer.Policy.Model;

namespace HevLayer.Build;

/// <summary>What the state remembers of one workload's manifest.</summary>
/// <param name="FactsHash">The hash of the workload's facts (<see cref="ManifestState.Hash"/>).</param>
/// <param name="FileName">The manifest file its facts render to.</param>
/// <param name="Length">The written file's length in bytes.</param>
/// <param name="LastWriteTicks">The written file's last write time, UTC ticks.</param>
/// <param name="Row">Its row of the build summary (InfraRules' ceiling left out).</param>
public sealed record ManifestStateEntry(string FactsHash, string FileName, long Length, long LastWriteTicks, SummaryRow Row);

/// <summary>
/// The manifests task's memory of its last write into one output folder, kept in obj/ (one file per
/// folder: the project's, or each environment's; the file's name is a hash of the folder's full path, and
/// the folder is written inside too). Per workload: the hash of everything its manifest in that folder is
/// made of (<see cref="Hash"/>: the facts, the class's own facts in that environment, the environment's
/// namespace and image), the file they render to, that file's length and last write time as written or
/// checked, and its summary row; the workloads that give no manifest there; and the InfraRules files' stamps
/// with the ceilings they set. An unchanged workload whose file still has that length and time is then
/// neither decoded, rendered nor read back. A file whose length or time differ (edited by hand, deleted,
/// restored, pinned) is rendered and compared as without a state. A state that is missing, unreadable, of
/// another format or another build of the task, or of another folder or project, is ignored: the task takes
/// the full path and writes a new one.
/// </summary>
public sealed class ManifestState
{
    /// <summary>The first line of a state file of this format.</summary>
    public const string FormatLine = "hevlayer-manifest-state 1";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static SHA256? hasher;

    /// <summary>Creates an empty state for <paramref name="folder"/>, owned by <paramref name="project"/>.</summary>
    public ManifestState(string folder, string project)
    {
        Folder = folder;
        Project = project;
    }

    /// <summary>The output folder's full path.</summary>
    public string Folder { get; }

    /// <summary>The project that writes it.</summary>
    public string Project { get; }

    /// <summary>The workloads, by facts hash.</summary>
    public Dictionary<string, ManifestStateEntry> Workloads { get; } = new(StringComparer.Ordinal);

    /// <summary>The facts hashes of workloads that give no manifest in this folder (a library's workload left to the application that hosts it).</summary>
    public HashSet<string> NoManifest { get; } = new(StringComparer.Ordinal);

    /// <summary>The InfraRules files the ceilings were read from: path, length, last write ticks, source metadata; in order.</summary>
    public List<string> InfraRulesStamps { get; } = new();

    /// <summary>The InfraRules' description for the summary; null when the InfraRules were never read into this state.</summary>
    public string? InfraRulesSource { get; set; }

    /// <summary>Each pool's replica ceiling (null: the pool sets none).</summary>
    public Dictionary<string, long?> Ceilings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Which build of the task and the manifest writer a state belongs to: a state written by another build
    /// could name files that this one renders differently, so it is not used.
    /// </summary>
    public static string ToolStamp { get; } =
        typeof(ManifestState).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "-" + typeof(Policy.Emit.ManifestWriter).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>The state file for <paramref name="folder"/> in <paramref name="stateDirectory"/>.</summary>
    public static string PathFor(string stateDirectory, string folder) =>
        Path.Combine(stateDirectory, "hevlayer-manifests-" + HashText(Path.GetFullPath(folder)).Substring(0, 16) + ".state");

    /// <summary>
    /// What an output folder adds to every workload's facts: nothing for the project's own folder; an environment's
    /// name, namespace and image for that environment's folder (the namespace and image replace the defaulted ones).
    /// </summary>
    public static byte[] Context(DeploymentEnvironment? environment) =>
        environment is null
            ? Array.Empty<byte>()
            : Utf8.GetBytes("environment\0" + environment.Name + "\0" + (environment.Namespace ?? "\u0001") + "\0" + (environment.Image ?? "\u0001"));

    /// <summary>
    /// A workload's facts hash in one folder: everything its manifest's bytes are made of. The folder's
    /// <paramref name="context"/> (<see cref="Context"/>), the type the facts are on, the <c>[GeneratedWorkload]</c>
    /// blob (the packed facts, with the project's defaults and image already resolved by the generator, and a
    /// hosted workload's <c>SourceType</c>) and the class's <c>[GeneratedEnvironment]</c> blob for this folder's
    /// environment, if any; each length-prefixed, so no two different inputs run together into the same bytes.
    /// </summary>
    public static string Hash(byte[] context, string typeName, byte[] shared, byte[]? own)
    {
        var name = Utf8.GetBytes(typeName);
        own ??= Array.Empty<byte>();
        var all = new byte[16 + context.Length + name.Length + shared.Length + own.Length];
        var at = 0;
        foreach (var part in new[] { context, name, shared, own })
        {
            all[at++] = (byte)part.Length;
            all[at++] = (byte)(part.Length >> 8);
            all[at++] = (byte)(part.Length >> 16);
            all[at++] = (byte)(part.Length >> 24);
            Buffer.BlockCopy(part, 0, all, at, part.Length);
            at += part.Length;
        }

        // One hasher per thread: creating one per workload costs more than hashing its few hundred bytes.
        var sha = hasher ??= SHA256.Create();
        return Hex(sha.ComputeHash(all), 16);
    }

    /// <summary>The stamp of one InfraRules file as the state records it: full path, length, last write time, source metadata.</summary>
    public static string Stamp(string path, string source)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Escape(info.FullName) + "\tmissing\t\t" + Escape(source);
        }

        // A time in whole seconds could hide an edit made in the second of the last read: such a stamp never matches.
        var ticks = info.LastWriteTimeUtc.Ticks;
        var time = ticks % TimeSpan.TicksPerSecond == 0 ? "whole-second-" + Guid.NewGuid().ToString("N") : ticks.ToString(CultureInfo.InvariantCulture);
        return Escape(info.FullName) + "\t" + info.Length.ToString(CultureInfo.InvariantCulture) + "\t" + time + "\t" + Escape(source);
    }

    /// <summary>
    /// True when a file with <paramref name="length"/> and <paramref name="lastWriteTicks"/> is the one the
    /// entry recorded. A time without a fraction of a second (a file system that keeps whole seconds, or
    /// two) never matches: an edit in the same second as the write could keep both.
    /// </summary>
    public static bool Matches(ManifestStateEntry entry, long length, long lastWriteTicks) =>
        entry.Length == length && entry.LastWriteTicks == lastWriteTicks && lastWriteTicks % TimeSpan.TicksPerSecond != 0;

    /// <summary>Parses a state's text; null when it is malformed or not this folder's, project's or task build's.</summary>
    public static ManifestState? Parse(string text, string folder, string project)
    {
        try
        {
            var lines = text.Split('\n');
            if (lines.Length < 5 || lines[0] != FormatLine || lines[1] != "tool\t" + ToolStamp
                || lines[2] != "folder\t" + Escape(Path.GetFullPath(folder)) || lines[3] != "project\t" + Escape(project) || lines[lines.Length - 1] != string.Empty
                || lines[lines.Length - 2] != "end")
            {
                return null;
            }

            var state = new ManifestState(Path.GetFullPath(folder), project);
            for (var i = 4; i < lines.Length - 2; i++)
            {
                var f = lines[i].Split('\t');
                switch (f[0])
                {
                    case "infrarules" when f.Length == 5:
                        state.InfraRulesStamps.Add(string.Join("\t", f, 1, 4));
                        break;
                    case "source" when f.Length == 2:
                        state.InfraRulesSource = Unescape(f[1]);
                        break;
                    case "ceiling" when f.Length == 3:
                        state.Ceilings[Unescape(f[1])] = f[2].Length == 0 ? null : long.Parse(f[2], NumberStyles.None, CultureInfo.InvariantCulture);
                        break;
                    case "n" when f.Length == 2 && f[1].Length == 32:
                        state.NoManifest.Add(f[1]);
                        break;
                    case "w" when f.Length == 11:
                        var file = Unescape(f[2]);
                        if (!ManifestFolder.IsValidManifestName(file) || f[1].Length != 32)
                        {
                            return null;
                        }

                        var row = new SummaryRow(
                            Unescape(f[5]),
                            Unescape(f[6]),
                            Unescape(f[7]),
                            Unescape(f[8]),
                            int.Parse(f[9], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                            int.Parse(f[10], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                            null);
                        state.Workloads.Add(f[1], new ManifestStateEntry(
                            f[1], file, long.Parse(f[3], NumberStyles.None, CultureInfo.InvariantCulture), long.Parse(f[4], NumberStyles.None, CultureInfo.InvariantCulture), row));
                        break;
                    default:
                        return null;
                }
            }

            return state;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The state as text: deterministic (workloads in ordinal order of hash), so an unchanged state is not rewritten.</summary>
    public string Serialize()
    {
        var sb = new StringBuilder()
            .Append(FormatLine).Append('\n')
            .Append("tool\t").Append(ToolStamp).Append('\n')
            .Append("folder\t").Append(Escape(Folder)).Append('\n')
            .Append("project\t").Append(Escape(Project)).Append('\n');
        foreach (var stamp in InfraRulesStamps)
        {
            sb.Append("infrarules\t").Append(stamp).Append('\n');
        }

        if (InfraRulesSource is not null)
        {
            sb.Append("source\t").Append(Escape(InfraRulesSource)).Append('\n');
            var pools = new List<string>(Ceilings.Keys);
            pools.Sort(StringComparer.Ordinal);
            foreach (var pool in pools)
            {
                sb.Append("ceiling\t").Append(Escape(pool)).Append('\t').Append(Ceilings[pool]?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');
            }
        }

        var hashes = new List<string>(Workloads.Keys);
        hashes.Sort(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            var e = Workloads[hash];
            sb.Append("w\t").Append(hash).Append('\t').Append(Escape(e.FileName)).Append('\t')
                .Append(e.Length.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(e.LastWriteTicks.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(Escape(e.Row.Workload)).Append('\t').Append(Escape(e.Row.Kind)).Append('\t').Append(Escape(e.Row.Pool)).Append('\t').Append(Escape(e.Row.Mode)).Append('\t')
                .Append(e.Row.Min.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(e.Row.Max.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var none = new List<string>(NoManifest);
        none.Sort(StringComparer.Ordinal);
        foreach (var hash in none)
        {
            sb.Append("n\t").Append(hash).Append('\n');
        }

        return sb.Append("end\n").ToString();
    }

    /// <summary>
    /// Writes the state to <paramref name="path"/> unless it already holds exactly this text (a no-op build
    /// writes nothing). Best effort: a state that cannot be written only makes the next build take the full path.
    /// </summary>
    public void Save(string path, string? previousText)
    {
        var text = Serialize();
        if (text == previousText)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ManifestFolder.WriteAtomically(path, Utf8.GetBytes(text));
        }
        catch (ManifestFolderException)
        {
            // Best effort, as above.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, as above.
        }
    }

    private static string HashText(string text)
    {
        using var sha = SHA256.Create();
        return Hex(sha.ComputeHash(Utf8.GetBytes(text)), 32);
    }

    private static string Hex(byte[] bytes, int count)
    {
        var sb = new StringBuilder(count * 2);
        for (var i = 0; i < count; i++)
        {
            sb.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Tabs, line breaks and backslashes escaped, so any text is one field of one line.</summary>
    private static string Escape(string text)
    {
        if (text.IndexOfAny(Special) < 0)
        {
            return text;
        }

        return text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");
    }

    private static readonly char[] Special = { '\\', '\t', '\n', '\r' };

    private static string Unescape(string field)
    {
        if (field.IndexOf('\\') < 0)
        {
            return field;
        }

        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (++i >= field.Length)
            {
                throw new FormatException("A field ends in a lone backslash.");
            }

            sb.Append(field[i] switch { '\\' => '\\', 't' => '\t', 'n' => '\n', 'r' => '\r', _ => throw new FormatException("Unknown escape.") });
        }

        return sb.ToString();
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HevLayer.Policy.Emit;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Build;

/// <summary>One workload's line in the build summary.</summary>
public sealed record SummaryRow(string Workload, string Kind, string Pool, string Mode, int Min, int Max, long? Ceiling)
{
    /// <summary>
    /// The replicas the pool ceiling applies to: the larger bound the manifest carries, in every mode
    /// (the seed's ceiling has no exception for fixed or disabled workloads; fixed writes max = min).
    /// </summary>
    public int Checked => Math.Max(Min, Max);

    /// <summary>How many more replicas the pool would allow; null when the ceiling is unknown.</summary>
    public long? Headroom => Ceiling is long c ? c - Checked : null;
}

/// <summary>
/// The CI summary: per workload, its pool, mode, replicas, the pool's ceiling and the headroom, from the
/// facts the generator writes for each workload and the InfraRules the analyzers checked against.
/// </summary>
public static class BuildSummary
{
    /// <summary>How many rows the build log shows at normal verbosity: the ones closest to their ceiling.</summary>
    public const int ConsoleRows = 20;

    /// <summary>Builds the rows, in ordinal order of workload.</summary>
    public static IReadOnlyList<SummaryRow> Rows(IEnumerable<RenderedManifest> manifests, InfraRulesModel? infraRules)
    {
        var rows = new List<SummaryRow>();
        foreach (var manifest in manifests)
        {
            var workload = manifest.Workload;
            var scaling = workload.Scaling!;
            rows.Add(new SummaryRow(
                workload.Namespace + "/" + workload.Name,
                ManifestWriter.KindName(workload.Kind),
                scaling.Pool!,
                ManifestWriter.ModeName(scaling.Mode),
                scaling.MinReplicas,
                scaling.EmittedMaxReplicas,
                infraRules?.Find(scaling.Pool!)?.MaxReplicasPerWorkload));
        }

        return rows.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    /// <summary>The rows the build log shows by default: the least headroom first, at most <see cref="ConsoleRows"/>.</summary>
    public static IReadOnlyList<SummaryRow> Tightest(IReadOnlyList<SummaryRow> rows) =>
        rows.OrderBy(r => r.Headroom ?? long.MinValue).ThenBy(r => r.Workload, StringComparer.Ordinal).Take(ConsoleRows).ToList();

    /// <summary>
    /// The summary as aligned text lines, for the build log; of one <paramref name="environment"/> when the project
    /// declares environments (one table each), named in its first line.
    /// </summary>
    public static IReadOnlyList<string> Text(string project, string source, IReadOnlyList<SummaryRow> rows, string? environment = null)
    {
        var table = new List<string[]> { new[] { "WORKLOAD", "KIND", "POOL", "MODE", "REPLICAS", "CEILING", "HEADROOM" } };
        table.AddRange(rows.Select(Cells));
        var widths = Enumerable.Range(0, 7).Select(i => table.Max(r => r[i].Length)).ToArray();
        var lines = new List<string> { $"HevLayer summary for {project}{Of(environment)} (InfraRules: {source})" };
        lines.AddRange(table.Select(r => "  " + string.Join("  ", r.Select((c, i) => i == 6 ? c : c.PadRight(widths[i]))).TrimEnd()));
        return lines;
    }

    /// <summary>The summary as a Markdown table (for a CI job summary); of one <paramref name="environment"/>, named in its heading, as in <see cref="Text"/>.</summary>
    public static string Markdown(string project, string source, IReadOnlyList<SummaryRow> rows, string? environment = null)
    {
        var sb = new StringBuilder()
            .Append("### HevLayer: ").Append(project).Append(Of(environment)).Append("\n\n")
            .Append("InfraRules: ").Append(source).Append("\n\n")
            .Append("| workload | kind | pool | mode | replicas | ceiling | headroom |\n|---|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", Cells(row))).Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }

    private static string Of(string? environment) => environment is null ? string.Empty : ", environment " + environment;

    private static string[] Cells(SummaryRow r) => new[]
    {
        r.Workload,
        r.Kind,
        r.Pool,
        r.Mode,
        r.Min.ToString(CultureInfo.InvariantCulture) + ".." + r.Max.ToString(CultureInfo.InvariantCulture),
        r.Ceiling?.ToString(CultureInfo.InvariantCulture) ?? "?",
        r.Headroom?.ToString(CultureInfo.InvariantCulture) ?? "?",
    };
}

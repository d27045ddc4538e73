using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
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
/// The CI summary: per workload, its pool, mode, replicas, the pool's ceiling and the headroom, read
/// from the summary line the generator embeds beside each manifest (the task ships with the generator,
/// so the two never disagree) and the InfraRules the analyzers checked against.
/// </summary>
public static class BuildSummary
{
    /// <summary>How many rows the build log shows at normal verbosity: the ones closest to their ceiling.</summary>
    public const int ConsoleRows = 20;

    /// <summary>Builds the rows, in ordinal order of workload.</summary>
    public static IReadOnlyList<SummaryRow> Rows(IEnumerable<EmbeddedManifest> manifests, InfraRulesModel? infraRules)
    {
        var rows = new List<SummaryRow>();
        foreach (var manifest in manifests)
        {
            if (manifest.Summary?.Split('\t') is { Length: 6 } cells
                && int.TryParse(cells[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
                && int.TryParse(cells[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
            {
                rows.Add(new SummaryRow(cells[1], cells[0], cells[2], cells[3], min, max, infraRules?.Find(cells[2])?.MaxReplicasPerWorkload));
            }
        }

        return rows.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
    }

    /// <summary>The rows the build log shows by default: the least headroom first, at most <see cref="ConsoleRows"/>.</summary>
    public static IReadOnlyList<SummaryRow> Tightest(IReadOnlyList<SummaryRow> rows) =>
        rows.OrderBy(r => r.Headroom ?? long.MinValue).ThenBy(r => r.Workload, StringComparer.Ordinal).Take(ConsoleRows).ToList();

    /// <summary>The summary as aligned text lines, for the build log.</summary>
    public static IReadOnlyList<string> Text(string project, string source, IReadOnlyList<SummaryRow> rows)
    {
        var table = new List<string[]> { new[] { "WORKLOAD", "KIND", "POOL", "MODE", "REPLICAS", "CEILING", "HEADROOM" } };
        table.AddRange(rows.Select(Cells));
        var widths = Enumerable.Range(0, 7).Select(i => table.Max(r => r[i].Length)).ToArray();
        var lines = new List<string> { $"HevLayer summary for {project} (InfraRules: {source})" };
        lines.AddRange(table.Select(r => "  " + string.Join("  ", r.Select((c, i) => i == 6 ? c : c.PadRight(widths[i]))).TrimEnd()));
        return lines;
    }

    /// <summary>The summary as a Markdown table (for a CI job summary).</summary>
    public static string Markdown(string project, string source, IReadOnlyList<SummaryRow> rows)
    {
        var sb = new StringBuilder()
            .Append("### HevLayer: ").Append(project).Append("\n\n")
            .Append("InfraRules: ").Append(source).Append("\n\n")
            .Append("| workload | kind | pool | mode | replicas | ceiling | headroom |\n|---|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", Cells(row))).Append(" |\n");
        }

        return sb.Append('\n').ToString();
    }

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

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Reports;

namespace HevLayer.Benchmarks;

/// <summary>Prints, from the summaries, the ratios the targets are stated in: to the floor, to the compile, and 1,000 to 5,000.</summary>
public static class Scaling
{
    public static void Print(IEnumerable<Summary> summaries)
    {
        var medians = new Dictionary<(string Method, int N), double>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            var n = (int)report.BenchmarkCase.Parameters["N"];
            medians[(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, n)] = report.ResultStatistics.Median;
        }

        Console.WriteLine();
        Console.WriteLine("| Benchmark | N | median (min..max) | allocated |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null)
            .OrderBy(r => r.BenchmarkCase.Descriptor.Type.Name, StringComparer.Ordinal)
            .ThenBy(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, StringComparer.Ordinal)
            .ThenBy(r => (int)r.BenchmarkCase.Parameters["N"]))
        {
            var stats = report.ResultStatistics!;
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} | {(int)report.BenchmarkCase.Parameters["N"]:N0} | {Ms(stats.Median)} ({Ms(stats.Min)}..{Ms(stats.Max)}) | {bytes / 1024.0 / 1024.0:0.0} MiB |"));
        }

        Console.WriteLine();
        Console.WriteLine("HevLayer targets (medians):");
        foreach (var n in new[] { 100, 1000, 5000 })
        {
            Ratio($"N={n}: generator cold / floor", "Cold", "Floor", n, medians);
            Ratio($"N={n}: compile with analyzers / compile", "CompileWithAnalyzers", "Compile", n, medians);
            Milliseconds($"N={n}: one-workload edit (generator)", "EditOne", n, medians);
            Milliseconds($"N={n}: one-workload edit (floor generator)", "EditFloor", n, medians);
            Difference($"N={n}: one-workload edit, what this generator adds (EditBound - EditBoundFloor)", "EditBound", "EditBoundFloor", n, medians);
            Milliseconds($"N={n}: one-file edit (compiler only)", "OneFileCompile", n, medians);
            Milliseconds($"N={n}: one-file edit (analyzers)", "OneFileEdit", n, medians);
            Difference($"N={n}: one-file edit, what the HEVL analyzers add (OneFileEdit - OneFileFloor)", "OneFileEdit", "OneFileFloor", n, medians);
        }

        foreach (var method in medians.Keys.Select(k => k.Method).Distinct().OrderBy(m => m, StringComparer.Ordinal))
        {
            if (medians.TryGetValue((method, 1000), out var a) && medians.TryGetValue((method, 5000), out var b))
            {
                Console.WriteLine($"  {method}: 1,000 -> 5,000 grows x{(b / a).ToString("0.00", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static string Ms(double nanoseconds) => (nanoseconds / 1e6).ToString(nanoseconds < 1e7 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    private static void Ratio(string label, string method, string baseline, int n, Dictionary<(string, int), double> medians)
    {
        if (medians.TryGetValue((method, n), out var value) && medians.TryGetValue((baseline, n), out var basis) && basis > 0)
        {
            Console.WriteLine($"  {label}: {(value / basis).ToString("0.00", CultureInfo.InvariantCulture)}");
        }
    }

    private static void Difference(string label, string method, string baseline, int n, Dictionary<(string, int), double> medians)
    {
        if (medians.TryGetValue((method, n), out var value) && medians.TryGetValue((baseline, n), out var basis))
        {
            Console.WriteLine($"  {label}: {((value - basis) / 1e6).ToString("0.000", CultureInfo.InvariantCulture)} ms");
        }
    }

    private static void Milliseconds(string label, string method, int n, Dictionary<(string, int), double> medians)
    {
        if (medians.TryGetValue((method, n), out var ns))
        {
            Console.WriteLine($"  {label}: {(ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture)} ms");
        }
    }
}

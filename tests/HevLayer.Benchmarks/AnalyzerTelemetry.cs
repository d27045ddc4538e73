using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using HevLayer.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Benchmarks;

/// <summary>
/// The analyzers' own execution time as Roslyn measures it (<c>logAnalyzerExecutionTime</c>, the same
/// figure <c>-p:ReportAnalyzer=true</c> prints), against the whole compile, at each N. Seven runs, median
/// and range, each on a fresh compilation.
/// </summary>
public static class AnalyzerTelemetry
{
    private const int Runs = 7;

    public static void Print()
    {
        Console.WriteLine();
        Console.WriteLine("HEVL analyzers, Roslyn's execution-time telemetry (median of 7, min..max):");
        foreach (var n in new[] { 100, 1000, 5000 })
        {
            var compilation = Synthetic.Compilation(n);
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer());
            var own = new double[Runs];
            var whole = new double[Runs];
            for (var i = 0; i < Runs; i++)
            {
                var fresh = compilation.Clone();
                var options = new CompilationWithAnalyzersOptions(Synthetic.AnalyzerOptions(), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
                var with = fresh.WithAnalyzers(analyzers, options);
                var clock = Stopwatch.StartNew();
                with.GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
                whole[i] = clock.Elapsed.TotalMilliseconds;
                own[i] = analyzers.Sum(a => with.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  N={n}: analyzers {Median(own):0.0} ms ({own.Min():0.0}..{own.Max():0.0}) of a {Median(whole):0} ms compile = {Median(own) / Median(whole) * 100:0.0}%"));
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using HevLayer.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Benchmarks;

/// <summary>
/// What the editor pays per keystroke for each analyzer on its own: the semantic diagnostics of the one
/// edited file of a compilation made from the previous, bound one (with the generator's output in it),
/// for the do-nothing floor, each HEVL analyzer alone and both. Each edit gets a fresh compilation; the
/// compiler's own diagnostics bind the file first (the editor asks for both), then the analyzer sets take
/// turns on it, in an order that rotates from edit to edit so that none always pays or saves what the
/// compilation caches. Medians of 30 edits after 30 warm-ups. With "loop", runs ours 2,000 times for a profiler.
/// </summary>
public static class KeystrokeBreakdown
{
    public static void Print(int n, bool profileLoop = false)
    {
        var compilation = Synthetic.WithGeneratedSources(Synthetic.Compilation(n));
        compilation.GetDiagnostics();
        var options = Synthetic.AnalyzerOptions();
        var index = Synthetic.EditedIndex(n);
        var path = "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
        var cases = new (string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)[]
        {
            ("floor (do-nothing analyzer)", ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer())),
            ("WorkloadAnalyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer())),
            ("InfraRulesAnalyzer", ImmutableArray.Create<DiagnosticAnalyzer>(new InfraRulesAnalyzer())),
            ("both HEVL analyzers", ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer())),
        };

        if (profileLoop)
        {
            for (var i = 0; i < 2000; i++)
            {
                var edited = Synthetic.EditOne(compilation, index);
                var tree = edited.SyntaxTrees.Single(t => t.FilePath == path);
                edited.GetSemanticModel(tree).GetDiagnostics();
                OneFile(edited, tree, cases[3].Analyzers, options);
            }

            return;
        }

        var times = cases.Select(_ => new List<double>()).ToArray();
        var compile = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var edited = Synthetic.EditOne(compilation, index);
            var tree = edited.SyntaxTrees.Single(t => t.FilePath == path);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            edited.GetSemanticModel(tree).GetDiagnostics();
            var compileTime = clock.Elapsed.TotalMilliseconds;
            var run = new double[cases.Length];
            for (var k = 0; k < cases.Length; k++)
            {
                var c = (k + i) % cases.Length;
                clock.Restart();
                OneFile(edited, tree, cases[c].Analyzers, options);
                run[c] = clock.Elapsed.TotalMilliseconds;
            }

            if (i >= 30)
            {
                compile.Add(compileTime);
                for (var c = 0; c < cases.Length; c++)
                {
                    times[c].Add(run[c]);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"keystroke N={n}: semantic diagnostics of the edited file, median of {compile.Count} edits (min..max)"));
        Console.WriteLine(Row("compiler's own diagnostics (binds the file first)", compile));
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine(Row(cases[c].Label, times[c]));
        }

        var floor = Spread.Median(times[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  both HEVL analyzers - floor: {Spread.Median(times[3]) - floor:0.00} ms"));
    }

    private static int OneFile(Compilation compilation, SyntaxTree tree, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options) =>
        compilation.WithAnalyzers(analyzers, options)
            .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None)
            .GetAwaiter().GetResult().Length;

    private static string Row(string label, List<double> values) => $"  {label,-52} {Spread.Of(values)}";
}

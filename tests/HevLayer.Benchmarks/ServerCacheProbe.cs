using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using HevLayer.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Benchmarks;

/// <summary>
/// What a generator driver kept between builds (the compiler server's <c>/features:enable-generator-cache</c>)
/// would save: the server parses every file again on each build, so the cached driver sees new syntax trees
/// with the same text. Runs the driver on a compilation, then on a re-parsed copy with one workload edited,
/// and counts how often each tracked step ran again (New/Modified) or was reused (Cached/Unchanged); then the
/// wall time of that second run against a fresh driver's run on the same compilation, alternating, 15 rounds.
/// </summary>
public static class ServerCacheProbe
{
    public static void Print(int n)
    {
        var compilation = Synthetic.Compilation(n);
        var index = Synthetic.EditedIndex(n);
        CSharpCompilation Reparsed(bool edit) => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            compilation.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(
                edit && t.FilePath == "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs" ? Synthetic.Workload(index, replicas: 1) : t.GetText().ToString(),
                (CSharpParseOptions)t.Options,
                t.FilePath)));

        GeneratorDriver tracked = CSharpGeneratorDriver.Create(
            new[] { new WorkloadGenerator().AsSourceGenerator() },
            parseOptions: Synthetic.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        tracked = tracked.RunGenerators(compilation);
        tracked = tracked.RunGenerators(Reparsed(edit: true));
        Console.WriteLine($"== A cached driver on a re-parsed compilation of {n} workloads, one edited: how each tracked step ran");
        foreach (var step in tracked.GetRunResult().Results[0].TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var reasons = step.Value.SelectMany(run => run.Outputs).GroupBy(o => o.Reason).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {step.Key,-20} {string.Join(", ", reasons)}");
        }

        // Where a fresh driver's run (every build today) spends its time, step by step (the driver's own timing, median of 9).
        var perStep = new Dictionary<string, List<double>>();
        for (var i = 0; i < 12; i++)
        {
            var run = CSharpGeneratorDriver.Create(
                new[] { new WorkloadGenerator().AsSourceGenerator() },
                parseOptions: Synthetic.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true)).RunGenerators(Reparsed(edit: i % 2 == 0));
            if (i < 3)
            {
                continue;
            }

            var result = run.GetRunResult().Results[0];
            var timing = run.GetTimingInfo().GeneratorTimes[0].ElapsedTime;
            foreach (var step in result.TrackedSteps)
            {
                (perStep.TryGetValue(step.Key, out var list) ? list : perStep[step.Key] = new List<double>()).Add(step.Value.Sum(r => r.ElapsedTime.TotalMilliseconds));
            }

            (perStep.TryGetValue("(generator total)", out var total) ? total : perStep["(generator total)"] = new List<double>()).Add(timing.TotalMilliseconds);
        }

        Console.WriteLine("== A fresh driver's run, time per tracked step (sum over its runs; steps nest, so they overlap)");
        foreach (var step in perStep.OrderByDescending(p => Spread.Median(p.Value)))
        {
            Console.WriteLine($"  {step.Key,-55} {Spread.Median(step.Value),8:0.0} ms");
        }

        var fresh = new List<double>();
        var cached = new List<double>();
        var warm = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
        for (var i = 0; i < 20; i++)
        {
            var edited = Reparsed(edit: i % 2 == 0);
            var clock = Stopwatch.StartNew();
            Synthetic.Driver(new WorkloadGenerator()).RunGenerators(edited);
            var f = clock.Elapsed.TotalMilliseconds;
            var edited2 = Reparsed(edit: i % 2 == 1);
            clock.Restart();
            warm = warm.RunGenerators(edited2);
            var c = clock.Elapsed.TotalMilliseconds;
            if (i >= 5)
            {
                fresh.Add(f);
                cached.Add(c);
            }
        }

        Console.WriteLine($"  fresh driver (as every build runs today): {Spread.Of(fresh, "ms", "0.0")}");
        Console.WriteLine($"  driver kept from the previous build:      {Spread.Of(cached, "ms", "0.0")}");
    }
}

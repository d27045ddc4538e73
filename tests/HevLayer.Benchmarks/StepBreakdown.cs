using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HevLayer.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Benchmarks;

/// <summary>
/// Roslyn's own per-step timing (IncrementalGeneratorRunStep.ElapsedTime) of a cold run and of a
/// one-workload edit, for the floor and for ours: which step of which pipeline the time goes to.
/// "edit, bound" runs another generator on the edited compilation first, so the attribute binding that
/// whichever generator comes first pays is out of the figure: what remains in ForAttributeWithMetadataName's
/// result step is the driver's walk plus the transform (for ours, reading the attributes into a model).
/// Medians of 7 cold runs after 2 warm-ups, and of 15 edits after 30 (an edit's own code is called once per
/// run, so it reaches tier-1 JIT code only after about 30), each on a fresh compilation.
/// </summary>
public static class StepBreakdown
{
    public static void Print(int n)
    {
        var compilation = Synthetic.Compilation(n);
        var index = Synthetic.EditedIndex(n);
        Report("cold", n, g => Steps(g, () => compilation.Clone(), warm: null, warmups: 2, runs: 7));
        Report("edit", n, g =>
        {
            var warm = Driver(g).RunGenerators(compilation);
            return Steps(g, () => Synthetic.EditOne(compilation, index), warm, warmups: 30, runs: 15);
        });
        var binder = Driver(new FloorGenerator()).RunGenerators(compilation);
        Report("edit, bound", n, g =>
        {
            var warm = Driver(g).RunGenerators(compilation);
            return Steps(g, () =>
            {
                var edited = Synthetic.EditOne(compilation, index);
                binder.RunGenerators(edited);
                return edited;
            }, warm, warmups: 30, runs: 15);
        });

        // The same bound edit without step tracking (as builds and the editor run generators): wall time of
        // RunGenerators, floor and ours alternating on the same edited compilation, after 30 warm-ups.
        var floor = Synthetic.Driver(new FloorGenerator()).RunGenerators(compilation);
        var ours = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
        OutputFloor(n, compilation, index, binder);

        var times = new List<(double Floor, double Ours)>();
        var pauses = new List<(double Floor, double Ours)>();
        var allocated = new List<(double Floor, double Ours)>();
        for (var i = 0; i < 45; i++)
        {
            var edited = Synthetic.EditOne(compilation, index);
            binder.RunGenerators(edited);
            var pause = GC.GetTotalPauseDuration();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            floor.RunGenerators(edited);
            var f = clock.Elapsed.TotalMilliseconds;
            var floorBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            var floorPause = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
            pause = GC.GetTotalPauseDuration();
            bytes = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            ours.RunGenerators(edited);
            var o = clock.Elapsed.TotalMilliseconds;
            var oursBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            var oursPause = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
            if (i >= 30)
            {
                times.Add((f, o));
                pauses.Add((floorPause, oursPause));
                allocated.Add((floorBytes / 1024.0, oursBytes / 1024.0));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit, bound N={n}, untracked RunGenerators wall time (median of {times.Count}, min..max):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  floor {Spread.Of(times.Select(t => t.Floor))}, ours {Spread.Of(times.Select(t => t.Ours))}, ours - floor {Spread.Of(times.Select(t => t.Ours - t.Floor))}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  of which garbage-collection pauses (mean): floor {pauses.Average(p => p.Floor):0.00} ms, ours {pauses.Average(p => p.Ours):0.00} ms (GC mode: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode})"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  allocated on the running thread (median): floor {Spread.Median(allocated.Select(a => a.Floor)):N0} KiB, ours {Spread.Median(allocated.Select(a => a.Ours)):N0} KiB"));
    }

    /// <summary>
    /// The driver's own cost of N generated files: the do-nothing floor against <see cref="OutputFloorGenerator"/>
    /// (the same, writing a one-line file per class), cached (same compilation again) and on a bound edit.
    /// </summary>
    private static void OutputFloor(int n, CSharpCompilation compilation, int index, GeneratorDriver binder)
    {
        var floor = Synthetic.Driver(new FloorGenerator()).RunGenerators(compilation);
        var outputs = Synthetic.Driver(new OutputFloorGenerator()).RunGenerators(compilation);
        var ours = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
        var oursCached = new List<double>();
        var cached = new List<(double Floor, double Outputs)>();
        var edits = new List<(double Floor, double Outputs)>();
        for (var i = 0; i < 45; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            floor = floor.RunGenerators(compilation);
            var f = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            outputs = outputs.RunGenerators(compilation);
            var o = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            ours = ours.RunGenerators(compilation);
            var oc = clock.Elapsed.TotalMilliseconds;

            var edited = Synthetic.EditOne(compilation, index);
            binder.RunGenerators(edited);
            clock.Restart();
            floor.RunGenerators(edited);
            var fe = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            outputs.RunGenerators(edited);
            var oe = clock.Elapsed.TotalMilliseconds;
            if (i >= 30)
            {
                cached.Add((f, o));
                oursCached.Add(oc);
                edits.Add((fe, oe));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"driver cost of N={n} generated files (untracked wall time, median of {cached.Count}):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cached: floor {Spread.Median(cached.Select(c => c.Floor)):0.00} ms, one file per class {Spread.Median(cached.Select(c => c.Outputs)):0.00} ms, ours (at most 256 + 1 files) {Spread.Median(oursCached):0.00} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  edit, bound: floor {Spread.Median(edits.Select(c => c.Floor)):0.00} ms, one file per class {Spread.Median(edits.Select(c => c.Outputs)):0.00} ms"));
    }

    private static void Report(string label, int n, Func<IIncrementalGenerator, List<Dictionary<string, double>>> runs)
    {
        foreach (var generator in new IIncrementalGenerator[] { new FloorGenerator(), new WorkloadGenerator() })
        {
            var samples = runs(generator);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} N={n} {generator.GetType().Name} (Roslyn step timing, median of {samples.Count}):"));
            foreach (var name in samples.SelectMany(s => s.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal))
            {
                var median = Spread.Median(samples.Select(s => s.TryGetValue(name, out var v) ? v : 0));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-60} {median,8:0.00} ms"));
            }
        }
    }

    private static GeneratorDriver Driver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));


    private static List<Dictionary<string, double>> Steps(IIncrementalGenerator generator, Func<Compilation> make, GeneratorDriver? warm, int warmups, int runs)
    {
        var samples = new List<Dictionary<string, double>>();
        for (var i = 0; i < warmups + runs; i++)
        {
            var driver = (warm ?? Driver(generator)).RunGenerators(make());
            var run = driver.GetRunResult();
            var result = run.Results[0];
            var totals = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["(whole generator, Roslyn timing)"] = driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds,
            };
            foreach (var (name, steps) in result.TrackedSteps.Concat(result.TrackedOutputSteps))
            {
                totals[name] = (totals.TryGetValue(name, out var t) ? t : 0) + steps.Sum(s => s.ElapsedTime.TotalMilliseconds);
            }

            if (i >= warmups)
            {
                samples.Add(totals);
            }
        }

        return samples;
    }
}

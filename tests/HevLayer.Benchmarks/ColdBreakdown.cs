using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using HevLayer.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Benchmarks;

/// <summary>
/// Where a cold run's time goes beyond the floor: the floor itself, our whole run, and the share of
/// ours that is the driver parsing the generated files (measured by re-parsing the same texts).
/// After eight warm-ups of each (Roslyn's parser and binder reach tier-1 code only after several runs),
/// 7 alternating runs, each on a fresh clone of the compilation; medians.
/// </summary>
public static class ColdBreakdown
{
    public static void Print(int n)
    {
        var compilation = Synthetic.Compilation(n);
        double Median(Func<double> run) => Spread.Median(Enumerable.Range(0, 7).Select(_ => run()).ToArray());

        double Time(Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalMilliseconds;
        }

        GeneratorDriver? last = null;
        double Floor() { var fresh = compilation.Clone(); return Time(() => Synthetic.Driver(new FloorGenerator()).RunGenerators(fresh)); }
        double Ours() { var fresh = compilation.Clone(); return Time(() => last = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(fresh)); }

        // Warm both up, then alternate, so neither pays the JIT or a shared first-use cost for the other.
        for (var i = 0; i < 8; i++)
        {
            Floor();
            Ours();
        }

        var pairs = Enumerable.Range(0, 7).Select(_ => (Floor: Floor(), Ours: Ours())).ToArray();
        var floor = pairs.Select(p => p.Floor).OrderBy(t => t).ElementAt(3);
        var ours = pairs.Select(p => p.Ours).OrderBy(t => t).ElementAt(3);
        var sources = last!.GetRunResult().Results[0].GeneratedSources;
        var options = new CSharpParseOptions(LanguageVersion.CSharp12);
        var parse = Median(() => Time(() =>
        {
            foreach (var source in sources)
            {
                CSharpSyntaxTree.ParseText(source.SourceText, options, source.HintName).GetRoot();
            }
        }));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cold run at N={n} (median of 7):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  floor (FAWMN only)                         {floor,8:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  WorkloadGenerator                          {ours,8:0.0} ms  ({ours / floor:0.00} x floor)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which parsing the {sources.Length} generated files  {parse,8:0.0} ms  ({sources.Sum(s => s.SourceText.Length) / 1024:N0} KiB of C#)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the rest (reading attributes, rendering)   {ours - floor - parse,8:0.0} ms"));
    }
}

using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace HevLayer.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/HevLayer.Benchmarks -- [roslyn | cold N | edit N | steps N | transform N | keystroke N | analyzers N | task N [env] | size N | floor N | shape N | watch N | environments N | build N | all]
///   roslyn   BenchmarkDotNet: generator (cold, cached, one edit, the floor) and analyzers, at N = 100, 1000, 5000
///   cold N   where a cold run's time goes beyond the floor
///   edit N   where a one-workload edit's time goes, step by step
///   steps N  Roslyn's own per-step timing of a cold run and an edit, floor and ours
///   transform N [loop]  what the ForAttributeWithMetadataName transform (run per class on every compilation) costs, part by part;
///            with "loop", runs it 1,500 times for a profiler instead
///   keystroke N [loop]  one edited file's analyzer diagnostics, the floor and each HEVL analyzer alone
///   analyzers N [loop]  where the HEVL analyzers' time per workload goes: the driver's time per analyzer, and WorkloadAnalyzer's steps taken apart
///   task N [env]  the manifests task on a one-workload edit, a fresh process per run, with its state and without (the full path);
///            with "env", three environments, a folder each
///   size N   the user's assembly with and without the generated code (bytes per workload)
///   floor N[,N...] | floor all  the edit build with HevLayer against the plain compile of the same classes, plus a do-nothing FAWMN generator, plus a do-nothing
///            syntactic generator (one file each, and all in one), compiler server on, sides taking turns; the HEVL analyzers' share of Csc; "all" is 50,1000,5000
///   servercache N  what a generator driver kept between builds (/features:enable-generator-cache) would save: step reuse on a re-parsed
///            compilation with one edit, a fresh driver's time per step, and the two runs' wall time
///   shape N  what the generated C# costs the compile (parse, bind, emit), against the plain compile and the shapes it could have had
///   watch N  hevlayer watch: a save written to disk (one class per file, and all in one), against a cdk8s synth of the same objects
///   environments N [size]  what three environments (a tenth of the workloads overriding) cost against none: keystroke, dll size, edit build (server on)
///   build N  a real consumer with N workloads: compiler-reported generator and analyzer times, incremental and no-op builds
///   all      both, build at 1000 and 5000
/// Any other arguments go to BenchmarkDotNet (for example --filter *Generator*).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "all";
        switch (mode)
        {
            case "cold":
                ColdBreakdown.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "steps":
                StepBreakdown.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "transform":
                TransformBreakdown.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 && args[2] == "loop");
                return 0;
            case "keystroke":
                KeystrokeBreakdown.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 && args[2] == "loop");
                return 0;
            case "analyzers":
                AnalyzerProfile.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 && args[2] == "loop");
                return 0;
            case "task":
                return TaskBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 && args[2] == "env");
            case "task-once":
                return TaskBenchmark.Once(args[1], args[2], args[3], args[4]);
            case "edit":
                EditBreakdown.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "size":
                SizeBenchmark.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "shape":
                ShapeBenchmark.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "servercache":
                ServerCacheProbe.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
                return 0;
            case "floor":
                return FloorBuildBenchmark.Run(args.Length > 1 ? args[1] : "1000");
            case "watch":
                return WatchBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            case "environments":
                return EnvironmentBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000, args.Length > 2 && args[2] == "size");
            case "build":
                return BuildBenchmark.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            case "roslyn":
            case "all":
                var summaries = BenchmarkSwitcher.FromTypes(new[] { typeof(GeneratorBenchmarks), typeof(AnalyzerBenchmarks) })
                    .RunAll(DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
                Scaling.Print(summaries);
                if (mode == "all")
                {
                    var code = BuildBenchmark.Run(1000);
                    return code != 0 ? code : BuildBenchmark.Run(5000);
                }

                return 0;
            default:
                BenchmarkSwitcher.FromTypes(new[] { typeof(GeneratorBenchmarks), typeof(AnalyzerBenchmarks) }).Run(args);
                return 0;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// What HevLayer adds to a user's edit build (issue 23), side by side in one run with three floors: the same N
/// attributed classes compiled with no generator or analyzer at all (the attributes compiled into the project
/// from HevLayer.Abstractions' sources: the plain compile); the plain compile plus Roslyn's do-nothing
/// ForAttributeWithMetadataName generator (<see cref="FloorGenerator"/>); the plain compile plus a do-nothing
/// syntactic generator (<see cref="SyntacticFloorGenerator"/>); and HevLayer through the packed package. At
/// each N given (<c>floor 50,1000,5000</c>; <c>floor all</c> is those three), one class per file and all in one
/// file: an edit of one attribute, then <c>dotnet build</c> with the compiler server on
/// (<c>-p:UseSharedCompilation=true</c>), the four sides taking turns so that a slow minute of the machine hits
/// all alike. Reported: the edit-to-build time, <c>Csc</c>, the manifests task (<c>WriteManifests</c>), the
/// dll's growth per workload, and the load average during the rounds. Then, for HevLayer, three more edit
/// builds with <c>-p:ReportAnalyzer=true</c>: the HEVL analyzers' and the generator's share of <c>Csc</c> as the
/// compiler reports it (that report slows the compile, so it is kept out of the timed rounds).
/// HEVLAYER_BENCH_REPEATS sets the rounds (default 7), HEVLAYER_BENCH_LAYOUT one layout ("files" or "onefile"),
/// HEVLAYER_BENCH_FEATURES a compiler feature for every side alike (e.g. enable-generator-cache).
/// </summary>
public static class FloorBuildBenchmark
{
    private enum Side
    {
        Plain,
        FawmnGenerator,
        SyntacticGenerator,
        HevLayer,
    }

    private static readonly Side[] Sides = { Side.Plain, Side.FawmnGenerator, Side.SyntacticGenerator, Side.HevLayer };

    /// <summary>Both layouts, or the one HEVLAYER_BENCH_LAYOUT names ("files" or "onefile").</summary>
    private static bool[] Layouts => Environment.GetEnvironmentVariable("HEVLAYER_BENCH_LAYOUT") switch
    {
        "files" => new[] { false },
        "onefile" => new[] { true },
        _ => new[] { false, true },
    };

    private static int Repeats => int.TryParse(Environment.GetEnvironmentVariable("HEVLAYER_BENCH_REPEATS"), out var r) && r > 0 ? r : 7;

    /// <summary>Runs at each size of <paramref name="sizes"/> ("50,1000,5000", or "all" for those three).</summary>
    public static int Run(string sizes)
    {
        var ns = (sizes == "all" ? "50,1000,5000" : sizes).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var repo = BuildBenchmark.FindRepo();
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-floor-" + Guid.NewGuid().ToString("N")[..8]);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var rows = new List<string>();
        var shares = new List<string>();
        try
        {
            Console.WriteLine($"== Edit builds, four sides, N = {string.Join(", ", ns)} ({root}); {Load()}");
            var version = BuildBenchmark.PackFeed(repo, root, env);
            var generators = new Dictionary<Side, string>
            {
                [Side.FawmnGenerator] = BuildFloorGenerator(repo, root, "FloorGenerator"),
                [Side.SyntacticGenerator] = BuildFloorGenerator(repo, root, "SyntacticFloorGenerator"),
            };

            foreach (var n in ns)
            {
                foreach (var oneFile in Layouts)
                {
                    var r = Measure(root, env, repo, version, generators, n, oneFile);
                    var plain = r.Edits[Side.Plain];
                    var layout = oneFile ? "all in one file" : "one class per file";
                    rows.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {n:N0} | {layout} | {Spread.Median(plain):0.00} s | {Spread.Median(r.Edits[Side.FawmnGenerator]):0.00} s ({Ratio(r.Edits[Side.FawmnGenerator], plain)}) | {Spread.Median(r.Edits[Side.SyntacticGenerator]):0.00} s ({Ratio(r.Edits[Side.SyntacticGenerator], plain)}) | {Spread.Median(r.Edits[Side.HevLayer]):0.00} s | **{Ratio(r.Edits[Side.HevLayer], plain)}** | {Spread.Median(r.Csc[Side.Plain]):0.00} / {Spread.Median(r.Csc[Side.FawmnGenerator]):0.00} / {Spread.Median(r.Csc[Side.SyntacticGenerator]):0.00} / {Spread.Median(r.Csc[Side.HevLayer]):0.00} s | {Spread.Median(r.Task):0} ms | {r.Growth:N0} B | {r.Load} |"));
                    shares.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {n:N0} | {layout} | {Spread.Median(r.ReportedCsc):0.000} s | {Spread.Median(r.Analyzers):0.000} s | **{Spread.Median(r.Analyzers) / Spread.Median(r.ReportedCsc) * 100:0.0} %** | {Spread.Median(r.Analyzers) * 1e6 / n:0} us | {Spread.Median(r.Generator):0.000} s | {Spread.Median(r.ReportedTask):0} ms |"));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"Median of {Repeats} edit builds per side, the sides taking turns, compiler server on.");
            Console.WriteLine("| workloads | layout | plain compile | + do-nothing FAWMN generator | + do-nothing syntactic generator | HevLayer | HevLayer / plain | Csc: plain / FAWMN / syntactic / HevLayer | manifests task | dll growth per workload | load average (1 min) |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---|");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine();
            Console.WriteLine("HevLayer's edit builds with -p:ReportAnalyzer=true, median of 3: the compiler's own report.");
            Console.WriteLine("| workloads | layout | Csc | HEVL analyzers | share of Csc | per workload | WorkloadGenerator | manifests task |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
            shares.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            BuildBenchmark.Dotnet(repo, env, "build-server", "shutdown");
            foreach (var dir in new[] { root, root + "-FloorGenerator", root + "-SyntacticFloorGenerator" })
            {
                try
                {
                    if (Directory.Exists(dir))
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                }
                catch (IOException)
                {
                    // Leave it for the OS.
                }
            }
        }
    }

    private static string Ratio(List<double> side, List<double> plain) =>
        (Spread.Median(side) / Spread.Median(plain)).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average, as <c>uptime</c> shows it.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static string Load() => "load average " + LoadAverage().ToString("0.00", CultureInfo.InvariantCulture);

    private sealed class Result
    {
        public Dictionary<Side, List<double>> Edits { get; } = Sides.ToDictionary(s => s, _ => new List<double>());

        public Dictionary<Side, List<double>> Csc { get; } = Sides.ToDictionary(s => s, _ => new List<double>());

        public List<double> Task { get; } = new();

        public List<double> ReportedCsc { get; } = new();

        public List<double> Analyzers { get; } = new();

        public List<double> Generator { get; } = new();

        public List<double> ReportedTask { get; } = new();

        public double Growth { get; set; }

        public string Load { get; set; } = string.Empty;
    }

    private static Result Measure(string root, Dictionary<string, string> env, string repo, string version, Dictionary<Side, string> generators, int n, bool oneFile)
    {
        var apps = new Dictionary<Side, string>();
        foreach (var side in Sides)
        {
            var app = Path.Combine(root, n.ToString(CultureInfo.InvariantCulture) + "-" + side.ToString().ToLowerInvariant() + (oneFile ? "-onefile" : "-files"));
            Directory.CreateDirectory(app);
            WriteProject(app, repo, version, n, oneFile, side == Side.HevLayer, edited: null, generators.GetValueOrDefault(side));
            BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "-p:UseSharedCompilation=true", "-v:q"));

            // Let the compiler server JIT the generators and analyzers once, as a developer's earlier builds would.
            BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:UseSharedCompilation=true", "-v:q"));
            apps[side] = app;
        }

        var result = new Result();
        var loads = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            loads.Add(LoadAverage());
            foreach (var side in Sides)
            {
                var app = apps[side];
                WriteProject(app, repo, version, n, oneFile, side == Side.HevLayer, edited: 1 + (i % 2), null);
                var clock = Stopwatch.StartNew();
                var output = BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "-p:UseSharedCompilation=true", "-clp:PerformanceSummary"));
                result.Edits[side].Add(clock.Elapsed.TotalSeconds);
                result.Csc[side].Add(BuildBenchmark.TaskMilliseconds(output, "Csc") / 1000);
                if (side == Side.HevLayer)
                {
                    result.Task.Add(BuildBenchmark.TaskMilliseconds(output, "WriteManifests"));
                    if (!output.Contains("1 file(s) changed", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("The edit did not rewrite exactly one manifest:\n" + output);
                    }
                }
            }
        }

        loads.Add(LoadAverage());
        result.Load = string.Create(CultureInfo.InvariantCulture, $"{loads.Min():0.0}..{loads.Max():0.0}");

        // The compiler's own report, outside the timed rounds.
        for (var i = 0; i < 3; i++)
        {
            var app = apps[Side.HevLayer];
            WriteProject(app, repo, version, n, oneFile, hevLayer: true, edited: 1 + ((Repeats + i) % 2), null);
            var log = Path.Combine(root, "report.log");
            var summary = BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "-p:UseSharedCompilation=true", "-p:ReportAnalyzer=true", "-v:q", "-clp:PerformanceSummary", "-flp:verbosity=detailed;logfile=" + log));
            var report = summary + string.Join("\n", File.ReadLines(log).Where(l => l.Contains("HevLayer", StringComparison.Ordinal)));
            result.ReportedCsc.Add(BuildBenchmark.TaskMilliseconds(summary, "Csc") / 1000);
            result.ReportedTask.Add(BuildBenchmark.TaskMilliseconds(summary, "WriteManifests"));
            result.Analyzers.Add(
                BuildBenchmark.Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.Analyzers\.WorkloadAnalyzer")
                + BuildBenchmark.Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.Analyzers\.InfraRulesAnalyzer"));
            result.Generator.Add(BuildBenchmark.Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.WorkloadGenerator"));
        }

        var sizes = Sides.ToDictionary(s => s, s => new FileInfo(Path.Combine(apps[s], "bin", "Release", "net10.0", "App.dll")).Length);
        result.Growth = (sizes[Side.HevLayer] - sizes[Side.Plain]) / (double)n;
        foreach (var side in Sides)
        {
            Console.WriteLine($"{n,5} {side,-18} {(oneFile ? "one file  " : "per file  ")} edit build {Spread.Of(result.Edits[side], "s", "0.000")}; Csc {Spread.Of(result.Csc[side], "s", "0.000")}; dll {sizes[side]:N0} bytes");
        }

        Console.WriteLine($"{n,5} manifests task {Spread.Of(result.Task, "ms", "0")}; reported: Csc {Spread.Of(result.ReportedCsc, "s", "0.000")}, HEVL analyzers {Spread.Of(result.Analyzers, "s", "0.000")}, generator {Spread.Of(result.Generator, "s", "0.000")}; load {result.Load}");
        foreach (var app in apps.Values)
        {
            // 5,000 workloads in eight copies fill a small disk: each layout's consumers go once measured.
            Directory.Delete(app, recursive: true);
        }

        return result;
    }

    /// <summary>
    /// Builds one do-nothing generator (<paramref name="generator"/>: <see cref="FloorGenerator"/> or
    /// <see cref="SyntacticFloorGenerator"/>) from its source as a generator assembly of its own
    /// (netstandard2.0, the repository's Roslyn version), outside the benchmark feed's folder so it restores
    /// from the usual sources, and returns the dll's path.
    /// </summary>
    private static string BuildFloorGenerator(string repo, string root, string generator)
    {
        var dir = root + "-" + generator;
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "FloorGen.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
                <LangVersion>latest</LangVersion>
                <IsRoslynComponent>true</IsRoslynComponent>
                <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="4.8.0" PrivateAssets="all" />
                <Compile Include="{Path.Combine(repo, "tests", "HevLayer.Benchmarks", generator + ".cs")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Entry.cs"), $$"""
            [Microsoft.CodeAnalysis.Generator(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
            public sealed class FloorGeneratorEntry : Microsoft.CodeAnalysis.IIncrementalGenerator
            {
                public void Initialize(Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext context) =>
                    new HevLayer.Benchmarks.{{generator}}().Initialize(context);
            }
            """);
        BuildBenchmark.Check(BuildBenchmark.Dotnet(dir, new Dictionary<string, string>(), "build", "-c", "Release", "-o", Path.Combine(dir, "out"), "-v:q"));
        return Path.Combine(dir, "out", "FloorGen.dll");
    }

    /// <summary>
    /// Writes (or rewrites) the consumer. <paramref name="edited"/> sets the replicas of the edited workload;
    /// per file only that file is rewritten, in one file the whole file is.
    /// </summary>
    internal static void WriteProject(string app, string repo, string version, int n, bool oneFile, bool hevLayer, int? edited, string? floorGenerator = null)
    {
        var index = Synthetic.EditedIndex(n);
        if (edited is null)
        {
            var reference = hevLayer
                ? $"<PackageReference Include=\"HevLayer.Generators\" Version=\"{version}\" />"
                : $"<Compile Include=\"{Path.Combine(repo, "src", "HevLayer.Abstractions")}/*.cs\" /><Compile Include=\"{Path.Combine(repo, "src", "Shared", "WorkloadVocabulary.cs")}\" />"
                    + (floorGenerator is null ? string.Empty : $"<Analyzer Include=\"{floorGenerator}\" />");
            // HEVLAYER_BENCH_FEATURES: compiler features for every side alike (e.g. enable-generator-cache).
            var feature = Environment.GetEnvironmentVariable("HEVLAYER_BENCH_FEATURES");
            var features = string.IsNullOrEmpty(feature) ? string.Empty : $"<Features>$(Features);{feature}</Features>";
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <NoWarn>$(NoWarn);CS1591</NoWarn>
                    {features}
                  </PropertyGroup>
                  <ItemGroup>
                    {reference}
                  </ItemGroup>
                </Project>
                """);
            if (hevLayer)
            {
                File.WriteAllText(Path.Combine(app, "infrarules.yaml"), Synthetic.InfraRules);
            }

            File.WriteAllText(Path.Combine(app, "AssemblyInfo.cs"), "[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/workers:1.0.0\")]\n");
        }

        if (oneFile)
        {
            var all = new StringBuilder("using System.Threading;\nusing System.Threading.Tasks;\nusing HevLayer;\n");
            for (var i = 0; i < n; i++)
            {
                all.Append(Blocked(Synthetic.Workload(i, i == index ? edited : null))).Append('\n');
            }

            File.WriteAllText(Path.Combine(app, "Workers.cs"), all.ToString());
            return;
        }

        for (var i = 0; i < n; i++)
        {
            if (edited is null || i == index)
            {
                File.WriteAllText(Path.Combine(app, "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs"), Synthetic.Workload(i, i == index ? edited : null));
            }
        }
    }

    /// <summary>One synthetic file as a block in a shared file: its usings dropped (hoisted), its file-scoped namespace made a block.</summary>
    private static string Blocked(string source)
    {
        var lines = source.Split('\n').Where(l => !l.StartsWith("using ", StringComparison.Ordinal)).ToList();
        var at = lines.FindIndex(l => l.StartsWith("namespace ", StringComparison.Ordinal));
        lines[at] = lines[at].TrimEnd(';', '\r') + " {";
        lines.Add("}");
        return string.Join("\n", lines);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// What HevLayer adds to a user's edit build, side by side in one run with two floors: the same N
/// attributed classes built with the packed HevLayer.Generators; with no generator or analyzer at all (the
/// attributes compiled into the project from HevLayer.Abstractions' sources: the plain compile); and like
/// the plain compile plus Roslyn's do-nothing generator (<see cref="FloorGenerator"/>, ForAttributeWithMetadataName
/// on the same two attributes, producing nothing: what any generator that finds these classes costs).
/// Both one class per file and all classes in one file. For each: an edit of one attribute, then
/// <c>dotnet build</c> with the warm compiler server (the edit-to-build time, the compiler's <c>Csc</c>
/// time) and the dll's size. The three sides' edits take turns, so a slow minute of the machine hits all
/// three alike. HEVLAYER_BENCH_REPEATS sets the edits per side (default 9).
/// </summary>
public static class FloorBuildBenchmark
{
    private enum Side
    {
        Plain,
        DoNothingGenerator,
        HevLayer,
    }

    private static int Repeats => int.TryParse(Environment.GetEnvironmentVariable("HEVLAYER_BENCH_REPEATS"), out var r) && r > 0 ? r : 9;

    public static int Run(int n)
    {
        var repo = BuildBenchmark.FindRepo();
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-floor-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var rows = new List<string>();
        try
        {
            Console.WriteLine($"== Edit build against the plain compile floor, N = {n:N0} workloads ({root})");
            var version = BuildBenchmark.PackFeed(repo, root, env);
            var floorGenerator = BuildFloorGenerator(repo, root);

            foreach (var oneFile in new[] { false, true })
            {
                var r = Measure(root, env, repo, version, floorGenerator, n, oneFile);
                var (plain, floor, ours) = (r[Side.Plain], r[Side.DoNothingGenerator], r[Side.HevLayer]);
                var layout = oneFile ? "all in one file" : "one class per file";
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {layout} | {Spread.Median(plain.Edit):0.00} s | {Spread.Median(floor.Edit):0.00} s ({Over(floor.Edit, plain.Edit)}) | {Spread.Median(ours.Edit):0.00} s | **{Over(ours.Edit, plain.Edit)}** | {Over(ours.Edit, floor.Edit)} | {Spread.Median(plain.Csc):0.00} / {Spread.Median(floor.Csc):0.00} / {Spread.Median(ours.Csc):0.00} s | {(ours.Size - plain.Size) / (double)n:N0} B |"));
            }

            Console.WriteLine();
            Console.WriteLine($"Median of {Repeats} edit builds per side, the sides taking turns.");
            Console.WriteLine("| workloads | layout | plain compile | do-nothing generator | HevLayer | over the plain compile | over the do-nothing generator | Csc: plain / do-nothing / HevLayer | dll growth per workload |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|---:|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            BuildBenchmark.Dotnet(repo, env, "build-server", "shutdown");
            try
            {
                Directory.Delete(root, recursive: true);
                if (Directory.Exists(root + "-floorgen"))
                {
                    Directory.Delete(root + "-floorgen", recursive: true);
                }
            }
            catch (IOException)
            {
                // Leave it for the OS.
            }
        }
    }

    private static string Over(List<double> ours, List<double> floor) =>
        ((Spread.Median(ours) / Spread.Median(floor)) - 1).ToString("+0%;-0%", CultureInfo.InvariantCulture);

    private static Dictionary<Side, (List<double> Edit, List<double> Csc, long Size)> Measure(string root, Dictionary<string, string> env, string repo, string version, string floorGenerator, int n, bool oneFile)
    {
        var sides = new[] { Side.Plain, Side.DoNothingGenerator, Side.HevLayer };
        var apps = new Dictionary<Side, string>();
        foreach (var side in sides)
        {
            var app = Path.Combine(root, side.ToString().ToLowerInvariant() + (oneFile ? "-onefile" : "-files"));
            Directory.CreateDirectory(app);
            WriteProject(app, repo, version, n, oneFile, side == Side.HevLayer, edited: null, side == Side.DoNothingGenerator ? floorGenerator : null);
            BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "-p:UseSharedCompilation=true", "-v:q"));

            // Let the compiler server JIT the generator and analyzers once, as a developer's earlier builds would.
            BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:UseSharedCompilation=true", "-v:q"));
            apps[side] = app;
        }

        var result = sides.ToDictionary(s => s, _ => (Edit: new List<double>(), Csc: new List<double>(), Size: 0L));
        var summaries = new Dictionary<Side, string>();
        for (var i = 0; i < Repeats; i++)
        {
            foreach (var side in sides)
            {
                var app = apps[side];
                WriteProject(app, repo, version, n, oneFile, side == Side.HevLayer, edited: 1 + (i % 2), null);
                var clock = Stopwatch.StartNew();
                var output = BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "-p:UseSharedCompilation=true", "-clp:PerformanceSummary"));
                result[side].Edit.Add(clock.Elapsed.TotalSeconds);
                result[side].Csc.Add(BuildBenchmark.TaskMilliseconds(output, "Csc") / 1000);
                summaries[side] = output;
                if (side == Side.HevLayer && !output.Contains("1 file(s) changed", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The edit did not rewrite exactly one manifest:\n" + output);
                }
            }
        }

        foreach (var side in sides)
        {
            var (edits, csc, _) = result[side];
            var size = new FileInfo(Path.Combine(apps[side], "bin", "Release", "net10.0", "App.dll")).Length;
            result[side] = (edits, csc, size);
            Console.WriteLine($"{side,-18} {(oneFile ? "one file  " : "per file  ")} edit build {Spread.Of(edits, "s", "0.000")}; Csc {Spread.Of(csc, "s", "0.000")}; dll {size:N0} bytes");
            if (Environment.GetEnvironmentVariable("HEVLAYER_BENCH_SUMMARY") == "1")
            {
                Console.WriteLine(summaries[side][summaries[side].IndexOf("Target Performance Summary", StringComparison.Ordinal)..]);
            }
        }

        return result;
    }

    /// <summary>
    /// Builds <see cref="FloorGenerator"/>'s source as a generator assembly of its own (netstandard2.0, the
    /// repository's Roslyn version), outside the benchmark feed's folder so it restores from the usual
    /// sources, and returns the dll's path.
    /// </summary>
    private static string BuildFloorGenerator(string repo, string root)
    {
        var dir = root + "-floorgen";
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
                <Compile Include="{Path.Combine(repo, "tests", "HevLayer.Benchmarks", "FloorGenerator.cs")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Entry.cs"), """
            [Microsoft.CodeAnalysis.Generator(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
            public sealed class FloorGeneratorEntry : Microsoft.CodeAnalysis.IIncrementalGenerator
            {
                public void Initialize(Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext context) =>
                    new HevLayer.Benchmarks.FloorGenerator().Initialize(context);
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
                : $"<Compile Include=\"{Path.Combine(repo, "src", "HevLayer.Abstractions")}/*.cs\" />"
                    + (floorGenerator is null ? string.Empty : $"<Analyzer Include=\"{floorGenerator}\" />");
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <NoWarn>$(NoWarn);CS1591</NoWarn>
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

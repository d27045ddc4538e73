using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// What HevLayer adds to a user's edit build, side by side in one run with the plain compile floor: the
/// same N attributed classes built with the packed HevLayer.Generators, and with no generator or analyzer
/// at all (the attributes compiled into the project from HevLayer.Abstractions' sources). Both one class
/// per file and all classes in one file. For each: an edit of one attribute, then <c>dotnet build</c> with
/// the warm compiler server (the edit-to-build time, the compiler's <c>Csc</c> time) and the dll's size.
/// </summary>
public static class FloorBuildBenchmark
{
    private const int Repeats = 5;

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

            foreach (var oneFile in new[] { false, true })
            {
                var plain = Measure(root, env, repo, version, n, oneFile, hevLayer: false);
                var ours = Measure(root, env, repo, version, n, oneFile, hevLayer: true);
                var layout = oneFile ? "all in one file" : "one class per file";
                rows.Add($"| {n:N0} | {layout} | {Spread.Median(plain.Edit):0.00} s | {Spread.Median(ours.Edit):0.00} s | {(Spread.Median(ours.Edit) / Spread.Median(plain.Edit) - 1) * 100:+0;-0} % | {Spread.Median(plain.Csc):0.00} s | {Spread.Median(ours.Csc):0.00} s | {plain.Size:N0} | {ours.Size:N0} | {(ours.Size - plain.Size) / (double)n:N0} B |");
            }

            Console.WriteLine();
            Console.WriteLine("| workloads | layout | edit build, plain | edit build, HevLayer | overhead | Csc, plain | Csc, HevLayer | dll, plain | dll, HevLayer | growth per workload |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
            return 0;
        }
        finally
        {
            BuildBenchmark.Dotnet(repo, env, "build-server", "shutdown");
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Leave it for the OS.
            }
        }
    }

    private static (List<double> Edit, List<double> Csc, long Size) Measure(string root, Dictionary<string, string> env, string repo, string version, int n, bool oneFile, bool hevLayer)
    {
        var app = Path.Combine(root, (hevLayer ? "hevlayer" : "plain") + (oneFile ? "-onefile" : "-files"));
        Directory.CreateDirectory(app);
        WriteProject(app, repo, version, n, oneFile, hevLayer, edited: null);
        BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "-p:UseSharedCompilation=true", "-v:q"));

        // Let the compiler server JIT the generator and analyzers once, as a developer's earlier builds would.
        BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:UseSharedCompilation=true", "-v:q"));

        var edits = new List<double>();
        var csc = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            WriteProject(app, repo, version, n, oneFile, hevLayer, edited: 1 + (i % 2));
            var clock = Stopwatch.StartNew();
            var output = BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-c", "Release", "--no-restore", "-p:UseSharedCompilation=true", "-clp:PerformanceSummary"));
            edits.Add(clock.Elapsed.TotalSeconds);
            csc.Add(BuildBenchmark.TaskMilliseconds(output, "Csc") / 1000);
            if (hevLayer && !output.Contains("1 file(s) changed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The edit did not rewrite exactly one manifest:\n" + output);
            }
        }

        var size = new FileInfo(Path.Combine(app, "bin", "Release", "net10.0", "App.dll")).Length;
        Console.WriteLine($"{(hevLayer ? "HevLayer" : "plain   ")} {(oneFile ? "one file  " : "per file  ")} edit build {Spread.Of(edits, "s", "0.000")}; Csc {Spread.Of(csc, "s", "0.000")}; dll {size:N0} bytes");
        return (edits, csc, size);
    }

    /// <summary>
    /// Writes (or rewrites) the consumer. <paramref name="edited"/> sets the replicas of the edited workload;
    /// per file only that file is rewritten, in one file the whole file is.
    /// </summary>
    internal static void WriteProject(string app, string repo, string version, int n, bool oneFile, bool hevLayer, int? edited)
    {
        var index = Synthetic.EditedIndex(n);
        if (edited is null)
        {
            var reference = hevLayer
                ? $"<PackageReference Include=\"HevLayer.Generators\" Version=\"{version}\" />"
                : $"<Compile Include=\"{Path.Combine(repo, "src", "HevLayer.Abstractions")}/*.cs\" />";
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

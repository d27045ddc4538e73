using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HevLayer.Benchmarks;

/// <summary>
/// A real build: packs HevLayer.Generators, writes a consumer with N workloads that references it, and
/// measures with the SDK's own tools: the compiler's per-generator and per-analyzer times
/// (<c>-p:ReportAnalyzer=true</c>) beside the whole Csc task, an incremental build after one attribute
/// edit (from the edit to the manifest on disk), and a no-op rebuild (the manifests task's own time).
/// </summary>
public static class BuildBenchmark
{
    private const int Repeats = 3;

    public static int Run(int n)
    {
        var repo = FindRepo();
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-bench-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(root, "feed");
        var app = Path.Combine(root, "app");
        Directory.CreateDirectory(app);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        try
        {
            Console.WriteLine($"== Real build, N = {n:N0} workloads ({root})");
            Check(Dotnet(repo, env, "pack", Path.Combine(repo, "src", "HevLayer.Generators.Package"), "-c", "Release", "-o", feed, "-v:q"));
            var version = Directory.GetFiles(feed, "HevLayer.Generators.*.nupkg").Select(Path.GetFileNameWithoutExtension).Single()!["HevLayer.Generators.".Length..];
            WriteConsumer(app, feed, version, n);

            var cold = Timed(() => Check(Dotnet(app, env, "build", "-c", "Release")));
            Console.WriteLine($"first build (restore, compile, manifests): {cold.TotalSeconds:0.0} s");

            // This machine sets UseSharedCompilation=false (a fresh csc per compile: every analyzer's JIT is
            // counted every time); developer machines and most CI use the compiler server, where it is not.
            // Measure both.
            Rebuilds(root, app, env, server: false);
            Rebuilds(root, app, env, server: true);

            var edits = new List<double>();
            var edited = Synthetic.EditedIndex(n);
            var target = Path.Combine(app, "Worker" + edited.ToString("D5", CultureInfo.InvariantCulture) + ".cs");
            for (var i = 0; i < Repeats; i++)
            {
                File.WriteAllText(target, Synthetic.Workload(edited, replicas: 1 + (i % 2)));
                string output = string.Empty;
                edits.Add(Timed(() => output = Check(Dotnet(app, env, "build", "-c", "Release", "--no-restore"))).TotalSeconds);
                if (!output.Contains("1 file(s) changed", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("An edit of one workload did not rewrite exactly one manifest:\n" + output);
                }
            }

            Console.WriteLine($"incremental build after one attribute edit, edit to manifest on disk: {Stat(edits, "s")}");

            var noop = new List<double>();
            var task = new List<double>();
            for (var i = 0; i < Repeats; i++)
            {
                string output = string.Empty;
                noop.Add(Timed(() => output = Check(Dotnet(app, env, "build", "-c", "Release", "--no-restore", "-clp:PerformanceSummary"))).TotalSeconds);
                if (!output.Contains("0 file(s) changed", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("A no-op build rewrote a manifest:\n" + output);
                }

                task.Add(TaskMilliseconds(output, "WriteManifests"));
            }

            Console.WriteLine($"no-op rebuild: {Stat(noop, "s")}; manifests task: {Stat(task, "ms")}; manifests rewritten: 0");
            return 0;
        }
        finally
        {
            Dotnet(repo, env, "build-server", "shutdown");
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

    private static void Rebuilds(string root, string app, Dictionary<string, string> env, bool server)
    {
        var others = new List<double>();
        var generator = new List<double>();
        var analyzers = new List<double>();
        var csc = new List<double>();
        var shared = "-p:UseSharedCompilation=" + (server ? "true" : "false");
        if (server)
        {
            // Start the server and let it JIT once, as a developer's earlier builds would have.
            Check(Dotnet(app, env, "build", "-c", "Release", "--no-restore", "--no-incremental", shared, "-v:q"));
        }

        for (var i = 0; i < Repeats; i++)
        {
            // The compiler's report only shows at detailed verbosity: send that to a file and read it line by line.
            var log = Path.Combine(root, "rebuild.log");
            var summary = Check(Dotnet(app, env, "build", "-c", "Release", "--no-restore", "--no-incremental", shared, "-p:ReportAnalyzer=true", "-v:q", "-clp:PerformanceSummary", "-flp:verbosity=detailed;logfile=" + log));
            var report = summary + string.Join("\n", File.ReadLines(log).Where(l => l.Contains("HevLayer", StringComparison.Ordinal) || l.Contains("JsonSourceGenerator", StringComparison.Ordinal)));
            if (i == 0)
            {
                // Every generator's charge, not only ours: the compiler charges the shared binding of the
                // classes' attributes to whichever ForAttributeWithMetadataName generator asks first.
                Console.WriteLine($"every generator in the first rebuild ({shared}), as the compiler reports it (seconds):");
                foreach (var line in GeneratorLines(File.ReadLines(log)))
                {
                    Console.WriteLine("  " + line);
                }
            }

            generator.Add(Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.WorkloadGenerator"));
            others.Add(Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*System\.Text\.Json\.SourceGeneration\.JsonSourceGenerator"));
            analyzers.Add(Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.Analyzers\.WorkloadAnalyzer") + Seconds(report, @"^\s*([0-9.]+)\s+\S*\s*HevLayer\.Generators\.Analyzers\.InfraRulesAnalyzer"));
            csc.Add(TaskMilliseconds(report, "Csc") / 1000);
        }

        Console.WriteLine($"compiler-reported, {Repeats} full rebuilds, {(server ? "compiler server (warm)" : "a fresh csc each time")} (median, min..max):");
        Console.WriteLine($"  Csc task (the whole compile):  {Stat(csc, "s")}");
        Console.WriteLine($"  WorkloadGenerator:              {Stat(generator, "s")}  = {Spread.Median(generator) / Spread.Median(csc) * 100:0.0}% of the compile");
        Console.WriteLine($"  HEVL analyzers:                 {Stat(analyzers, "s")}  = {Spread.Median(analyzers) / Spread.Median(csc) * 100:0.0}% of the compile");
        Console.WriteLine($"  (for scale, the SDK's JsonSourceGenerator in the same compile: {Stat(others, "s")})");
    }

    private static void WriteConsumer(string app, string feed, string version, int n)
    {
        File.WriteAllText(Path.Combine(app, "..", "nuget.config"), $"<configuration><packageSources><clear /><add key=\"bench\" value=\"{feed}\" /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "infrarules.yaml"), Synthetic.InfraRules);
        File.WriteAllText(Path.Combine(app, "AssemblyInfo.cs"), "[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/workers:1.0.0\")]\n");
        for (var i = 0; i < n; i++)
        {
            File.WriteAllText(Path.Combine(app, "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs"), Synthetic.Workload(i));
        }
    }

    /// <summary>The per-generator lines of the compiler's ReportAnalyzer output (the lines after "Total generator execution time" that name a generator type).</summary>
    private static IEnumerable<string> GeneratorLines(IEnumerable<string> log)
    {
        var inGenerators = false;
        foreach (var raw in log)
        {
            var line = raw.Trim();
            if (line.StartsWith("Total generator execution time", StringComparison.Ordinal))
            {
                inGenerators = true;
                continue;
            }

            if (line.StartsWith("Total analyzer execution time", StringComparison.Ordinal))
            {
                inGenerators = false;
                continue;
            }

            // "   1.293   17   HevLayer.Generators.WorkloadGenerator (TaskId:42)"; assembly lines carry ", Version=".
            var match = Regex.Match(line, @"^([0-9.]+)\s+\S+\s+([A-Za-z_][A-Za-z0-9_.]*)(\s|$)");
            if (inGenerators && match.Success && !line.Contains("Version=", StringComparison.Ordinal))
            {
                yield return $"{match.Groups[1].Value,8}  {match.Groups[2].Value}";
            }
        }
    }

    /// <summary>
    /// The seconds in the first line matching <paramref name="pattern"/>. The compiler writes "&lt; 0.001"
    /// for a component under a millisecond; that counts as 0.001 (an upper bound), not as missing.
    /// </summary>
    internal static double Seconds(string report, string pattern)
    {
        var match = Regex.Match(report, pattern.Replace("([0-9.]+)", "(?:<\\s*)?([0-9.]+)", StringComparison.Ordinal), RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    internal static double TaskMilliseconds(string report, string task)
    {
        var match = Regex.Match(report, @"^\s*([0-9]+) ms\s+(?:[A-Za-z0-9_]+\.)*" + Regex.Escape(task) + @"\s+[0-9]+ calls", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static string Stat(List<double> values, string unit) => Spread.Of(values, unit, "0.000");

    private static TimeSpan Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    internal static string Check((int Code, string Output) result) =>
        result.Code == 0 ? result.Output : throw new InvalidOperationException("dotnet failed:\n" + result.Output);

    internal static (int Code, string Output) Dotnet(string directory, Dictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Append(e.Data).Append('\n'); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Append(e.Data).Append('\n'); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Packs the analyzer package into <paramref name="root"/>/feed, makes it the only source of consumers under <paramref name="root"/>, and returns its version.</summary>
    internal static string PackFeed(string repo, string root, Dictionary<string, string> env)
    {
        var feed = Path.Combine(root, "feed");
        Check(Dotnet(repo, env, "pack", Path.Combine(repo, "src", "HevLayer.Generators.Package"), "-c", "Release", "-o", feed, "-v:q"));
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"<configuration><packageSources><clear /><add key=\"bench\" value=\"{feed}\" /></packageSources></configuration>");
        return Directory.GetFiles(feed, "HevLayer.Generators.*.nupkg").Select(Path.GetFileNameWithoutExtension).Single()!["HevLayer.Generators.".Length..];
    }

    internal static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HevLayer.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}

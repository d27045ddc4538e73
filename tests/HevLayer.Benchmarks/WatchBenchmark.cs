using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace HevLayer.Benchmarks;

/// <summary>
/// The inner loop, save to disk: <c>hevlayer watch</c> on a consumer with N workloads (one class per file,
/// and all in one file), against a cdk8s synth of the same N objects in the same run. For watch, the clock
/// starts before the edited source file is written and stops when the edited workload's manifest has its
/// new bytes on disk (polled every millisecond). For cdk8s, an app holding the N manifests as ApiObject
/// literals (generated from the folder dotnet build wrote) is synthesized two ways: `cdk8s synth` with
/// the CLI on the TypeScript app `cdk8s init typescript-app` sets up (ts-node), which is what a cdk8s user
/// runs on a save, and the same app as plain JavaScript run by node alone (the synth without the CLI and
/// the TypeScript compile: cdk8s at its cheapest).
/// </summary>
public static class WatchBenchmark
{
    private const int Warmup = 3;
    private static readonly int Saves = int.TryParse(Environment.GetEnvironmentVariable("HEVLAYER_BENCH_SAVES"), out var s) ? s : 15;
    private const int Synths = 5;

    public static int Run(int n)
    {
        var repo = BuildBenchmark.FindRepo();
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-watch-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var rows = new List<string>();
        try
        {
            Console.WriteLine($"== hevlayer watch, save to disk, against a cdk8s synth, N = {n:N0} workloads ({root})");
            var version = BuildBenchmark.PackFeed(repo, root, env);
            BuildBenchmark.Check(BuildBenchmark.Dotnet(repo, env, "build", Path.Combine(repo, "src", "HevLayer.Cli"), "-c", "Release", "-v:q"));
            var tool = Path.Combine(repo, "src", "HevLayer.Cli", "bin", "Release", "net8.0", "hevlayer.dll");

            string? manifests = null;
            foreach (var oneFile in new[] { false, true })
            {
                var app = Path.Combine(root, oneFile ? "onefile" : "files");
                Directory.CreateDirectory(app);
                FloorBuildBenchmark.WriteProject(app, repo, version, n, oneFile, hevLayer: true, edited: null);
                BuildBenchmark.Check(BuildBenchmark.Dotnet(app, env, "build", "-v:q"));
                manifests ??= Path.Combine(app, "bin", "Debug", "net10.0", "manifests");
                var saves = MeasureWatch(tool, app, env, repo, version, n, oneFile);
                var layout = oneFile ? "all in one file" : "one class per file";
                Console.WriteLine($"watch, {layout}: save to disk {Spread.Of(saves)}");
                rows.Add($"| {n:N0} | {layout} | {Spread.Median(saves):0} ms | {saves.Min():0}..{saves.Max():0} ms |");
            }

            var (cli, node) = MeasureCdk8s(root, manifests!, n);
            Console.WriteLine($"cdk8s synth (CLI, TypeScript app) of the same {n:N0} objects: {Spread.Of(cli)}");
            Console.WriteLine($"node main.js (the same app as JavaScript, no CLI): {Spread.Of(node)}");

            Console.WriteLine();
            Console.WriteLine("| workloads | layout | watch: save to disk, median | spread | `cdk8s synth` (CLI, TypeScript) | ratio | `node main.js` (JavaScript) | ratio |");
            Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows)
            {
                var watchMedian = double.Parse(row.Split('|')[3].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                Console.WriteLine($"{row} {Spread.Median(cli):0} ms ({cli.Min():0}..{cli.Max():0}) | {Spread.Median(cli) / watchMedian:0.0}x | {Spread.Median(node):0} ms ({node.Min():0}..{node.Max():0}) | {Spread.Median(node) / watchMedian:0.0}x |");
            }

            return 0;
        }
        finally
        {
            try
            {
                // HEVLAYER_BENCH_KEEP=1 keeps the projects, to run the tool on them by hand.
                if (Environment.GetEnvironmentVariable("HEVLAYER_BENCH_KEEP") == "1")
                {
                    Console.WriteLine("kept " + root);
                }
                else
                {
                    Directory.Delete(root, recursive: true);
                }
            }
            catch (IOException)
            {
                // Leave it for the OS.
            }
        }
    }

    private static List<double> MeasureWatch(string tool, string app, Dictionary<string, string> env, string repo, string version, int n, bool oneFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = app };
        foreach (var arg in new[] { tool, "watch", "--project", app, "--timings" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var lines = new BlockingCollection<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Add("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitFor(lines, l => l.StartsWith("Watching for changes", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            var folder = Path.Combine(app, "bin", "Debug", "net10.0", "manifests");
            string? edited = null;
            var times = new List<double>();
            var steps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var checks = new List<double>();
            for (var i = 0; i < Warmup + Saves; i++)
            {
                // Alternate between two valid replica counts so every save changes the manifest.
                var replicas = 1 + (i % 2);
                var before = edited is null ? Snapshot(folder) : null;
                var old = edited is null ? null : File.ReadAllBytes(edited);
                var clock = Stopwatch.StartNew();
                FloorBuildBenchmark.WriteProject(app, repo, version, n, oneFile, hevLayer: true, edited: replicas);
                if (edited is null)
                {
                    WaitFor(lines, l => l.Contains(": wrote ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
                    WaitFor(lines, l => l.StartsWith("whole-project check: no manifest changed", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
                    var after = Snapshot(folder);
                    edited = Path.Combine(folder, after.Single(p => !before!.TryGetValue(p.Key, out var b) || b != p.Value).Key);
                    continue;
                }

                while (Same(edited, old!))
                {
                    Thread.Sleep(1);
                    if (clock.Elapsed > TimeSpan.FromMinutes(1))
                    {
                        throw new InvalidOperationException("watch did not write the edited manifest within a minute:\n" + string.Join("\n", lines));
                    }
                }

                var elapsed = clock.Elapsed.TotalMilliseconds;
                var timings = WaitFor(lines, l => l.StartsWith("  timings: ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
                WaitFor(lines, l => l.Contains(": wrote ", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

                // The whole-project check that follows each save must agree with the fast path, and end before the next save.
                var check = Stopwatch.StartNew();
                WaitFor(lines, l => l.StartsWith("whole-project check: no manifest changed", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
                if (i >= Warmup)
                {
                    checks.Add(elapsed + check.Elapsed.TotalMilliseconds);
                }
                if (i >= Warmup)
                {
                    times.Add(elapsed);
                    foreach (var part in timings["  timings: ".Length..].Split(", "))
                    {
                        var at = part.LastIndexOf(' ', part.Length - 4);
                        var step = part[..at];
                        if (!steps.TryGetValue(step, out var list))
                        {
                            steps[step] = list = new List<double>();
                        }

                        list.Add(double.Parse(part[(at + 1)..^3], CultureInfo.InvariantCulture));
                    }
                }
            }

            Console.WriteLine("  inside watch: " + string.Join(", ", steps.Select(p => $"{p.Key} {Spread.Of(p.Value, "ms", "0.0")}")));
            Console.WriteLine("  save to the end of the whole-project check (not in the save's time): " + Spread.Of(checks, "ms", "0"));
            return times;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static bool Same(string path, byte[] old)
    {
        try
        {
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(old);
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    private static string WaitFor(BlockingCollection<string> lines, Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (lines.TryTake(out var line, 100))
            {
                if (line.Contains(": error ", StringComparison.Ordinal) || line.StartsWith("stderr:", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("watch reported: " + line);
                }

                if (match(line))
                {
                    return line;
                }
            }
        }

        throw new TimeoutException("watch did not print the expected line in time.");
    }

    /// <summary>A cdk8s app with the N manifests as ApiObject literals: `cdk8s synth` on it as TypeScript, and node on it as JavaScript.</summary>
    private static (List<double> Cli, List<double> Node) MeasureCdk8s(string root, string manifests, int n)
    {
        var cdk = Path.Combine(root, "cdk8s");
        Directory.CreateDirectory(cdk);
        Run("npm", cdk, "init", "-y");
        Run("npm", cdk, "install", "--no-audit", "--no-fund", "cdk8s@2.70.106", "constructs@10.8.1", "cdk8s-cli@2.207.60", "ts-node@10.9.2", "typescript@5.9.3", "@types/node@20");

        // As `cdk8s init typescript-app` writes them.
        File.WriteAllText(Path.Combine(cdk, "cdk8s.yaml"), "language: typescript\napp: npx ts-node main.ts\n");
        File.WriteAllText(Path.Combine(cdk, "tsconfig.json"), """
            { "compilerOptions": { "target": "ES2020", "module": "commonjs", "lib": ["es2020"], "strict": true, "esModuleInterop": true, "skipLibCheck": true, "declaration": false } }
            """);

        // Generate main.js from the manifests dotnet build wrote: the same objects, written as code.
        File.WriteAllText(Path.Combine(cdk, "generate.js"), """
            const fs = require('fs'); const path = require('path');
            // The YAML parser cdk8s bundles (its Yaml.load starts a process per file).
            const yaml = require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] }));
            const dir = process.argv[2];
            const objects = fs.readdirSync(dir).filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort()
              .map(f => yaml.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
            let js = "const { App, Chart, ApiObject } = require('cdk8s');\nconst app = new App({ outdir: 'dist' });\nconst chart = new Chart(app, 'workers', { disableResourceNameHashes: true });\n";
            objects.forEach((o, i) => { js += `new ApiObject(chart, 'w${i}', ${JSON.stringify(o)});\n`; });
            js += "app.synth();\n";
            fs.writeFileSync('main.js', js);
            fs.writeFileSync('main.ts', js.replace("const { App, Chart, ApiObject } = require('cdk8s');", "import { App, Chart, ApiObject } from 'cdk8s';"));
            console.log(objects.length);
            """);
        var count = Run("node", cdk, "generate.js", manifests).Trim();
        if (count != n.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"The cdk8s app holds {count} objects, not {n}.");
        }

        var node = Time(cdk, n, "node", "main.js");
        var cli = Time(cdk, n, "npx", "cdk8s", "synth");
        return (cli, node);
    }

    /// <summary>Runs a synth Synths times after one warm-up, checking each time that it wrote all N objects.</summary>
    private static List<double> Time(string cdk, int n, string file, params string[] args)
    {
        var times = new List<double>();
        for (var i = 0; i < Synths + 1; i++)
        {
            var dist = Path.Combine(cdk, "dist");
            if (Directory.Exists(dist))
            {
                Directory.Delete(dist, recursive: true);
            }

            var clock = Stopwatch.StartNew();
            Run(file, cdk, args);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var synthesized = Directory.GetFiles(dist).Sum(f => File.ReadAllText(f).Split("\n---\n").Length);
            if (synthesized != n)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} synthesized {synthesized} objects, not {n}.");
            }

            if (i > 0)
            {
                times.Add(elapsed);
            }
        }

        return times;
    }

    private static string Run(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed:\n{output}{error.Result}");
        }

        return output;
    }
}

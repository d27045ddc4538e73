using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using HevLayer.Build;
using Microsoft.Build.Framework;
using Microsoft.CodeAnalysis;

namespace HevLayer.Benchmarks;

/// <summary>
/// The manifests task on a one-workload edit, as <c>dotnet build</c> runs it: once, in a fresh process (every
/// build's MSBuild node is new, so the task's code is compiled by the JIT every time). The synthetic project
/// is emitted twice, differing in one workload's replicas; a folder is written from the first; then child
/// processes run the task alternately on the two assemblies, with the state in obj/ and without it (the
/// full path, as before issue 23), taking turns, 9 each; each child makes two edits, so the second shows the
/// task's work with its code already compiled. Reported: the task's own <c>Execute</c> times in the child, and
/// its timing lines. The MSBuild task host adds its own start-up on top, the same for both. With
/// <c>env</c>, the project declares three environments (<see cref="EnvironmentBenchmark"/>'s: a tenth of the
/// workloads override something) and the task writes a folder for each, with a state each.
/// </summary>
public static class TaskBenchmark
{
    public static int Run(int n, bool environments = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-task-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            var index = Synthetic.EditedIndex(n);
            var table = environments ? EnvironmentBenchmark.Table(root) : string.Empty;
            var assemblies = new[] { 1, 2 }.Select(replicas =>
            {
                var compilation = Synthetic.Compilation(n);
                for (var i = 3; environments && i < n; i += 10)
                {
                    var file = "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
                    var original = compilation.SyntaxTrees.Single(t => t.FilePath == file);
                    compilation = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)compilation.ReplaceSyntaxTree(original, original.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(EnvironmentBenchmark.Workload(i, true))));
                }

                var edited = Synthetic.EditOne(compilation, index);
                var tree = edited.SyntaxTrees.Single(t => t.FilePath == "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs");
                edited = (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)edited.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(environments ? EnvironmentBenchmark.Workload(index, true, replicas) : Synthetic.Workload(index, replicas))));
                edited = edited.WithOptions(edited.Options.WithOptimizationLevel(OptimizationLevel.Release).WithDeterministic(true));
                var output = environments
                    ? EnvironmentBenchmark.Generate(edited, new Dictionary<string, string> { ["build_property.HevLayerEnvironmentTable"] = table })
                    : Synthetic.WithGeneratedSources(edited);
                var path = Path.Combine(root, "App" + replicas.ToString(CultureInfo.InvariantCulture) + ".dll");
                using (var stream = File.Create(path))
                {
                    var emit = output.Emit(stream);
                    if (!emit.Success)
                    {
                        throw new InvalidOperationException(string.Join("\n", emit.Diagnostics));
                    }
                }

                return path;
            }).ToArray();
            File.WriteAllText(Path.Combine(root, "infrarules.yaml"), Synthetic.InfraRules);
            foreach (var environment in EnvironmentBenchmark.Names)
            {
                File.WriteAllText(Path.Combine(root, environment + ".yaml"), Synthetic.InfraRules);
            }

            File.WriteAllText(Path.Combine(root, "table"), table);

            var sides = new[] { ("with the state", Path.Combine(root, "obj")), ("without a state (full path)", string.Empty) };
            var folders = sides.Select((s, i) => Path.Combine(root, "manifests" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            for (var s = 0; s < sides.Length; s++)
            {
                Child(assemblies[0], folders[s], sides[s].Item2, root);
                Child(assemblies[1], folders[s], sides[s].Item2, root);
            }

            var times = sides.Select(_ => new List<double>()).ToArray();
            var warmTimes = sides.Select(_ => new List<double>()).ToArray();
            var lines = new string[sides.Length];
            var warmLines = new string[sides.Length];
            for (var i = 0; i < 9; i++)
            {
                for (var s = 0; s < sides.Length; s++)
                {
                    // Each child makes two edits (the folder holds the second assembly's manifests before it starts).
                    var (ms, line, warm, warmLine) = Child(assemblies[0] + "|" + assemblies[1], folders[s], sides[s].Item2, root);
                    times[s].Add(ms);
                    warmTimes[s].Add(warm);
                    lines[s] = line;
                    warmLines[s] = warmLine;
                    if (!line.Contains(" 1 of ", StringComparison.Ordinal) && s == 0)
                    {
                        throw new InvalidOperationException("The edit did not render exactly one workload: " + line);
                    }
                }
            }

            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            var of = environments ? $", {EnvironmentBenchmark.Names.Length} environments (a folder each)" : string.Empty;
            Console.WriteLine($"== The manifests task on a one-workload edit, N = {n:N0}{of}, a fresh process per run, 9 runs each taking turns; load average {load}");
            for (var s = 0; s < sides.Length; s++)
            {
                Console.WriteLine($"  {sides[s].Item1,-30} first Execute in the process {Spread.Of(times[s], "ms", "0.0")}; a second edit in the same process {Spread.Of(warmTimes[s], "ms", "0.0")}");
                Console.WriteLine($"    first:  {lines[s]}");
                Console.WriteLine($"    second: {warmLines[s]}");
            }

            return 0;
        }
        finally
        {
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

    /// <summary>In the child: runs the task once and prints its time and its timing line.</summary>
    public static int Once(string assembly, string folder, string stateDirectory, string root)
    {
        // "first|second": two edits in this process, the second with the task's code already compiled.
        var parts = assembly.Split('|');
        var first = Execute(parts[0], folder, stateDirectory, root);
        if (parts.Length == 1)
        {
            Console.WriteLine(first.Ms.ToString("0.000", CultureInfo.InvariantCulture));
            Console.WriteLine(first.Timings);
            return 0;
        }

        var second = Execute(parts[1], folder, stateDirectory, root);
        Console.WriteLine(first.Ms.ToString("0.000", CultureInfo.InvariantCulture) + " " + second.Ms.ToString("0.000", CultureInfo.InvariantCulture));
        Console.WriteLine(first.Timings);
        Console.WriteLine(second.Timings);
        return 0;
    }

    private static (double Ms, string Timings) Execute(string assembly, string folder, string stateDirectory, string root)
    {
        var engine = new Engine();
        var task = new WriteManifests
        {
            BuildEngine = engine,
            AssemblyPath = assembly,
            ManifestsDirectory = folder,
            StateDirectory = stateDirectory,
            ProjectName = "App",
            InfraRulesFiles = new ITaskItem[] { new Microsoft.Build.Utilities.TaskItem(Path.Combine(root, "infrarules.yaml")) },
            EnvironmentTable = File.ReadAllText(Path.Combine(root, "table")),
        };
        var clock = Stopwatch.StartNew();
        var ok = task.Execute();
        var ms = clock.Elapsed.TotalMilliseconds;
        return ok ? (ms, engine.Timings) : throw new InvalidOperationException("The task failed.");
    }

    private static (double Ms, string Line, double Warm, string WarmLine) Child(string assembly, string folder, string stateDirectory, string root)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var arg in new[] { typeof(TaskBenchmark).Assembly.Location, "task-once", assembly, folder, stateDirectory, root })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Split('\n');
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("The task failed: " + string.Join("\n", output));
        }

        var times = output[0].Split(' ');
        return (
            double.Parse(times[0], CultureInfo.InvariantCulture),
            output.Length > 1 ? output[1].Trim() : string.Empty,
            times.Length > 1 ? double.Parse(times[1], CultureInfo.InvariantCulture) : double.NaN,
            output.Length > 2 ? output[2].Trim() : string.Empty);
    }

    private sealed class Engine : IBuildEngine
    {
        public string Timings { get; private set; } = string.Empty;

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "App.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Console.Error.WriteLine(e.Message);

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
            if (e.Message?.Contains("timings", StringComparison.Ordinal) == true)
            {
                Timings = e.Message;
            }
        }

        public void LogWarningEvent(BuildWarningEventArgs e) => Console.Error.WriteLine(e.Message);
    }
}

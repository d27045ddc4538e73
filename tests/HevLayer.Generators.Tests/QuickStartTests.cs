using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The README's "Start a project" block, run word for word by bash in a folder that holds a copy of this
/// repository's working tree as <c>hevlayer-generators/</c>, as the README asks. Only the environment is the
/// test's: a private dotnet home (so the template is installed into a hive of its own) and a private NuGet
/// packages folder (so HevLayer.Generators must come from the block's own feed, never from a cache).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class QuickStartTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly string[] NotCopied = { "bin", "obj", ".git", "artifacts", "node_modules", "TestResults", "StrykerOutput", "BenchmarkDotNet.Artifacts", ".vs", ".idea" };
    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-quickstart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_readme_quick_start_runs_as_written_from_a_local_feed()
    {
        var block = StartAProjectBlock(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));
        var version = typeof(WorkloadGenerator).Assembly.GetName().Version!.ToString(3);
        Assert.Contains($"HevLayer.Templates.{version}.nupkg", block, StringComparison.Ordinal);
        Directory.CreateDirectory(root);
        CopyWorkingTree(RepoPaths.Root, Path.Combine(root, "hevlayer-generators"));
        var script = Path.Combine(root, "quickstart.sh");
        File.WriteAllText(script, block);
        var packages = Path.Combine(root, "packages");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(root, "home"),
            ["NUGET_PACKAGES"] = packages,
        };

        // Packing the clone restores its dependencies; the machine's packages folder serves them read-only,
        // unless it holds a HevLayer.Generators, which could stand in for the one the block packs.
        var machinePackages = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(machinePackages) && !Directory.Exists(Path.Combine(machinePackages, "hevlayer.generators")))
        {
            environment["RestoreAdditionalProjectFallbackFolders"] = machinePackages;
        }

        var run = ProcessRunner.Run("bash", new[] { "-e", script }, root, Timeout, environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(" 0 Warning(s)", run.Output, StringComparison.Ordinal);
        var manifests = Path.Combine(root, "Acme.Workers", "bin", "Debug", "net10.0", "manifests");
        Assert.True(File.Exists(Path.Combine(manifests, "pipeline.default.ingest-docs.yaml")), run.ToString());
        Assert.True(File.Exists(Path.Combine(manifests, "kustomization.yaml")), run.ToString());
        var metadata = File.ReadAllText(Path.Combine(packages, "hevlayer.generators", version, ".nupkg.metadata"));
        Assert.Contains($"\"source\": \"{Path.Combine(root, "feed")}\"", metadata, StringComparison.Ordinal);
    }

    /// <summary>The first fenced bash block under the README's "## Start a project" heading.</summary>
    internal static string StartAProjectBlock(string readme)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var section = Array.IndexOf(lines, "## Start a project");
        Assert.True(section >= 0, "README.md has no '## Start a project' section");
        var open = Array.FindIndex(lines, section, l => l == "```bash");
        var next = Array.FindIndex(lines, section + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        Assert.True(open > section && (next < 0 || open < next), "'## Start a project' has no ```bash block");
        var close = Array.FindIndex(lines, open + 1, l => l == "```");
        Assert.True(close > open, "the ```bash block under '## Start a project' is not closed");
        return string.Join("\n", lines.Skip(open + 1).Take(close - open - 1)) + "\n";
    }

    public void Dispose() => ConsumerProject.TryDelete(root);

    /// <summary>
    /// Copies what a clone of the working tree would hold: the files git tracks or would add (not ignored), so
    /// that build output, and scratch folders other tests create and delete meanwhile under artifacts/, are
    /// never read. Outside a git checkout, the folders .gitignore names are left out instead.
    /// </summary>
    private static void CopyWorkingTree(string from, string to)
    {
        ProcessResult? listed = null;
        try
        {
            listed = ProcessRunner.Run("git", new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" }, from, TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: copy the tree.
        }

        if (listed is { ExitCode: 0 })
        {
            foreach (var relative in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var source = Path.Combine(from, relative);
                if (File.Exists(source))
                {
                    var target = Path.Combine(to, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target);
                }
            }

            return;
        }

        CopyTree(from, to);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from).Where(d => !NotCopied.Contains(Path.GetFileName(d), StringComparer.Ordinal)))
        {
            CopyTree(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

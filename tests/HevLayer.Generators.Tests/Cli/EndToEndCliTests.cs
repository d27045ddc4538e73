using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// The hevlayer tool as a user gets it: packed by `dotnet pack`, installed with `dotnet tool install` from a
/// local feed, and run as a process on a multi-document stream, kustomize output on standard input, a broken
/// file and a hostile one; and `hevlayer import` into a consumer of the packed package, whose `dotnet build`
/// writes manifests equal to the input.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class EndToEndCliTests : IClassFixture<EndToEndCliTests.InstalledTool>
{
    private readonly InstalledTool tool;

    public EndToEndCliTests(InstalledTool tool) => this.tool = tool;

    private static string HandWritten => Path.Combine(AppContext.BaseDirectory, "Cli", "Manifests", "gitops");

    private static string SampleInfraRules => Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml");

    [Fact]
    public void A_multi_document_stream_gets_located_findings()
    {
        var file = Path.Combine(tool.Work, "stream.yaml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(HandWritten, "search", "ingest.yaml")).Replace("max: 12", "max: 40", StringComparison.Ordinal));

        var result = tool.Run(tool.Work, "check", "stream.yaml", "--infrarules", SampleInfraRules);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("stream.yaml(24,29): error HEVL002: MaxReplicas = 40 is above the ceiling of pool 'cpu'", result.Output, StringComparison.Ordinal);
        Assert.Contains("stream.yaml(39,11): info HEVL009", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 workloads in 1 file", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Kustomize_output_is_checked_from_standard_input()
    {
        var result = ProcessRunner.Run(
            "bash",
            new[] { "-c", $"kubectl kustomize '{HandWritten}' | '{tool.Executable}' check - --infrarules '{SampleInfraRules}'" },
            tool.Work,
            TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<stdin>(", result.Output, StringComparison.Ordinal);
        Assert.Contains("4 workloads in 1 file checked against InfraRules from infrarules.yaml: 0 errors, 0 warnings, 1 note.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated.yaml", "truncated.yaml(15,16): error HEVL501: YAML syntax error")]
    [InlineData("billion-laughs.yaml", "billion-laughs.yaml(15,15): error HEVL504: The manifest file was not read: more than 64 aliases")]
    [InlineData("invalid-utf8.yaml", "invalid-utf8.yaml(9,21): error HEVL505")]
    public void Broken_and_hostile_files_get_a_located_error_and_no_stack_trace(string corpus, string expected)
    {
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Corpus", corpus), Path.Combine(tool.Work, corpus), overwrite: true);

        var result = tool.Run(tool.Work, "check", corpus);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Imported_classes_build_in_a_consumer_to_the_same_manifests_and_are_formatted()
    {
        using var consumer = new ConsumerProject();
        File.Copy(SampleInfraRules, Path.Combine(consumer.ProjectDirectory, "infrarules.yaml"));
        consumer.Write("Program.cs", "System.Console.WriteLine(HevLayer.Generated.HevLayerWorkloads.All.Count);\n");

        var import = tool.Run(consumer.ProjectDirectory, "import", HandWritten, "--out", "Workers", "--namespace-in-code", "Acme.Workers");
        Assert.True(import.ExitCode == 0, import.ToString());

        var format = ProcessRunner.Run("dotnet", new[] { "format", "whitespace", Path.Combine(consumer.ProjectDirectory, "Workers"), "--folder", "--verify-no-changes", "-v", "q" }, consumer.Root, TimeSpan.FromMinutes(3));
        Assert.True(format.ExitCode == 0, "dotnet format would change the imported files: " + format);

        consumer.BuildSucceeds();
        var written = Directory.GetFiles(consumer.ManifestsDirectory, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal));
        var actual = written.Select(f => ManifestData.Data(ManifestData.Single(File.ReadAllText(f)))).Select(ManifestData.Render).OrderBy(s => s, StringComparer.Ordinal);
        var expected = Directory.GetFiles(HandWritten, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => ManifestData.Workloads(File.ReadAllText(f)))
            .Select(ManifestData.Normalize)
            .Select(ManifestData.Render)
            .OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    /// <summary>HevLayer.Cli packed from the repository and installed into a tool folder, once for the class.</summary>
    public sealed class InstalledTool : IDisposable
    {
        public InstalledTool()
        {
            Root = Path.Combine(Path.GetTempPath(), "hevlayer-tool-" + Guid.NewGuid().ToString("N"));
            var feed = Path.Combine(Root, "feed");
            Work = Path.Combine(Root, "work");
            Directory.CreateDirectory(Work);
            var project = Path.Combine(RepoPaths.Root, "src", "HevLayer.Cli", "HevLayer.Cli.csproj");
            ReleasePack.Run(project, feed, TimeSpan.FromMinutes(10));

            // Only the local feed: --add-source would also ask the user-level sources, and wait on the network.
            var tools = Path.Combine(Root, "tools");
            var config = Path.Combine(Root, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="hevlayer-cli-feed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
            var install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "HevLayer.Cli", "--tool-path", tools, "--configfile", config, "--version", HevLayerPackage.Shared.Version, "--verbosity", "diag" }, Root, TimeSpan.FromMinutes(5), environment);
            Assert.True(install.ExitCode == 0, "dotnet tool install failed: " + install);
            Assert.False(install.Output.Contains("GET http", StringComparison.Ordinal), "dotnet tool install asked a remote source: " + install);
            Executable = Path.Combine(tools, OperatingSystem.IsWindows() ? "hevlayer.exe" : "hevlayer");
            Assert.True(File.Exists(Executable), "no hevlayer in " + tools);
        }

        public string Root { get; }

        public string Work { get; }

        public string Executable { get; }

        internal ProcessResult Run(string workingDirectory, params string[] args) => ProcessRunner.Run(Executable, args, workingDirectory, TimeSpan.FromMinutes(2));

        public void Dispose() => ConsumerProject.TryDelete(Root);
    }
}

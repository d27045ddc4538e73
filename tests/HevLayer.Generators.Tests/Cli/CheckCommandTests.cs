using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary><c>hevlayer check</c> in process: exit codes, the three formats, InfraRules sources and usage errors.</summary>
[Collection(KubeconfigCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private const string OverCeiling = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata: {name: ingest, namespace: search}
        spec:
          worker: {image: "ghcr.io/acme/x:1"}
          scaling:
            pool: cpu
            replicas: {min: 1, max: 300}
        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-check-" + Guid.NewGuid().ToString("N"));

    public CheckCommandTests() => Directory.CreateDirectory(folder);

    private static string SampleInfraRules => Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml");

    private static string HandWritten => Path.Combine(AppContext.BaseDirectory, "Cli", "Manifests");

    public void Dispose() => ConsumerProject.TryDelete(folder);

    [Fact]
    public void Clean_manifests_exit_0_and_the_summary_counts_them()
    {
        var (code, stdout, stderr) = Run(null, "check", HandWritten, "--infrarules", SampleInfraRules);

        Assert.Equal(0, code);
        Assert.Contains("info HEVL009", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" error ", stdout, StringComparison.Ordinal);
        Assert.Contains("4 workloads in 3 files", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_exits_1_with_the_finding_in_the_compilers_format()
    {
        var file = Write("ingest.yaml", OverCeiling);

        var (code, stdout, _) = Run(null, "check", file, "--infrarules", SampleInfraRules);

        Assert.Equal(1, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("ingest.yaml(8,29): error HEVL002: MaxReplicas = 300 is above the ceiling of pool 'cpu': it allows at most 20 replicas per workload (infrarules.yaml line 8) [spec.scaling.replicas.max]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_read_with_dash()
    {
        var (code, stdout, _) = Run(OverCeiling, "check", "-", "--infrarules", SampleInfraRules);

        Assert.Equal(1, code);
        Assert.StartsWith("<stdin>(8,29): error HEVL002", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_raises_warnings_to_errors_but_leaves_notes()
    {
        var warning = Write("warn.yaml", OverCeiling.Replace("max: 300", "max: 3", StringComparison.Ordinal).Replace("  worker:", "  retry: {initialBackoffSeconds: 9, maxBackoffSeconds: 3}\n  worker:", StringComparison.Ordinal));

        var (plain, plainOut, _) = Run(null, "check", warning, "--infrarules", SampleInfraRules);
        var (strict, strictOut, _) = Run(null, "check", warning, "--infrarules", SampleInfraRules, "--strict");
        var (paused, pausedOut, _) = Run(null, "check", HandWritten, "--infrarules", SampleInfraRules, "--strict");

        Assert.Equal(0, plain);
        Assert.Contains("warning HEVL121", plainOut, StringComparison.Ordinal);
        Assert.Equal(1, strict);
        Assert.Contains("error HEVL121", strictOut, StringComparison.Ordinal);
        Assert.Equal(0, paused);
        Assert.Contains("info HEVL009", pausedOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_carries_the_same_positions_as_the_text()
    {
        var file = Write("ingest.yaml", OverCeiling);

        var (code, stdout, _) = Run(null, "check", file, "--infrarules", SampleInfraRules, "--format", "sarif");

        Assert.Equal(1, code);
        using var sarif = JsonDocument.Parse(stdout);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("HEVL002", rule.GetProperty("id").GetString());
        Assert.EndsWith("#hevl002", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("ingest.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(8, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(29, location.GetProperty("region").GetProperty("startColumn").GetInt32());
    }

    [Fact]
    public void Json_lists_findings_and_counts()
    {
        var file = Write("ingest.yaml", OverCeiling);

        var (_, stdout, _) = Run(null, "check", file, "--infrarules", SampleInfraRules, "--format", "json");

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(1, json.RootElement.GetProperty("workloads").GetInt32());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("HEVL002", finding.GetProperty("id").GetString());
        Assert.Equal("spec.scaling.replicas.max", finding.GetProperty("field").GetString());
        Assert.Equal(8, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public void InfraRules_in_the_input_stream_are_used_and_checked()
    {
        // As `helm template` renders it: the operator's InfraRules beside the workloads, with a mistake of its own.
        var stream = File.ReadAllText(SampleInfraRules).Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: 20\n      maxReplicaPerWorkload: 3", StringComparison.Ordinal)
            + "\n---\n" + OverCeiling;

        var (code, stdout, stderr) = Run(stream, "check", "-");

        Assert.Equal(1, code);
        Assert.Contains("warning HEVL216", stdout, StringComparison.Ordinal);
        Assert.Contains("error HEVL002", stdout, StringComparison.Ordinal);
        Assert.Contains("against InfraRules from <stdin>", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_YAML_is_one_finding_and_no_InfraRules()
    {
        // README: a hostile file gets one located error. A file the reader could not parse holds no InfraRules either:
        // it is not read a second time as InfraRules (which would add the InfraRules reader's own syntax error).
        var (code, stdout, stderr) = Run("kind: InfraRules\nspec: [unclosed\n", "check", "-");

        Assert.Equal(1, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("HEVL", StringComparison.Ordinal));
        Assert.Contains("error HEVL501", line, StringComparison.Ordinal);
        Assert.Contains("with no InfraRules", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_InfraRules_each_pool_gets_HEVL200_and_the_exit_is_clean()
    {
        var (code, stdout, stderr) = Run(OverCeiling, "check", "-");

        Assert.Equal(0, code);
        Assert.StartsWith("<stdin>(7,11): warning HEVL200", stdout, StringComparison.Ordinal);
        Assert.Contains("give --infrarules FILE or --cluster", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MSBuild", stdout, StringComparison.Ordinal);
        Assert.Contains("with no InfraRules", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_across_files_are_reported_at_the_second()
    {
        var a = Write("a.yaml", OverCeiling.Replace("max: 300", "max: 3", StringComparison.Ordinal));
        var b = Write("b.yaml", OverCeiling.Replace("max: 300", "max: 4", StringComparison.Ordinal));

        var (code, stdout, _) = Run(null, "check", a, b, "--infrarules", SampleInfraRules);

        Assert.Equal(1, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("b.yaml(3,18): error HEVL103: Pipeline 'ingest' in namespace 'search' is declared by both", line, StringComparison.Ordinal);
        Assert.Contains("a.yaml(3,18)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_InfraRules_files_are_combined_and_a_second_InfraRules_is_HEVL205()
    {
        var first = Write("first.yaml", File.ReadAllText(SampleInfraRules));
        var second = Write("second.yaml", File.ReadAllText(SampleInfraRules));
        var workload = Write("w.yaml", OverCeiling.Replace("max: 300", "max: 3", StringComparison.Ordinal));

        var (code, stdout, stderr) = Run(null, "check", workload, "--infrarules", first, "--infrarules", second);

        Assert.Equal(1, code);
        Assert.Contains("second.yaml(", stdout, StringComparison.Ordinal);
        Assert.Contains("error HEVL205", stdout, StringComparison.Ordinal);
        Assert.Contains("against InfraRules from first.yaml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_are_read_recursively_for_yaml_and_yml_only()
    {
        Directory.CreateDirectory(Path.Combine(folder, "deploy", "nested"));
        Directory.CreateDirectory(Path.Combine(folder, "deploy", ".git"));
        File.WriteAllText(Path.Combine(folder, "deploy", "nested", "a.yml"), OverCeiling);
        File.WriteAllText(Path.Combine(folder, "deploy", "b.yaml"), OverCeiling.Replace("ingest", "other", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "deploy", "notes.txt"), OverCeiling);
        File.WriteAllText(Path.Combine(folder, "deploy", ".git", "c.yaml"), OverCeiling);

        var (_, stdout, stderr) = Run(null, "check", Path.Combine(folder, "deploy"), "--infrarules", SampleInfraRules);

        Assert.Contains("2 workloads in 2 files", stderr, StringComparison.Ordinal);
        Assert.Equal(2, stdout.Split('\n').Count(l => l.Contains("error HEVL002", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "does-not-exist.yaml")]
    [InlineData("check", "-", "--format", "xml")]
    [InlineData("check", "-", "--infrarules", "x.yaml", "--cluster")]
    [InlineData("check", "-", "--context", "prod")]
    [InlineData("check", "-", "--no-such-option")]
    [InlineData("import", "-")]
    [InlineData("frobnicate")]
    public void Usage_and_IO_problems_exit_2_without_a_stack_trace(params string[] args)
    {
        var (code, _, stderr) = Run(OverCeiling, args);

        Assert.Equal(2, code);
        Assert.StartsWith("hevlayer: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("check", "--help")]
    [InlineData("import", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        var (code, stdout, _) = Run(null, args);

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cluster_source_uses_the_builds_fetch_and_never_prints_the_token()
    {
        using var api = new FakeKubernetesApi(folder) { Body = ClusterBody(ceiling: 6) };
        var previous = Environment.GetEnvironmentVariable("KUBECONFIG");
        Environment.SetEnvironmentVariable("KUBECONFIG", api.KubeconfigPath);
        try
        {
            var (code, stdout, stderr) = Run(OverCeiling, "check", "-", "--cluster", "--context", FakeKubernetesApi.Context);
            Assert.Equal(1, code);
            Assert.Contains("it allows at most 6 replicas per workload", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeKubernetesApi.Token, stdout + stderr, StringComparison.Ordinal);

            using var denied = new FakeKubernetesApi(folder) { Status = 403, Body = "{\"kind\":\"Status\",\"code\":403}" };
            Environment.SetEnvironmentVariable("KUBECONFIG", denied.KubeconfigPath);
            var (deniedCode, _, deniedErr) = Run(OverCeiling, "check", "-", "--cluster", "--context", FakeKubernetesApi.Context);
            Assert.Equal(2, deniedCode);
            Assert.Contains("error HEVL402", deniedErr, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeKubernetesApi.Token, deniedErr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", previous);
        }
    }

    internal static string ClusterBody(int ceiling) => JsonSerializer.Serialize(new
    {
        apiVersion = "hevlayer.com/v1alpha1",
        kind = "InfraRules",
        metadata = new { name = "default" },
        spec = new { computePools = new object[] { new { name = "cpu", kind = "cpu", maxReplicasPerWorkload = ceiling } } },
    });

    internal static (int Code, string Stdout, string Stderr) Run(string? stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new StringReader(stdin ?? string.Empty), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

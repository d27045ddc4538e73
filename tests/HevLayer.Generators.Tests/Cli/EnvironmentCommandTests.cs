using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer check --environment</c> and <c>hevlayer diff --environment</c> (issue 25, "The tool"): the
/// environments come from the project's <c>&lt;HevLayerEnvironment&gt;</c> items as MSBuild evaluates them; dev
/// has a <c>cpu</c> ceiling of 2 and prod one of 20, as in the issue, so a MaxReplicas of 4 is wrong in dev only.
/// </summary>
[Collection(KubeconfigCollection.Name)]
public sealed class EnvironmentCommandTests : IDisposable
{
    private const string FourReplicas = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata: {name: ingest-docs, namespace: search}
        spec:
          worker: {image: "ghcr.io/acme/x:1"}
          scaling:
            pool: cpu
            replicas: {min: 0, max: 4}
        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-envtool-" + Guid.NewGuid().ToString("N"));
    private readonly string? previousKubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");

    public EnvironmentCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "infra"));
        File.WriteAllText(Path.Combine(folder, "infra", "dev.yaml"), InfraRules(2));
        File.WriteAllText(Path.Combine(folder, "infra", "prod.yaml"), InfraRules(20));
        File.WriteAllText(Path.Combine(folder, "ingest.yaml"), FourReplicas);
    }

    private string Manifest => Path.Combine(folder, "ingest.yaml");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KUBECONFIG", previousKubeconfig);
        ConsumerProject.TryDelete(folder);
    }

    [Fact]
    public void Check_uses_the_named_environments_InfraRules_and_names_the_environment_in_each_finding()
    {
        var project = Project("""
            <HevLayerEnvironment Include="dev" InfraRules="infra/dev.yaml" Namespace="search-dev" />
            <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" />
            """);

        var (dev, devOut, devErr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "dev");
        var (prod, prodOut, prodErr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "prod");

        Assert.True(dev == 1, devOut + devErr);
        var line = Assert.Single(devOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ingest.yaml(8,29): error HEVL002: in dev: MaxReplicas = 4 is above the ceiling of pool 'cpu'", line, StringComparison.Ordinal);
        Assert.Contains("allows at most 2 replicas", line, StringComparison.Ordinal);
        Assert.Contains("in dev against InfraRules from", devErr, StringComparison.Ordinal);
        Assert.True(prod == 0, prodOut + prodErr);
        Assert.DoesNotContain("HEVL002", prodOut, StringComparison.Ordinal);

        var (_, json, _) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "dev", "--format", "json");
        using var document = JsonDocument.Parse(json);
        Assert.Equal("dev", document.RootElement.GetProperty("environment").GetString());
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("dev", finding.GetProperty("environment").GetString());
        Assert.StartsWith("in dev: ", finding.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (_, sarif, _) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "dev", "--format", "sarif");
        Assert.Contains("\"text\": \"in dev: MaxReplicas = 4", sarif, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_InfraRules_file_names_the_findings_without_a_project()
    {
        var (code, stdout, _) = CheckCommandTests.Run(null, "check", Manifest, "--environment", "staging", "--infrarules", Path.Combine(folder, "infra", "dev.yaml"));

        Assert.Equal(1, code);
        Assert.Contains("error HEVL002: in staging: MaxReplicas = 4", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prdo", "Did you mean 'prod'?")]
    [InlineData("Dev", "Did you mean 'dev'?")]
    [InlineData("qa-east-eu", "declares dev, prod.")]
    public void An_unknown_environment_is_a_usage_error_with_a_did_you_mean(string name, string expected)
    {
        var project = Project("""
            <HevLayerEnvironment Include="dev" InfraRules="infra/dev.yaml" />
            <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" />
            """);

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", name);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith($"hevlayer: '{name}' is not an environment: ", stderr, StringComparison.Ordinal);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_without_a_source_and_an_environment_without_InfraRules_are_usage_errors()
    {
        var project = Project("""<HevLayerEnvironment Include="dev" />""");

        var (alone, _, aloneErr) = CheckCommandTests.Run(null, "check", Manifest, "--environment", "dev");
        var (none, _, noneErr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "dev");
        var (projectOnly, _, projectErr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project);

        Assert.Equal(2, alone);
        Assert.Contains("needs --project", aloneErr, StringComparison.Ordinal);
        Assert.Equal(2, none);
        Assert.Contains("names no InfraRules", noneErr, StringComparison.Ordinal);
        Assert.Equal(2, projectOnly);
        Assert.Contains("--project needs --environment", projectErr, StringComparison.Ordinal);

        // Without a project the name only labels the findings, so it must be one a project could declare.
        var (label, _, labelErr) = CheckCommandTests.Run(null, "check", Manifest, "--environment", "Dev", "--infrarules", Path.Combine(folder, "infra", "dev.yaml"));
        Assert.Equal(2, label);
        Assert.Contains("'Dev' is not an environment name: a DNS label", labelErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_environment_is_read_through_its_own_KubeContext()
    {
        using var api = new FakeKubernetesApi(folder) { Body = CheckCommandTests.ClusterBody(ceiling: 3) };
        Environment.SetEnvironmentVariable("KUBECONFIG", api.KubeconfigPath);
        var project = Project($"""
            <HevLayerEnvironment Include="prod" InfraRulesSource="cluster" KubeContext="{FakeKubernetesApi.Context}" />
            <HevLayerEnvironment Include="gone" InfraRulesSource="cluster" KubeContext="no-such-context" />
            """);

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "prod");
        var (gone, _, goneErr) = CheckCommandTests.Run(null, "check", Manifest, "--project", project, "--environment", "gone");

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("in prod: MaxReplicas = 4 is above the ceiling of pool 'cpu': it allows at most 3", stdout, StringComparison.Ordinal);
        Assert.Equal(2, gone);
        Assert.Contains("no-such-context", goneErr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, stdout + stderr + goneErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_builds_one_environment_and_diffs_its_folder_against_its_context()
    {
        // A project with no SDK: its Build target does nothing, and the folders are the ones a build wrote.
        var project = Project(
            $"""
            <HevLayerEnvironment Include="dev" InfraRules="infra/dev.yaml" KubeContext="no-such-context" />
            <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" KubeContext="{FakeKubernetesApi.Context}" />
            """,
            "<PropertyGroup><HevLayerManifestsDir>out/manifests/</HevLayerManifestsDir></PropertyGroup><Target Name=\"Restore\" /><Target Name=\"Build\" />");
        var prodFolder = Path.Combine(folder, "out", "manifests", "prod");
        Directory.CreateDirectory(prodFolder);
        Directory.CreateDirectory(Path.Combine(folder, "out", "manifests", "dev"));
        File.WriteAllText(Path.Combine(prodFolder, "pipeline.search.ingest-docs.yaml"), FourReplicas);
        using var api = new FakeKubernetesApi(folder) { Body = CheckCommandTests.ClusterBody(ceiling: 20) };
        Environment.SetEnvironmentVariable("KUBECONFIG", api.KubeconfigPath);
        const string Api = "/apis/hevlayer.com/v1alpha1/namespaces/search/";
        api.Routes[Api + "pipelines/ingest-docs"] = (404, DiffCommandTests.NotFound("pipelines", "ingest-docs"));
        api.Routes[Api + "pipelines"] = (200, "{\"items\":[]}");
        api.Routes[Api + "functions"] = (200, "{\"items\":[]}");

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "diff", "--project", project, "--environment", "prod", "--format", "json");
        var (dev, _, devErr) = CheckCommandTests.Run(null, "diff", "--project", project, "--environment", "dev");
        var (unnamed, _, unnamedErr) = CheckCommandTests.Run(null, "diff", "--project", project);
        var (typo, _, typoErr) = CheckCommandTests.Run(null, "diff", "--project", project, "--environment", "prd");

        Assert.True(code == 0, stdout + stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("prod", json.RootElement.GetProperty("environment").GetString());
        var workload = Assert.Single(json.RootElement.GetProperty("workloads").EnumerateArray());
        Assert.Equal("new", workload.GetProperty("state").GetString());
        Assert.Contains("1 workload(s) of prod against", stderr, StringComparison.Ordinal);
        Assert.Equal(2, dev);
        Assert.Contains("no-such-context", devErr, StringComparison.Ordinal);
        Assert.Equal(2, unnamed);
        Assert.Contains("declares environments (dev, prod)", unnamedErr, StringComparison.Ordinal);
        Assert.Equal(2, typo);
        Assert.Contains("Did you mean 'prod'?", typoErr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, stdout + stderr + devErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_a_manifests_folder_takes_the_environments_subfolder()
    {
        var root = Path.Combine(folder, "manifests");
        Directory.CreateDirectory(Path.Combine(root, "prod"));
        File.WriteAllText(Path.Combine(root, "prod", ".hevlayer-manifests"), string.Empty);

        var (code, _, stderr) = CheckCommandTests.Run(null, "diff", "--manifests", root, "--environment", "prdo");

        Assert.Equal(2, code);
        Assert.Contains("'prdo' is not an environment", stderr, StringComparison.Ordinal);
        Assert.Contains("has folders for prod. Did you mean 'prod'?", stderr, StringComparison.Ordinal);
    }

    /// <summary>An InfraRules/default with one pool, cpu, of ceiling <paramref name="ceiling"/>.</summary>
    private static string InfraRules(int ceiling) => $"""
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata:
          name: default
        spec:
          computePools:
            - name: cpu
              kind: cpu
              maxReplicasPerWorkload: {ceiling}
        """;

    /// <summary>A project file with these items (and <paramref name="extra"/>); no SDK, so MSBuild evaluates it in a moment.</summary>
    private string Project(string items, string extra = "")
    {
        var path = Path.Combine(folder, "app.csproj");
        File.WriteAllText(path, "<Project>\n  <ItemGroup>\n" + items + "\n  </ItemGroup>\n" + extra + "\n</Project>\n");
        return path;
    }
}

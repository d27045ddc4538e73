using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Build;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Model;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer import --environment dev=dev.yaml --environment prod=prod.yaml</c> (issue 25): one class per
/// workload with the shared values and each environment's differences, which the real generator builds back to
/// each environment's input exactly (as data, the way the plain import's round trip compares), and to the same
/// bytes once more when its own output is imported again. What attributes cannot say is a located finding.
/// </summary>
public sealed class ImportEnvironmentTests : IDisposable
{
    /// <summary>As <c>kubectl kustomize overlays/dev</c> prints it: keys sorted, lists not indented.</summary>
    private const string Dev = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata:
          labels:
            team: search
          name: ingest-docs
          namespace: search-dev
        spec:
          scaling:
            pool: cpu
            replicas:
              max: 2
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
            podSpec:
              tolerations:
              - key: spot
                operator: Exists
        ---
        apiVersion: hevlayer.com/v1alpha1
        kind: Function
        metadata:
          annotations:
            owner: search-dev-oncall
          name: reindex-stale
          namespace: search-dev
        spec:
          scaling:
            mode: disabled
            pool: cpu
            replicas:
              max: 4
          schedule:
            discoveryIntervalSeconds: 3600
          targetNamespaces:
          - docs
          triggers:
          - schedule
          worker:
            image: ghcr.io/acme/layer-workers:1.5.0-rc1
        ---
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata:
          name: embed-chunks
          namespace: search-dev
        spec:
          scaling:
            pool: cpu
            replicas:
              max: 1
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
        """;

    /// <summary>As <c>kubectl kustomize overlays/prod</c> prints it.</summary>
    private const string Prod = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata:
          labels:
            team: search
            tier: critical
          name: ingest-docs
          namespace: search-prod
        spec:
          scaling:
            pool: cpu
            replicas:
              max: 12
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
            podSpec:
              tolerations:
              - key: spot
                operator: Exists
              - effect: NoSchedule
                key: dedicated
                operator: Equal
                value: search
        ---
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata:
          name: embed-chunks
          namespace: search-prod
        spec:
          scaling:
            mode: fixed
            pool: gpu
            replicas:
              max: 2
              min: 2
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
        ---
        apiVersion: hevlayer.com/v1alpha1
        kind: Function
        metadata:
          annotations:
            owner: search-oncall
          name: reindex-stale
          namespace: search-prod
        spec:
          retry:
            maxAttempts: 5
          scaling:
            mode: disabled
            pool: cpu
            replicas:
              max: 4
          schedule:
            discoveryIntervalSeconds: 600
          targetNamespaces:
          - docs
          triggers:
          - schedule
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-import-env-" + Guid.NewGuid().ToString("N"));

    public ImportEnvironmentTests() => Directory.CreateDirectory(folder);

    public void Dispose() => ConsumerProject.TryDelete(folder);

    [Fact]
    public void Shared_values_are_plain_arguments_and_each_difference_is_an_override_of_only_what_differs()
    {
        var plan = Plan(("dev", Dev), ("prod", Prod));

        Assert.Empty(plan.Findings);
        var ingest = Source(plan, "IngestDocs");

        // The issue's own example: prod raises the ceiling and keeps the pool.
        Assert.Contains("[Scaling(Pool = \"cpu\", MaxReplicas = 2)]\n[Scaling(Environment = \"prod\", MaxReplicas = 12)]\n", ingest, StringComparison.Ordinal);
        Assert.Contains("[Label(\"team\", \"search\")]\n[Label(\"tier\", \"critical\", Environment = \"prod\")]\n", ingest, StringComparison.Ordinal);
        Assert.Contains("[Toleration(\"spot\", Operator = TolerationOperator.Exists)]\n[Toleration(\"dedicated\", \"search\", Environment = \"prod\", Operator = TolerationOperator.Equal, Effect = TaintEffect.NoSchedule)]\n", ingest, StringComparison.Ordinal);
        Assert.Contains("[Pipeline(\"ingest-docs\")]", ingest, StringComparison.Ordinal);
        Assert.DoesNotContain("search-dev", ingest, StringComparison.Ordinal);

        var reindex = Source(plan, "ReindexStale");
        Assert.Contains("[Worker(Image = \"ghcr.io/acme/layer-workers:1.5.0-rc1\")]\n[Worker(Environment = \"prod\", Image = \"ghcr.io/acme/layer-workers:1.4.2\")]\n", reindex, StringComparison.Ordinal);
        Assert.Contains("[Retry(Environment = \"prod\", MaxAttempts = 5)]", reindex, StringComparison.Ordinal);
        Assert.Contains("[Annotation(\"owner\", \"search-dev-oncall\", Environment = \"dev\")]", reindex, StringComparison.Ordinal);
        Assert.Contains("[Annotation(\"owner\", \"search-oncall\", Environment = \"prod\")]", reindex, StringComparison.Ordinal);

        // In fixed mode the build writes max = min, so prod sets no MaxReplicas; an override cannot take a value away, so dev's max is dev's own.
        var embed = Source(plan, "EmbedChunks");
        Assert.Contains("[Scaling(Pool = \"cpu\")]\n[Scaling(Environment = \"dev\", MaxReplicas = 1)]\n[Scaling(Environment = \"prod\", Pool = \"gpu\", Mode = ScalingMode.Fixed, MinReplicas = 2)]\n", embed, StringComparison.Ordinal);

        // The namespaces differ between environments: they are the environments' Namespace metadata.
        Assert.Equal(new[] { "dev|search-dev|", "prod|search-prod|" }, plan.Environments.Select(e => DeploymentEnvironments.Format(new[] { e }, withInfraRules: false)));
    }

    [Fact]
    public void With_three_environments_the_shared_value_is_the_most_common_one_unless_one_leaves_the_argument_out()
    {
        // README, "Import several environments": the shared value is one that leaves the argument out if some
        // environment does, else the value most environments have (the first environment's on a tie); a pair
        // is shared when every environment has it with one value. With two environments every difference is a
        // tie, so only three tell "most" from "first".
        static string Workload(string replicas, string labels) =>
            "apiVersion: hevlayer.com/v1alpha1\nkind: Pipeline\nmetadata:\n  name: ingest\n  labels: {" + labels + "}\n"
            + "spec:\n  worker: {image: \"ghcr.io/acme/w:1\"}\n  scaling: {pool: cpu, replicas: {" + replicas + "}}\n";

        var most = Plan(
            ("dev", Workload("min: 1, max: 2", "team: search, tier: low")),
            ("staging", Workload("min: 1, max: 6", "team: search, tier: high")),
            ("prod", Workload("min: 1, max: 6", "team: search, tier: high")));
        Assert.Empty(most.Findings);
        var source = Source(most, "Ingest");
        Assert.Contains("[Scaling(Pool = \"cpu\", MinReplicas = 1, MaxReplicas = 6)]\n[Scaling(Environment = \"dev\", MaxReplicas = 2)]\n", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Environment = \"staging\", MaxReplicas", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Environment = \"prod\", MaxReplicas", source, StringComparison.Ordinal);
        Assert.Contains("[Label(\"team\", \"search\")]\n", source, StringComparison.Ordinal);
        foreach (var (environment, tier) in new[] { ("dev", "low"), ("staging", "high"), ("prod", "high") })
        {
            Assert.Contains($"[Label(\"tier\", \"{tier}\", Environment = \"{environment}\")]", source, StringComparison.Ordinal);
        }

        // Two environments of three set no max: the shared value leaves it out, even though it is not the most common.
        var absent = Plan(
            ("dev", Workload("min: 1, max: 4", "team: search")),
            ("staging", Workload("min: 1", "team: search")),
            ("prod", Workload("min: 1, max: 4", "team: search")));
        Assert.Empty(absent.Findings);
        var withAbsent = Source(absent, "Ingest");
        Assert.Contains("[Scaling(Pool = \"cpu\", MinReplicas = 1)]\n[Scaling(Environment = \"dev\", MaxReplicas = 4)]\n[Scaling(Environment = \"prod\", MaxReplicas = 4)]\n", withAbsent, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_the_classes_gives_back_each_environments_input_and_a_second_import_the_same_bytes()
    {
        var inputs = new[] { ("dev", Dev), ("prod", Prod) };
        var first = BuildBack(Plan(inputs));
        foreach (var (environment, yaml) in inputs)
        {
            var expected = ManifestData.Workloads(yaml).Select(Normalize).OrderBy(ManifestData.Key, StringComparer.Ordinal).Select(ManifestData.Render);
            var actual = first[environment].Select(m => Normalize(ManifestData.Single(m.Yaml))).OrderBy(ManifestData.Key, StringComparer.Ordinal).Select(ManifestData.Render);
            Assert.Equal(expected, actual);
        }

        // The build's own manifests, imported again, build to the very same bytes.
        var again = BuildBack(Plan(first.Select(e => (e.Key, string.Join("---\n", e.Value.Select(m => m.Yaml)))).ToArray()));
        foreach (var environment in first.Keys)
        {
            Assert.Equal(first[environment].Select(m => m.FileName + "\n" + m.Yaml).OrderBy(t => t, StringComparer.Ordinal), again[environment].Select(m => m.FileName + "\n" + m.Yaml).OrderBy(t => t, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void One_environment_alone_is_all_shared_and_builds_back()
    {
        var plan = Plan(("prod", Prod));

        Assert.Empty(plan.Findings);
        Assert.All(plan.Files, f => Assert.Empty(f.Overrides));
        var built = BuildBack(plan)["prod"];
        Assert.Equal(3, built.Count);
    }

    [Fact]
    public void What_attributes_cannot_say_is_a_located_finding_in_the_environments_input()
    {
        var prod = Prod.Replace("  name: embed-chunks\n", "  name: embed-chunk\n", StringComparison.Ordinal)
            .Replace("spec:\n  retry:", "spec:\n  paused: true\n  retry:", StringComparison.Ordinal);
        var dev = Dev.Replace("  name: embed-chunks\n  namespace: search-dev\n", "  name: embed-chunks\n  namespace: other-dev\n", StringComparison.Ordinal);

        var plan = Plan(("dev", dev), ("prod", prod));

        var lines = Reports.Text(plan.Findings, strict: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("dev.yaml(45,3): warning HEVL506: in dev: metadata.name cannot be expressed with HevLayer attributes (Pipeline 'embed-chunks' is not in prod, and a class is deployed to every environment", lines[0], StringComparison.Ordinal);
        Assert.Contains("prod.yaml(28,3): warning HEVL506: in prod: metadata.name cannot be expressed with HevLayer attributes (Pipeline 'embed-chunk' is not in dev", lines[1], StringComparison.Ordinal);
        Assert.Contains("prod.yaml(48,3): warning HEVL506: in prod: spec.paused cannot be expressed with HevLayer attributes ([Function] takes no Environment, and dev has false)", lines[2], StringComparison.Ordinal);
        Assert.Equal(new[] { "IngestDocs", "ReindexStale" }, plan.Files.Select(f => f.ClassName));

        // A namespace that differs where the environment's Namespace metadata already says another one.
        var clash = Plan(("dev", dev), ("prod", Prod));
        var finding = Assert.Single(clash.Findings);
        Assert.Equal("metadata.namespace", finding.Field);
        Assert.Contains("which is 'search-dev' in dev for 'ingest-docs'", finding.Finding.Message, StringComparison.Ordinal);

        // A workload with no namespace anywhere would take the Namespace metadata the others need.
        var none = Plan(("dev", Dev.Replace("  name: embed-chunks\n  namespace: search-dev\n", "  name: embed-chunks\n", StringComparison.Ordinal)), ("prod", Prod.Replace("  name: embed-chunks\n  namespace: search-prod\n", "  name: embed-chunks\n", StringComparison.Ordinal)));
        Assert.Equal(new[] { "dev", "prod" }, none.Findings.Select(Reports.Environment));
        Assert.All(none.Findings, f => Assert.Contains("'embed-chunks' sets no namespace", f.Finding.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_writes_the_classes_and_prints_the_environments_to_declare()
    {
        var dev = Write("overlays-dev.yaml", Dev);
        var prod = Write("overlays-prod.yaml", Prod);
        var target = Path.Combine(folder, "Workers");

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "import", "--environment", "dev=" + dev, "--environment", "prod=" + prod, "--out", target);

        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(new[] { "EmbedChunks.cs", "IngestDocs.cs", "ReindexStale.cs" }, Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Contains("IngestDocs.cs: Pipeline ingest-docs, with differences in prod\n", stdout, StringComparison.Ordinal);
        Assert.Contains(
            "  <ItemGroup>\n    <HevLayerEnvironment Include=\"dev\" InfraRules=\"infra/dev.yaml\" Namespace=\"search-dev\" />\n    <HevLayerEnvironment Include=\"prod\" InfraRules=\"infra/prod.yaml\" Namespace=\"search-prod\" />\n  </ItemGroup>\n",
            stdout,
            StringComparison.Ordinal);
        Assert.Contains("imported 3 workload(s) of 2 environment(s) into ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("left out", stderr, StringComparison.Ordinal);
        Assert.Contains("// Imported by hevlayer import from dev: ", File.ReadAllText(Path.Combine(target, "IngestDocs.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_YAML_is_an_error_level_finding_so_the_exit_code_is_1_even_with_force()
    {
        // README: exit code 1 is findings at error level; a broken file gets one located error (HEVL501). --force
        // imports what can be imported, but does not make an unreadable input clean.
        var bad = Write("broken.yaml", "kind: Pipeline\nspec: [unclosed\n");
        var target = Path.Combine(folder, "Workers");

        var (environments, environmentsOut, _) = CheckCommandTests.Run(null, "import", "--environment", "dev=" + Write("dev.yaml", Dev), "--environment", "prod=" + bad, "--out", target, "--force");
        Assert.Equal(1, environments);
        Assert.Contains("broken.yaml(3,1): error HEVL501: in prod: YAML syntax error", environmentsOut, StringComparison.Ordinal);

        var (single, singleOut, _) = CheckCommandTests.Run(null, "import", bad, Write("prod.yaml", Prod), "--out", target, "--force");
        Assert.Equal(1, single);
        Assert.Contains("broken.yaml(3,1): error HEVL501: YAML syntax error", singleOut, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(target).Length);
    }

    [Fact]
    public void Usage_errors_write_nothing_no_out_folder_and_one_environment_per_option()
    {
        // README (import): --out is required; --environment takes one NAME=PATH, so a second value after it is a
        // PATH, and PATHs and --environment together are a usage error (exit code 2), with nothing written.
        var dev = Write("dev.yaml", Dev);
        var prod = Write("prod.yaml", Prod);
        var target = Path.Combine(folder, "Workers");

        var (noOut, _, noOutErr) = CheckCommandTests.Run(null, "import", "--environment", "dev=" + dev, "--environment", "prod=" + prod);
        Assert.Equal(2, noOut);
        Assert.Contains("'--out' is required", noOutErr, StringComparison.Ordinal);

        var (both, _, bothErr) = CheckCommandTests.Run(null, "import", "--environment", "dev=" + dev, "prod=" + prod, "--out", target);
        Assert.Equal(2, both);
        Assert.Contains("not both", bothErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Findings_write_nothing_without_force_and_with_force_the_rest_is_imported_and_the_count_said()
    {
        // README (import): fields attributes cannot say are listed, and nothing is written without --force; with it,
        // the rest is imported and the summary counts what was left out. The same for --environment as for one input.
        var dev = Write("dev.yaml", Dev);
        var prod = Write("prod.yaml", Prod.Replace("spec:\n  retry:", "spec:\n  paused: true\n  retry:", StringComparison.Ordinal));
        var target = Path.Combine(folder, "Workers");
        var args = new[] { "import", "--environment", "dev=" + dev, "--environment", "prod=" + prod, "--out", target };

        var (refused, refusedOut, refusedErr) = CheckCommandTests.Run(null, args);
        Assert.Equal(1, refused);
        Assert.Contains("warning HEVL506: in prod: spec.paused cannot be expressed", refusedOut, StringComparison.Ordinal);
        Assert.Contains("1 finding(s) above", refusedErr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", refusedErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));

        var (forced, _, forcedErr) = CheckCommandTests.Run(null, args.Append("--force").ToArray());
        Assert.Equal(0, forced);
        Assert.Equal(3, Directory.GetFiles(target).Length);
        Assert.Contains("imported 3 workload(s) of 2 environment(s) into ", forcedErr, StringComparison.Ordinal);
        Assert.Contains("; 1 finding(s) listed above were left out (--force).", forcedErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("dev=")]
    [InlineData("Dev=x.yaml")]
    [InlineData("-dev=x.yaml")]
    public void A_malformed_environment_is_a_usage_error(string value)
    {
        var (code, _, stderr) = CheckCommandTests.Run(null, "import", "--environment", value, "--out", Path.Combine(folder, "out"));

        Assert.Equal(2, code);
        Assert.StartsWith("hevlayer: ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Paths_and_environments_together_or_an_environment_twice_are_usage_errors()
    {
        var dev = Write("dev.yaml", Dev);

        var (both, _, bothErr) = CheckCommandTests.Run(null, "import", dev, "--environment", "dev=" + dev, "--out", folder);
        var (twice, _, twiceErr) = CheckCommandTests.Run(null, "import", "--environment", "dev=" + dev, "--environment", "dev=" + dev, "--out", folder);

        Assert.Equal(2, both);
        Assert.Contains("not both", bothErr, StringComparison.Ordinal);
        Assert.Equal(2, twice);
        Assert.Contains("given twice", twiceErr, StringComparison.Ordinal);
    }

    /// <summary>The plan for inline inputs named <c>ENV.yaml</c>.</summary>
    internal static EnvironmentImportPlan Plan(params (string Environment, string Yaml)[] inputs) =>
        EnvironmentImport.Plan(inputs.Select(i => new EnvironmentInput(i.Environment, new[] { new InputText(i.Environment + ".yaml", i.Yaml) })).ToList());

    private static string Source(EnvironmentImportPlan plan, string className)
    {
        var file = plan.Files.Single(f => f.ClassName == className);
        return WorkloadSource.Write(file.Shared, file.ClassName, "Imported.Workers", file.Origin, file.Overrides);
    }

    /// <summary>Compiles the plan's classes with the real generator, for a project declaring the plan's environments, and renders each environment's manifests as the build task does.</summary>
    internal static Dictionary<string, IReadOnlyList<RenderedManifest>> BuildBack(EnvironmentImportPlan plan)
    {
        var sources = plan.Files.Select(f => (f.FileName, WorkloadSource.Write(f.Shared, f.ClassName, "Imported.Workers", f.Origin, f.Overrides))).ToArray();
        var table = DeploymentEnvironments.Format(plan.Environments);
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources), new Dictionary<string, string> { [DeploymentEnvironments.TableProperty] = table });
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var facts = AssemblyFactsReader.ReadFacts(stream.ToArray(), "imported");
        Assert.Equal(plan.Environments.Select(e => e.Name), facts.Environments.Select(e => e.Name));
        return facts.Environments.ToDictionary(e => e.Name, facts.In, StringComparer.Ordinal);
    }

    /// <summary><see cref="ManifestData.Normalize"/>, for a workload that may have no scaling block.</summary>
    internal static SortedDictionary<string, object> Normalize(YamlDotNet.RepresentationModel.YamlMappingNode manifest)
    {
        var data = ManifestData.Data(manifest);
        var spec = (SortedDictionary<string, object>)data["spec"];
        if (spec.ContainsKey("scaling"))
        {
            return ManifestData.Normalize(manifest);
        }

        var metadata = (SortedDictionary<string, object>)data["metadata"];
        metadata.TryAdd("labels", new SortedDictionary<string, object>(StringComparer.Ordinal));
        ((SortedDictionary<string, object>)metadata["labels"]).TryAdd("app.kubernetes.io/managed-by", "str:hevlayer-generators");
        spec.TryAdd("paused", "bool:false");
        return data;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

using System;
using System.IO;
using System.Linq;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer import</c>: the round trip is exact. Each manifest is imported as C#, the C# is compiled with
/// the generator, and the manifest the build would write equals the input as YAML data (after the defaults the
/// workload reference documents: a missing mode is autoscale, a missing min is 0, paused is false, and the
/// managed-by label is added). Fields no attribute can express are listed, and nothing is written without --force.
/// </summary>
public sealed class ImportTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-import-" + Guid.NewGuid().ToString("N"));

    public ImportTests() => Directory.CreateDirectory(folder);

    public void Dispose() => ConsumerProject.TryDelete(folder);

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Golden, "*.yaml", SearchOption.AllDirectories).Where(f => f.Contains("manifests", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Cli", "Manifests"), "*.yaml", SearchOption.AllDirectories))
        {
            if (!file.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(RepoPaths.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Imported_classes_build_back_to_the_same_manifests(string relativePath)
    {
        var input = new InputText(relativePath, File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath)));
        var plan = ImportCommand.Plan(new[] { input });
        Assert.Empty(plan.Findings);
        Assert.NotEmpty(plan.Files);

        var sources = plan.Files.Select(f => (f.FileName, WorkloadSource.Write(f.Workload, f.ClassName, "Imported.Workers", f.Origin))).ToArray();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var built = Emitted.Manifests(output);

        var expected = ManifestData.Workloads(input.Text).Select(ManifestData.Normalize).OrderBy(ManifestData.Key, StringComparer.Ordinal).ToList();
        var actual = built.Select(m => ManifestData.Data(ManifestData.Single(m.Yaml))).OrderBy(ManifestData.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(ManifestData.Render), actual.Select(ManifestData.Render));
    }

    [Fact]
    public void The_command_writes_one_formatted_file_per_workload_and_never_overwrites()
    {
        var target = Path.Combine(folder, "Workers");
        var source = Path.Combine(AppContext.BaseDirectory, "Cli", "Manifests");

        var (code, stdout, _) = CheckCommandTests.Run(null, "import", source, "--out", target, "--namespace-in-code", "Acme.Workers");
        Assert.Equal(0, code);
        Assert.Equal(new[] { "EmbedChunks.cs", "EnrichProducts.cs", "IngestDocs.cs", "ReindexStale.cs" }, Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal(4, stdout.Split('\n').Count(l => l.StartsWith("wrote ", StringComparison.Ordinal)));
        var embed = File.ReadAllText(Path.Combine(target, "EmbedChunks.cs"));
        Assert.Contains("namespace Acme.Workers;", embed, StringComparison.Ordinal);
        Assert.Contains("[Scaling(Pool = \"gpu\", Mode = ScalingMode.Fixed, MinReplicas = 2)]", embed, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class EmbedChunks\n{\n}\n", embed, StringComparison.Ordinal);

        var before = File.ReadAllText(Path.Combine(target, "IngestDocs.cs"));
        var (again, _, stderr) = CheckCommandTests.Run(null, "import", source, "--out", target);
        Assert.Equal(2, again);
        Assert.Contains("not overwriting", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(target, "IngestDocs.cs")));
        Assert.Empty(Directory.GetFiles(target, "*.hevlayer-tmp"));
    }

    [Fact]
    public void Fields_no_attribute_can_express_are_listed_and_block_the_import_unless_forced()
    {
        const string Yaml = """
            apiVersion: hevlayer.com/v1alpha1
            kind: Function
            metadata:
              name: enrich
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: "{}"
            spec:
              indexSelector:
                matchLabels: {tier: gold}
              triggers: [write, rewrite]
              worker:
                image: ghcr.io/acme/x:1
                podSpec: {nodeSelector: {zone: a}, affinity: {}}
                batchsize: 3
              scaling:
                pool: cpu
                mode: fixed
                replicas: {min: 2, max: 5}
            """;
        var file = Path.Combine(folder, "enrich.yaml");
        File.WriteAllText(file, Yaml);
        var target = Path.Combine(folder, "out");

        var (code, stdout, _) = CheckCommandTests.Run(null, "import", file, "--out", target);

        Assert.Equal(1, code);
        Assert.False(Directory.Exists(target));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[]
        {
            "enrich.yaml(6,5): warning HEVL506: metadata.annotations.kubectl.kubernetes.io/last-applied-configuration cannot be expressed",
            "enrich.yaml(10,3): error HEVL114: ",
            "enrich.yaml(13,40): warning HEVL506: spec.worker.podSpec.affinity cannot be expressed",
            "enrich.yaml(14,5): warning HEVL502: Unknown field 'batchsize' in spec.worker",
            "enrich.yaml(18,24): warning HEVL506: spec.scaling.replicas.max cannot be expressed",
        };
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Contains(expected[i], lines[i], StringComparison.Ordinal);
        }

        var (forced, _, stderr) = CheckCommandTests.Run(null, "import", file, "--out", target, "--force");
        Assert.Equal(0, forced);
        Assert.Contains("left out (--force)", stderr, StringComparison.Ordinal);
        var imported = File.ReadAllText(Path.Combine(target, "Enrich.cs"));
        Assert.Contains("Triggers = FunctionTriggers.Write", imported, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied", imported, StringComparison.Ordinal);
        Assert.Contains("[IndexSelector(\"tier\", \"gold\")]", imported, StringComparison.Ordinal);
        Assert.Contains("[NodeSelector(\"zone\", \"a\")]", imported, StringComparison.Ordinal);
    }

    [Fact]
    public void A_toleration_spelling_the_enums_lack_is_listed_and_a_managed_by_label_of_another_tool_is_kept()
    {
        // Kubernetes: a toleration's operator is Equal or Exists and its effect NoSchedule, PreferNoSchedule or
        // NoExecute, spelled so; C#'s TolerationOperator and TaintEffect have exactly those, so another spelling
        // cannot be imported (listed; with --force the toleration comes without it). README: the build adds
        // app.kubernetes.io/managed-by: hevlayer-generators itself, so only that pair is dropped; another tool's
        // value is the user's label.
        const string Yaml = """
            apiVersion: hevlayer.com/v1alpha1
            kind: Pipeline
            metadata:
              name: ingest
              namespace: search
              labels: {app.kubernetes.io/managed-by: helm}
            spec:
              worker:
                image: ghcr.io/acme/x:1
                podSpec:
                  tolerations:
                  - {key: a, operator: exists}
                  - {key: b, operator: Equal, value: v, effect: Sometimes}
                  - {key: c, operator: Exists, effect: NoExecute}
              scaling: {pool: cpu, replicas: {max: 2}}
            """;
        var file = Path.Combine(folder, "ingest.yaml");
        File.WriteAllText(file, Yaml);
        var target = Path.Combine(folder, "out");

        var (code, stdout, _) = CheckCommandTests.Run(null, "import", file, "--out", target);
        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("ingest.yaml(12,18): warning HEVL506: spec.worker.podSpec.tolerations[0].operator cannot be expressed", lines[0], StringComparison.Ordinal);
        Assert.Contains("ingest.yaml(13,45): warning HEVL506: spec.worker.podSpec.tolerations[1].effect cannot be expressed", lines[1], StringComparison.Ordinal);

        var (forced, _, _) = CheckCommandTests.Run(null, "import", file, "--out", target, "--force");
        Assert.Equal(0, forced);
        var imported = File.ReadAllText(Path.Combine(target, "Ingest.cs"));
        Assert.Contains("[Label(\"app.kubernetes.io/managed-by\", \"helm\")]", imported, StringComparison.Ordinal);
        Assert.Contains("[Toleration(\"a\")]", imported, StringComparison.Ordinal);
        Assert.Contains("[Toleration(\"b\", \"v\", Operator = TolerationOperator.Equal)]", imported, StringComparison.Ordinal);
        Assert.Contains("[Toleration(\"c\", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoExecute)]", imported, StringComparison.Ordinal);
    }

    [Fact]
    public void Workloads_whose_class_names_collide_get_one_file_each_and_build_back()
    {
        // README: one file per workload, and the round trip is exact. These names all make the class name
        // IngestDocs, or one that differs from it only in case (which a file system may not tell apart).
        // Every namespace is written out: one left out is the project's default when built (README).
        static string Workload(string kind, string name, string ns) =>
            "apiVersion: hevlayer.com/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
            + "spec:\n  worker: {image: \"ghcr.io/acme/w:1\"}\n  scaling: {pool: cpu, replicas: {max: 2}}\n";
        var text = string.Join("---\n", new[]
        {
            Workload("Pipeline", "ingest-docs", "default"),
            Workload("Function", "ingest-docs", "default"),
            Workload("Pipeline", "ingest-docs", "search"),
            Workload("Pipeline", "ingest-docs", "ops"),
            Workload("Pipeline", "ingestdocs", "default"),
            Workload("Pipeline", "ingest--docs", "search"),
            Workload("Pipeline", "ingest---docs", "search"),
            Workload("Pipeline", "ingest----docs", "search"),
        });
        var input = new InputText("all.yaml", text);

        var plan = ImportCommand.Plan(new[] { input });

        Assert.Empty(plan.Findings);

        // README: the name, then the kind appended, then the namespace and kind, then a number from 2.
        Assert.Equal(
            new[] { "IngestDocs", "IngestDocsFunction", "IngestDocsPipeline", "IngestDocsOpsPipeline", "IngestdocsDefaultPipeline", "IngestDocsSearchPipeline", "IngestDocsSearchPipeline2", "IngestDocsSearchPipeline3" },
            plan.Files.Select(f => f.ClassName));
        Assert.Equal(8, plan.Files.Select(f => f.FileName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(plan.Files, f => Assert.Equal(f.ClassName + ".cs", f.FileName));
        var sources = plan.Files.Select(f => (f.FileName, WorkloadSource.Write(f.Workload, f.ClassName, "Imported.Workers", f.Origin))).ToArray();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var expected = ManifestData.Workloads(text).Select(ManifestData.Normalize).OrderBy(ManifestData.Key, StringComparer.Ordinal).ToList();
        var actual = Emitted.Manifests(output).Select(m => ManifestData.Data(ManifestData.Single(m.Yaml))).OrderBy(ManifestData.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(string.Join("\n", expected.Select(ManifestData.Render)), string.Join("\n", actual.Select(ManifestData.Render)));
    }

    [Theory]
    [InlineData("ingest-docs", "IngestDocs")]
    [InlineData("a", "A")]
    [InlineData("2fast", "Pipeline2fast")]
    [InlineData("x--y-9", "XY9")]
    public void Class_names_are_pascal_case_identifiers(string name, string expected) =>
        Assert.Equal(expected, WorkloadSource.ClassName(name, Policy.Model.WorkloadKind.Pipeline));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote\" and \\", "\"quote\\\" and \\\\\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("bell\u0007 sep\u2028", "\"bell\\u0007 sep\\u2028\"")]
    [InlineData("emoji \U0001F600", "\"emoji \U0001F600\"")]
    public void String_literals_are_escaped_as_CSharp_reads_them(string value, string expected) =>
        Assert.Equal(expected, WorkloadSource.Literal(value));
}

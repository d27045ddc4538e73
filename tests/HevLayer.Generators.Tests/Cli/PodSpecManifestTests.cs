using System;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// The index selector and pod-spec fragment in hand-written YAML: `hevlayer check` locates each mistake at
/// its line and column, and `hevlayer import` writes classes that build back to the same bytes.
/// </summary>
public sealed class PodSpecManifestTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-podspec-" + Guid.NewGuid().ToString("N"));

    public PodSpecManifestTests() => Directory.CreateDirectory(folder);

    public void Dispose() => ConsumerProject.TryDelete(folder);

    [Fact]
    public void Check_locates_each_mistake_in_the_index_selector_and_the_pod_spec()
    {
        const string Yaml = """
            apiVersion: hevlayer.com/v1alpha1
            kind: Function
            metadata:
              name: tag-docs
              namespace: search
            spec:
              triggers: [write]
              indexSelector:
                matchLabels:
                  "tier!": gold
              worker:
                image: ghcr.io/acme/w:1
                podSpec:
                  nodeSelector:
                    karpenter.sh/nodepool: gpu
                  tolerations:
                    - key: dedicated
                      operator: Exists
                      value: search
                    - operator: Sometimes
                  serviceAccountName: Tag_Docs
                  affinity: {}
              scaling:
                pool: cpu
                replicas: {max: 2}
            """;
        var file = Path.Combine(folder, "tag-docs.yaml");
        File.WriteAllText(file, Yaml);
        File.WriteAllText(Path.Combine(folder, "infrarules.yaml"), AnalyzerVerifier.SampleInfraRules);

        var (code, stdout, _) = CheckCommandTests.Run(null, "check", file, "--infrarules", Path.Combine(folder, "infrarules.yaml"));

        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("tag-docs.yaml(10,7): error HEVL130: Index selector 'tier!'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("tag-docs.yaml(15,9): error HEVL011: Node selector 'karpenter.sh/nodepool: gpu' contradicts pool 'cpu'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("tag-docs.yaml(19,18): error HEVL128: Toleration #1 ('dedicated') has operator Exists and the value 'search'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("tag-docs.yaml(20,21): error HEVL128: Toleration #2 has operator 'Sometimes'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("tag-docs.yaml(21,27): error HEVL129: ServiceAccountName 'Tag_Docs'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("affinity", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_service_account_name_writes_no_pod_spec_at_all()
    {
        // The README's field table: serviceAccountName is left out when not set, and podSpec when none of its fields is.
        var model = FieldTableTests.EveryRow(WorkloadKind.Pipeline);
        model = model with { Worker = model.Worker with { NodeSelector = EquatableArray<KeyValue>.Empty, Tolerations = EquatableArray<TolerationModel>.Empty, ServiceAccountName = string.Empty } };
        var yaml = ManifestWriter.Write(model);
        Assert.DoesNotContain("podSpec", yaml, StringComparison.Ordinal);
        Assert.Empty(Policy.Manifests.WorkloadManifestReader.Read("x.yaml", yaml).Workloads.Single().Findings);
    }

    [Theory]
    [InlineData(WorkloadKind.Pipeline)]
    [InlineData(WorkloadKind.Function)]
    public void Import_of_a_manifest_with_every_field_builds_back_to_the_same_bytes(WorkloadKind kind)
    {
        // The writer's own manifest of a workload with every row of the field table set, selectors and tolerations included.
        var yaml = ManifestWriter.Write(FieldTableTests.EveryRow(kind) with { SourceType = "Workers.EveryField" });
        var file = Path.Combine(folder, "every.yaml");
        File.WriteAllText(file, yaml);
        var target = Path.Combine(folder, "out");

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "import", file, "--out", target);

        Assert.True(code == 0, stdout + stderr);
        var source = File.ReadAllText(Path.Combine(target, "EveryField.cs"));
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("EveryField.cs", source)));
        var manifest = Assert.Single(Emitted.Manifests(output));
        Assert.Equal(yaml, manifest.Yaml);
    }
}

using System;
using System.IO;
using System.Text;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The index selector and the pod-spec fragment through a packed consumer's real `dotnet build`: written
/// into the manifest that kubectl reads, reachable through the typed API at run time, and their mistakes
/// located errors in the build output. Expected YAML written by hand from the README's field table and
/// Kubernetes' toleration fields.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndPodSpecTests
{
    private const string Workload = """
        using HevLayer;

        namespace Acme.Workers;

        [Function("tag-docs", Namespace = "search", Triggers = FunctionTriggers.Write)]
        [Scaling(Pool = "gpu", MaxReplicas = 2)]
        [Worker(ServiceAccountName = "tag-docs")]
        [IndexSelector("tier", "gold")]
        [IndexSelector("hevlayer.com/corpus", "docs")]
        [NodeSelector("kubernetes.io/arch", "amd64")]
        [Toleration("dedicated", "search", Effect = TaintEffect.NoSchedule)]
        [Toleration("node.kubernetes.io/unreachable", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoExecute, TolerationSeconds = 300)]
        public sealed partial class TagDocs
        {
        }
        """;

    [Fact]
    public void Index_selector_and_pod_spec_are_written_read_by_kubectl_and_typed_at_run_time()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.Write("TagDocs.cs", Workload);
        consumer.Write("Program.cs", """
            var m = Acme.Workers.TagDocs.Manifest;
            var pod = m.Spec.Worker.PodSpec!;
            System.Console.WriteLine("typed: " + string.Join(",", m.Spec.IndexSelector!.MatchLabels) + " | " + string.Join(",", pod.NodeSelector)
                + " | " + pod.Tolerations.Count + " " + pod.Tolerations[1].Operator + " " + pod.Tolerations[1].TolerationSeconds + " | " + pod.ServiceAccountName);
            """);

        consumer.BuildSucceeds();

        var yaml = Encoding.UTF8.GetString(consumer.ManifestFiles()["function.search.tag-docs.yaml"]);
        Assert.Contains("""
              indexSelector:
                matchLabels:
                  hevlayer.com/corpus: docs
                  tier: gold
            """, yaml, StringComparison.Ordinal);
        Assert.Contains("""
              worker:
                image: "ghcr.io/acme/layer-workers:1.4.2"
                podSpec:
                  nodeSelector:
                    kubernetes.io/arch: amd64
                  tolerations:
                    - key: dedicated
                      value: search
                      effect: NoSchedule
                    - key: node.kubernetes.io/unreachable
                      operator: Exists
                      effect: NoExecute
                      tolerationSeconds: 300
                  serviceAccountName: tag-docs
            """, yaml, StringComparison.Ordinal);

        var kustomize = ProcessRunner.Run("kubectl", new[] { "kustomize", consumer.ManifestsDirectory }, consumer.Root, TimeSpan.FromMinutes(1));
        Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
        Assert.Contains("tolerationSeconds: 300", kustomize.Output, StringComparison.Ordinal);

        var run = ProcessRunner.Run("dotnet", new[] { Path.Combine(consumer.ProjectDirectory, "bin", "Debug", "net10.0", "Consumer.dll") }, consumer.Root, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("typed: [hevlayer.com/corpus, docs],[tier, gold] | [kubernetes.io/arch, amd64] | 2 Exists 300 | tag-docs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Their_mistakes_fail_the_build_at_the_argument_that_makes_them()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.Write("TagDocs.cs", Workload
            .Replace("[NodeSelector(\"kubernetes.io/arch\", \"amd64\")]", "[NodeSelector(\"karpenter.sh/nodepool\", \"cpu\")]", StringComparison.Ordinal)
            .Replace("Effect = TaintEffect.NoExecute, TolerationSeconds", "Effect = TaintEffect.NoSchedule, TolerationSeconds", StringComparison.Ordinal)
            .Replace("ServiceAccountName = \"tag-docs\"", "ServiceAccountName = \"Tag_Docs\"", StringComparison.Ordinal));

        var result = consumer.Build();

        Assert.NotEqual(0, result.ExitCode);
        var file = Path.Combine(consumer.ProjectDirectory, "TagDocs.cs");
        Assert.Contains($"{file}(10,2): error HEVL011: Node selector 'karpenter.sh/nodepool: cpu' contradicts pool 'gpu', whose nodeSelector sets 'karpenter.sh/nodepool: gpu' (infrarules.yaml)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{file}(12,118): error HEVL128: Toleration #2 ('node.kubernetes.io/unreachable') sets TolerationSeconds", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{file}(7,9): error HEVL129: ServiceAccountName 'Tag_Docs' is not a valid service account name", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(consumer.ManifestsDirectory), "A failed build must not write manifests.");
    }
}

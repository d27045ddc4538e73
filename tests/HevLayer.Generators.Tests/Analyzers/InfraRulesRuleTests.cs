using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>InfraRules file rules, each at its line and column in the YAML.</summary>
public sealed class InfraRulesRuleTests
{
    private const string Workload = Header + """
        [Pipeline("ingest")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public sealed partial class Ingest { }
        """;

    private const string Path = "/0/infrarules.yaml";

    /// <summary>The seed's own example, verbatim.</summary>
    public const string Seed = """
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata:
          name: default
        spec:
          computePools:
            - name: cpu
              kind: cpu
              maxReplicasPerWorkload: 20
              nodeSelector:
                karpenter.sh/nodepool: cpu
              tolerations: []
              resources:
                requests:
                  cpu: "500m"
                  memory: 512Mi
                limits:
                  memory: 1Gi
          documentCache:
            capGiB: 256
            replicationFactor: 1
            scaling:
              mode: autoscale
              nodes:
                min: 1
                max: 3
        """;

    [Fact]
    public Task The_seeds_example_gives_no_diagnostic() => VerifyAsync(Workload, Seed);

    [Fact]
    public Task The_sample_infrarules_give_no_diagnostic() => VerifyAsync(Workload, SampleInfraRules);

    [Fact]
    public Task HEVL201_a_syntax_error_is_reported_where_the_parser_stopped() =>
        VerifyAsync(Workload, "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nspec:\n  computePools: [\n    - name: cpu\n",
            Diagnostic("HEVL201").WithSpan(Path, 5, 5, 5, 6));

    [Fact]
    public Task HEVL202_wrong_api_version_and_kind() =>
        VerifyAsync(Workload, Seed.Replace("hevlayer.com/v1alpha1", "hevlayer.com/v1").Replace("kind: InfraRules", "kind: InfraRule"),
            Diagnostic("HEVL202").WithSpan(Path, 1, 13, 1, 28).WithArguments("apiVersion", "hevlayer.com/v1", "hevlayer.com/v1alpha1"),
            Diagnostic("HEVL202").WithSpan(Path, 2, 7, 2, 16).WithArguments("kind", "InfraRule", "InfraRules"));

    [Fact]
    public Task HEVL203_a_name_other_than_default() =>
        VerifyAsync(Workload, Seed.Replace("name: default", "name: prod"),
            Diagnostic("HEVL203").WithSpan(Path, 4, 9, 4, 13).WithArguments("prod"));

    [Fact]
    public Task HEVL204_a_namespace_on_the_cluster_scoped_object() =>
        VerifyAsync(Workload, Seed.Replace("  name: default", "  name: default\n  namespace: layer"),
            Diagnostic("HEVL204").WithSpan(Path, 5, 14, 5, 19));

    [Fact]
    public Task HEVL205_a_second_infrarules_document() =>
        VerifyAsync(Workload, Seed + "\n---\n" + Seed,
            Diagnostic("HEVL205").WithSpan(Path, 28, 1, 28, 1).WithArguments("/0/infrarules.yaml(1,1)"));

    [Fact]
    public Task HEVL205_infrarules_in_a_second_file() =>
        VerifyAsync(new[] { Workload }, new[] { ("/0/a/infrarules.yaml", Seed), ("/0/b/infrarules.yaml", Seed) },
            Diagnostic("HEVL205").WithSpan("/0/b/infrarules.yaml", 1, 1, 1, 1));

    [Fact]
    public Task HEVL206_duplicate_pool_names() =>
        VerifyAsync(Workload, Seed.Replace("  documentCache:", "    - name: cpu\n      kind: cpu\n      maxReplicasPerWorkload: 3\n  documentCache:"),
            Diagnostic("HEVL206").WithSpan(Path, 19, 13, 19, 16).WithArguments("cpu", "7"));

    [Fact]
    public Task HEVL207_a_pool_without_a_name() =>
        VerifyAsync(Workload, Seed.Replace("  documentCache:", "    - kind: cpu\n      maxReplicasPerWorkload: 3\n  documentCache:"),
            Diagnostic("HEVL207").WithSpan(Path, 19, 7, 19, 7));

    [Fact]
    public Task HEVL208_a_ceiling_below_one_or_missing_and_HEVL216_the_typo_that_hid_it() =>
        VerifyAsync(Workload, Seed.Replace("maxReplicasPerWorkload: 20", "maxReplicaPerWorkload: 20"),
            Diagnostic("HEVL208").WithSpan(Path, 7, 13, 7, 16).WithArguments("cpu", "is missing"),
            Diagnostic("HEVL216").WithSpan(Path, 9, 7, 9, 28).WithArguments("maxReplicaPerWorkload", "spec.computePools[]", "did you mean 'maxReplicasPerWorkload'?"));

    [Fact]
    public Task HEVL208_a_ceiling_of_zero_is_reported_once_in_the_file_not_again_on_every_workload() =>
        VerifyAsync(Workload, Seed.Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: 0"),
            Diagnostic("HEVL208").WithSpan(Path, 9, 31, 9, 32).WithArguments("cpu", "is 0"));

    [Fact]
    public Task HEVL209_gpu_type_on_a_cpu_pool() =>
        VerifyAsync(Workload, Seed.Replace("      kind: cpu\n", "      kind: cpu\n      gpuType: nvidia-l4\n"),
            Diagnostic("HEVL209").WithSpan(Path, 9, 16, 9, 25));

    [Fact]
    public Task HEVL210_a_quantity_kubernetes_would_reject() =>
        VerifyAsync(Workload, Seed.Replace("memory: 512Mi", "memory: 512MB"),
            Diagnostic("HEVL210").WithSpan(Path, 16, 19, 16, 24).WithArguments("512MB", "requests.memory"));

    [Fact]
    public Task HEVL211_a_request_above_its_limit() =>
        VerifyAsync(Workload, Seed.Replace("memory: 512Mi", "memory: 2Gi"),
            Diagnostic("HEVL211").WithSpan(Path, 16, 19, 16, 22).WithArguments("memory", "cpu", "2Gi", "1Gi"));

    [Fact]
    public Task HEVL212_cache_capacity_of_zero() =>
        VerifyAsync(Workload, Seed.Replace("capGiB: 256", "capGiB: 0"),
            Diagnostic("HEVL212").WithSpan(Path, 20, 13, 20, 14));

    [Fact]
    public Task HEVL213_replication_factor_below_one_or_above_nodes_max() =>
        Task.WhenAll(
            VerifyAsync(Workload, Seed.Replace("replicationFactor: 1", "replicationFactor: 0"),
                Diagnostic("HEVL213").WithSpan(Path, 21, 24, 21, 25).WithArguments("0", "at least 1")),
            VerifyAsync(Workload, Seed.Replace("replicationFactor: 1", "replicationFactor: 4"),
                Diagnostic("HEVL213").WithSpan(Path, 21, 24, 21, 25).WithArguments("4", "at most scaling.nodes.max (3), or the replicas cannot be placed")));

    [Fact]
    public Task HEVL214_cache_nodes_min_above_max() =>
        VerifyAsync(Workload, Seed.Replace("min: 1", "min: 5"),
            Diagnostic("HEVL214").WithSpan(Path, 25, 14, 25, 15));

    [Fact]
    public Task HEVL215_an_unknown_cache_mode() =>
        VerifyAsync(Workload, Seed.Replace("mode: autoscale", "mode: sometimes"),
            Diagnostic("HEVL215").WithSpan(Path, 23, 13, 23, 22).WithArguments("sometimes", "autoscale, fixed, disabled"));

    [Fact]
    public Task HEVL216_an_unknown_field_far_from_any_known_one_lists_the_known_fields() =>
        VerifyAsync(Workload, Seed.Replace("  documentCache:", "  colour: blue\n  documentCache:"),
            Diagnostic("HEVL216").WithSpan(Path, 19, 3, 19, 9).WithArguments("colour", "spec", "known fields here: computePools, documentCache"));

    [Fact]
    public Task HEVL217_a_quoted_or_wordy_number_is_the_wrong_type() =>
        VerifyAsync(Workload, Seed.Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: \"twenty\""),
            Diagnostic("HEVL217").WithSpan(Path, 9, 31, 9, 39).WithArguments("spec.computePools[].maxReplicasPerWorkload", "a whole number"),
            Diagnostic("HEVL208").WithSpan(Path, 7, 13, 7, 16));

    [Fact]
    public Task Rendered_helm_output_takes_only_the_infrarules_document_and_checks_pools_against_it() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", {|HEVL002:MaxReplicas = 21|})]
            public sealed partial class Ingest { }
            """,
            "---\n# Source: layer/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: layer-config\ndata:\n  colour: blue\n---\n# Source: layer/templates/infrarules.yaml\n" + Seed + "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: layer-operator\n");

    [Fact]
    public Task HEVL221_a_stream_of_other_kinds_holds_no_infrarules_and_says_what_it_holds() =>
        VerifyAsync(Workload, "apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Secret\n",
            Diagnostic("HEVL221").WithSpan(Path, 1, 1, 1, 1).WithArguments("its 2 documents are kind ConfigMap, kind Secret"));

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n  ")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n# and another\n")]
    [InlineData("---\n")]
    public Task HEVL221_an_empty_or_blank_file_is_a_located_error_and_not_HEVL200(string text) =>
        VerifyAsync(Workload, text,
            Diagnostic("HEVL221").WithSpan(Path, 1, 1, 1, 1).WithArguments("it is empty or holds only comments"));

    [Fact]
    public Task HEVL221_a_plain_value_is_no_infrarules_document() =>
        VerifyAsync(Workload, "just some words\n",
            Diagnostic("HEVL221").WithSpan(Path, 1, 1, 1, 1).WithArguments("its document is a plain value"));

    [Fact]
    public Task HEVL222_text_that_was_not_utf8_is_refused_at_the_first_replacement_character() =>
        // The compiler and the IDE decode AdditionalFiles as UTF-8 and put U+FFFD where bytes are not UTF-8.
        VerifyAsync(Workload, Seed.Replace("- name: cpu", "- name: c\uFFFD\uFFFDu"),
            Diagnostic("HEVL222").WithSpan(Path, 7, 14, 7, 15));
}

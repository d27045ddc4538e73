using System.Threading.Tasks;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>
/// The pod-spec fragment (<c>[NodeSelector]</c>, <c>[Toleration]</c>, <c>[Worker(ServiceAccountName)]</c>) and
/// the Function's <c>[IndexSelector]</c>, each held to what the Kubernetes API server accepts. Oracles:
/// Kubernetes' ValidateTolerations (a key is a label key; an empty key needs Exists; Equal needs a label
/// value and Exists none; the operators Equal and Exists; the effects NoSchedule, PreferNoSchedule and
/// NoExecute; tolerationSeconds only with NoExecute), the label syntax of node selectors, the DNS-subdomain
/// syntax of service account names, and the seed: a pool's nodeSelector "is applied to worker pods that
/// choose the pool" (the sample's cpu pool selects karpenter.sh/nodepool: cpu).
/// </summary>
public sealed class PodSpecRuleTests
{
    [Fact]
    public Task Valid_pod_spec_fields_and_index_selectors_are_quiet() =>
        VerifyAsync(Header + """
            [Function("enrich", Triggers = FunctionTriggers.Write)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(ServiceAccountName = "enrich.workers-1")]
            [NodeSelector("kubernetes.io/arch", "amd64")]
            [NodeSelector("karpenter.sh/nodepool", "cpu")]
            [NodeSelector("empty-value", "")]
            [Toleration("dedicated", "search", Effect = TaintEffect.NoSchedule)]
            [Toleration("gpu", Operator = TolerationOperator.Exists)]
            [Toleration(Operator = TolerationOperator.Exists)]
            [Toleration("node.kubernetes.io/unreachable", Operator = TolerationOperator.Exists, Effect = TaintEffect.NoExecute, TolerationSeconds = 300)]
            [Toleration("spot", "", Operator = TolerationOperator.Equal, Effect = TaintEffect.PreferNoSchedule)]
            [IndexSelector("tier", "gold")]
            [IndexSelector("hevlayer.com/corpus", "docs")]
            public sealed partial class Enrich { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL127_node_selectors_follow_the_label_syntax() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:NodeSelector("bad key", "amd64")|}]
            [{|#1:NodeSelector("Example.com/arch", "amd64")|}]
            [{|#2:NodeSelector("arch", "-amd64")|}]
            [{|#3:NodeSelector("bad key!", "bad value!")|}]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL127").WithLocation(0).WithArguments("bad key", "the name may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            Diagnostic("HEVL127").WithLocation(1).WithArguments("Example.com/arch", "the prefix 'Example.com' must be a lowercase DNS subdomain of at most 253 characters, such as example.com"),
            Diagnostic("HEVL127").WithLocation(2).WithArguments("arch", "the value may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            // A pair whose key and value are both bad is one finding, about the key: the pair is named by its key,
            // and the value is checked once the key is a label key.
            Diagnostic("HEVL127").WithLocation(3).WithArguments("bad key!", "the name may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"));

    [Fact]
    public Task HEVL128_each_toleration_rule_of_the_API_server_is_located_at_the_argument_that_breaks_it() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Toleration({|#0:"bad key"|}, "v")]
            [Toleration({|#1:Operator = TolerationOperator.Equal|})]
            [Toleration]
            [Toleration("gpu", {|#3:"x"|}, Operator = TolerationOperator.Exists)]
            [Toleration("gpu", {|#4:"not a value"|})]
            [Toleration("gpu", {|#5:Operator = (TolerationOperator)7|})]
            [Toleration("gpu", {|#6:Effect = (TaintEffect)9|})]
            [Toleration("gpu", "a", Effect = TaintEffect.NoSchedule, {|#7:TolerationSeconds = 30|})]
            [Toleration("gpu", "not a value", {|#8:Operator = (TolerationOperator)7|})]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL128").WithLocation(0).WithArguments("#1 ('bad key')", "has an invalid key: the name may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            Diagnostic("HEVL128").WithLocation(1).WithArguments("#2", "has no key, so its operator must be Exists (an empty key with Exists tolerates every taint)"),
            Diagnostic("HEVL128").WithSpan(7, 2, 7, 12).WithArguments("#3", "has no key, so its operator must be Exists (an empty key with Exists tolerates every taint)"),
            Diagnostic("HEVL128").WithLocation(3).WithArguments("#4 ('gpu')", "has operator Exists and the value 'x'; with Exists the value must be empty"),
            Diagnostic("HEVL128").WithLocation(4).WithArguments("#5 ('gpu')", "has an invalid value: the value may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            Diagnostic("HEVL128").WithLocation(5).WithArguments("#6 ('gpu')", "has operator '7'; an operator is Equal or Exists"),
            Diagnostic("HEVL128").WithLocation(6).WithArguments("#7 ('gpu')", "has effect '9'; an effect is NoSchedule, PreferNoSchedule, NoExecute, or none for every effect"),
            Diagnostic("HEVL128").WithLocation(7).WithArguments("#8 ('gpu')", "sets TolerationSeconds, which only a NoExecute effect can have; set Effect = TaintEffect.NoExecute, or remove TolerationSeconds"),
            // Which value is allowed depends on the operator (a label value with Equal, none with Exists): with an
            // operator Kubernetes does not know, only the operator is reported.
            Diagnostic("HEVL128").WithLocation(8).WithArguments("#9 ('gpu')", "has operator '7'; an operator is Equal or Exists"));

    [Fact]
    public Task HEVL129_a_service_account_name_is_a_DNS_subdomain() =>
        VerifyAsync(Header + """
            [Pipeline("upper")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|#0:ServiceAccountName = "Ingest"|})]
            public sealed partial class Upper { }

            [Pipeline("underscore")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|#1:ServiceAccountName = "ingest_sa"|})]
            public sealed partial class Underscore { }

            [Pipeline("unset")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(ServiceAccountName = "")]
            public sealed partial class Unset { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL129").WithLocation(0).WithArguments("Ingest"),
            Diagnostic("HEVL129").WithLocation(1).WithArguments("ingest_sa"));

    [Fact]
    public Task HEVL130_index_selectors_follow_the_label_syntax_and_HEVL113_on_a_Pipeline() =>
        VerifyAsync(Header + """
            [Function("enrich", Triggers = FunctionTriggers.Write)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:IndexSelector("tier!", "gold")|}]
            [{|#2:IndexSelector("corpus", "not a value")|}]
            [{|#3:IndexSelector("bad key!", "bad value!")|}]
            public sealed partial class Enrich { }

            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#1:IndexSelector("tier", "gold")|}]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL130").WithLocation(0).WithArguments("tier!", "the name may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            Diagnostic("HEVL130").WithLocation(2).WithArguments("corpus", "the value may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            // Key and value both bad: one finding, about the key (as HEVL127).
            Diagnostic("HEVL130").WithLocation(3).WithArguments("bad key!", "the name may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit"),
            Diagnostic("HEVL113").WithLocation(1).WithArguments("IndexSelector", "Ingest", "a Pipeline has no spec.indexSelector", "make the class a Function"));

    [Fact]
    public Task HEVL115_a_node_selector_key_given_twice_keeps_the_last_value() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:NodeSelector("arch", "arm64")|}]
            [NodeSelector("arch", "amd64")]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL115").WithLocation(0).WithArguments("NodeSelector", "arch", "amd64"));

    [Fact]
    public Task HEVL011_a_node_selector_that_contradicts_the_pools_is_an_error_and_one_that_agrees_is_not() =>
        VerifyAsync(Header + """
            [Pipeline("contradicts")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:NodeSelector("karpenter.sh/nodepool", "gpu")|}]
            public sealed partial class Contradicts { }

            [Pipeline("agrees")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [NodeSelector("karpenter.sh/nodepool", "cpu")]
            [NodeSelector("kubernetes.io/arch", "amd64")]
            public sealed partial class Agrees { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL011").WithLocation(0).WithArguments("karpenter.sh/nodepool", "gpu", "cpu", "cpu", "infrarules.yaml"));

    [Fact]
    public Task HEVL011_with_a_pool_InfraRules_do_not_list_has_no_selector_to_contradict() =>
        // Seed: the pool's nodeSelector is InfraRules'. A pool they do not list is HEVL001, and nothing more.
        VerifyAsync(Header + """
            [Pipeline("unknown")]
            [Scaling({|#0:Pool = "gpu-a10"|}, MaxReplicas = 2)]
            [NodeSelector("karpenter.sh/nodepool", "gpu")]
            public sealed partial class Unknown { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL001").WithLocation(0).WithArguments("gpu-a10", "infrarules.yaml", "gpu, cpu"));

    [Fact]
    public Task HEVL011_without_InfraRules_has_no_selector_to_contradict() =>
        // Without InfraRules no pool's nodeSelector is known: HEVL200 at the pool, and nothing more.
        VerifyAsync(Header + """
            [Pipeline("anywhere")]
            [Scaling({|#0:Pool = "cpu"|}, MaxReplicas = 2)]
            [NodeSelector("karpenter.sh/nodepool", "gpu")]
            public sealed partial class Anywhere { }
            """,
            null,
            Diagnostic("HEVL200").WithLocation(0).WithArguments("cpu", "add infrarules.yaml beside the project, or name InfraRules files with the HevLayerInfraRules MSBuild property"));
}

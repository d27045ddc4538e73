using System.Threading.Tasks;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>Declaration rules: names, duplicates, class shapes, triggers, images.</summary>
public sealed class DeclarationRuleTests
{
    [Fact]
    public Task HEVL101_invalid_name_is_reported_at_the_name() =>
        VerifyAsync(Header + """
            [Pipeline({|HEVL101:"Ingest_Docs"|})]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL102_invalid_namespace_is_reported_at_the_namespace() =>
        VerifyAsync(Header + """
            [Pipeline("ingest", {|HEVL102:Namespace = "Search Team"|})]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL103_two_workloads_with_one_kind_namespace_and_name_are_both_reported() =>
        VerifyAsync(Header + """
            [{|#0:Pipeline("ingest")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class A { }

            [{|#1:Pipeline("ingest", Namespace = "default")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class B { }

            [Function("ingest", Triggers = FunctionTriggers.Write)]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class SameNameOtherKind { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL103").WithLocation(0).WithArguments("Pipeline", "ingest", "default", "A", "B"),
            Diagnostic("HEVL103").WithLocation(1).WithArguments("Pipeline", "ingest", "default", "B", "A"));

    [Fact]
    public Task HEVL104_pipeline_and_function_on_one_class() =>
        VerifyAsync(Header + """
            [Pipeline("both")]
            [{|HEVL104:Function("both", Triggers = FunctionTriggers.Write)|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Both { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL105_not_partial_is_reported_at_the_class_name() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed class {|HEVL105:Ingest|} { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL106_abstract_static_and_generic_classes() =>
        VerifyAsync(Header + """
            [Pipeline("a")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public abstract partial class {|HEVL106:Abstract|} { }

            [Pipeline("s")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public static partial class {|HEVL106:Static|} { }

            [Pipeline("g")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class {|HEVL106:Generic|}<T> { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL107_nesting_the_generator_cannot_extend() =>
        VerifyAsync(Header + """
            public class Closed
            {
                [Pipeline("in-closed")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                public sealed partial class {|HEVL107:Inner|} { }
            }

            public partial class Open
            {
                [Pipeline("hidden")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                private sealed partial class {|HEVL107:Hidden|} { }

                [Pipeline("fine")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                internal sealed partial class Fine { }
            }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL108_function_without_trigger() =>
        VerifyAsync(Header + """
            [{|HEVL108:Function("idle")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Idle { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL109_schedule_trigger_without_schedule_settings() =>
        VerifyAsync(Header + """
            [Function("nightly", {|HEVL109:Triggers = FunctionTriggers.Schedule|})]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Nightly { }

            [Function("scheduled", Triggers = FunctionTriggers.Schedule | FunctionTriggers.Write)]
            [Schedule(DiscoveryIntervalSeconds = 60)]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Scheduled { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL110_no_image_from_attribute_defaults_or_msbuild() =>
        VerifyAsync("""
            using HevLayer;

            [{|HEVL110:Pipeline("ingest")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }

            [Pipeline("own-image")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            [Worker(Image = "registry.example/own:1")]
            public sealed partial class OwnImage { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL111_and_HEVL112_label_and_annotation_keys_and_values_kubernetes_rejects() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            [Label("team", "search")]
            [Label("app.kubernetes.io/part-of", "layer")]
            [Annotation("hevlayer.com/owner", "anything: goes, here")]
            [{|HEVL111:Label("Team Name", "search")|}]
            [{|HEVL111:Label("tier", "not valid!")|}]
            [{|HEVL111:Label("Example.COM/tier", "gold")|}]
            [{|HEVL112:Annotation("-bad", "x")|}]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules);
}

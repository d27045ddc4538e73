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

    [Fact]
    public Task HEVL113_schedule_on_a_pipeline_is_reported_never_dropped_silently() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:Schedule(DiscoveryIntervalSeconds = 60)|}]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL113").WithLocation(0).WithArguments("Schedule", "Ingest", "a Pipeline has no spec.schedule", "make the class a Function"));

    [Fact]
    public Task HEVL113_workload_attributes_on_a_class_that_is_no_workload_are_reported() =>
        VerifyAsync(Header + """
            [{|#0:Scaling(Pool = "cpu", MaxReplicas = 2)|}]
            [{|#1:Worker(BatchSize = 10)|}]
            [{|#2:Label("team", "search")|}]
            public sealed class Forgotten { }

            [System.Obsolete]
            public sealed class Unrelated { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL113").WithLocation(0).WithArguments("Scaling", "Forgotten", "the class has no [Pipeline] or [Function], so no manifest is written for it", "add [Pipeline(\"name\")] or [Function(\"name\")]"),
            Diagnostic("HEVL113").WithLocation(1).WithArguments("Worker", "Forgotten", "the class has no [Pipeline] or [Function], so no manifest is written for it", "add [Pipeline(\"name\")] or [Function(\"name\")]"),
            Diagnostic("HEVL113").WithLocation(2).WithArguments("Label", "Forgotten", "the class has no [Pipeline] or [Function], so no manifest is written for it", "add [Pipeline(\"name\")] or [Function(\"name\")]"));

    [Fact]
    public Task HEVL113_schedule_on_a_function_applies() =>
        VerifyAsync(Header + """
            [Function("scan", Triggers = FunctionTriggers.Discovery)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Schedule(DiscoveryIntervalSeconds = 60)]
            public sealed partial class Scan { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL114_trigger_bits_outside_the_enum_are_an_error_at_the_triggers() =>
        VerifyAsync(Header + """
            [Function("odd", {|#0:Triggers = FunctionTriggers.Write | (FunctionTriggers)8|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Odd { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL114").WithLocation(0).WithArguments("10", "8"));

    [Fact]
    public Task HEVL115_a_label_or_annotation_key_given_twice_keeps_the_last_value_and_says_so() =>
        VerifyAsync(Header + """
            [Pipeline("twice")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [{|#0:Label("team", "search")|}]
            [Label("team", "ingest")]
            [{|#1:Annotation("note", "a")|}]
            [Annotation("note", "b")]
            [Annotation("other", "c")]
            public sealed partial class Twice { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL115").WithLocation(0).WithArguments("Label", "team", "ingest"),
            Diagnostic("HEVL115").WithLocation(1).WithArguments("Annotation", "note", "b"));

    [Fact]
    public Task HEVL116_annotations_over_256_KiB_in_total_are_rejected_by_the_api_server() =>
        VerifyAsync(Header + """
            [{|#0:Pipeline("heavy")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Annotation("a", 
            """ + "\"" + new string('x', 131072) + "\"" + """
            )]
            [Annotation("b", 
            """ + "\"" + new string('y', 131071) + "\"" + """
            )]
            public sealed partial class Heavy { }

            [Pipeline("at-limit")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Annotation("a", 
            """ + "\"" + new string('x', 131071) + "\"" + """
            )]
            [Annotation("b", 
            """ + "\"" + new string('y', 131071) + "\"" + """
            )]
            public sealed partial class AtLimit { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL116").WithLocation(0).WithArguments("262145", "262144"));
}

using System.Threading.Tasks;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>
/// Every field the generator writes has a rule for the values the API server or the operator cannot mean
/// (the README's emitted-field table names them). Oracles: the field table of
/// shared/reference/workload-resources.md, the OCI reference grammar and Kubernetes' name rules.
/// </summary>
public sealed class FieldRuleTests
{
    [Fact]
    public Task HEVL120_every_count_and_duration_below_1_is_reported_at_its_argument() =>
        VerifyAsync(Header + """
            [Function("counts", Triggers = FunctionTriggers.Schedule)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|#0:BatchSize = -5|}, {|#1:TimeoutSeconds = -1|})]
            [Retry({|#2:MaxAttempts = 0|}, {|#3:InitialBackoffSeconds = 0|}, {|#4:MaxBackoffSeconds = -3|})]
            [Schedule({|#5:DiscoveryIntervalSeconds = 0|}, {|#6:LeaseSeconds = -1|}, {|#7:MaxInFlightBatches = 0|}, {|#8:MaxConcurrentScans = int.MinValue|})]
            public sealed partial class Counts { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL120").WithLocation(0).WithArguments("BatchSize", "-5", "spec.worker.batchSize", "a batch size"),
            Diagnostic("HEVL120").WithLocation(1).WithArguments("TimeoutSeconds", "-1", "spec.worker.timeoutSeconds", "a timeout"),
            Diagnostic("HEVL120").WithLocation(2).WithArguments("MaxAttempts", "0", "spec.retry.maxAttempts", "a number of attempts"),
            Diagnostic("HEVL120").WithLocation(3).WithArguments("InitialBackoffSeconds", "0", "spec.retry.initialBackoffSeconds", "a backoff"),
            Diagnostic("HEVL120").WithLocation(4).WithArguments("MaxBackoffSeconds", "-3", "spec.retry.maxBackoffSeconds", "a backoff"),
            Diagnostic("HEVL120").WithLocation(5).WithArguments("DiscoveryIntervalSeconds", "0", "spec.schedule.discoveryIntervalSeconds", "an interval"),
            Diagnostic("HEVL120").WithLocation(6).WithArguments("LeaseSeconds", "-1", "spec.schedule.leaseSeconds", "a lease"),
            Diagnostic("HEVL120").WithLocation(7).WithArguments("MaxInFlightBatches", "0", "spec.schedule.maxInFlightBatches", "a number of batches"),
            Diagnostic("HEVL120").WithLocation(8).WithArguments("MaxConcurrentScans", "-2147483648", "spec.schedule.maxConcurrentScans", "a number of scans"));

    [Fact]
    public Task HEVL120_one_is_the_smallest_value_that_means_something_and_unset_is_fine() =>
        VerifyAsync(Header + """
            [Function("ones", Triggers = FunctionTriggers.Schedule)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(BatchSize = 1, TimeoutSeconds = 1)]
            [Retry(MaxAttempts = 1, InitialBackoffSeconds = 1, MaxBackoffSeconds = 1)]
            [Schedule(DiscoveryIntervalSeconds = 1, LeaseSeconds = 1, MaxInFlightBatches = 1, MaxConcurrentScans = 1)]
            public sealed partial class Ones { }

            [Pipeline("unset")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker]
            [Retry]
            public sealed partial class Unset { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL121_an_initial_backoff_above_the_maximum_is_reported_at_the_initial_value() =>
        VerifyAsync(Header + """
            [Pipeline("backoff")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Retry(MaxAttempts = 3, {|#0:InitialBackoffSeconds = 60|}, MaxBackoffSeconds = 30)]
            public sealed partial class Backoff { }

            [Pipeline("equal")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Retry(InitialBackoffSeconds = 30, MaxBackoffSeconds = 30)]
            public sealed partial class Equal { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL121").WithLocation(0).WithArguments("60", "30"));

    [Fact]
    public Task HEVL122_an_image_that_is_no_oci_reference_is_an_error_at_the_image() =>
        VerifyAsync(Header + """
            [Pipeline("upper")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|HEVL122:Image = "ghcr.io/Acme/Worker:1"|})]
            public sealed partial class Upper { }

            [Pipeline("space")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|HEVL122:Image = "ghcr.io/acme/worker :1"|})]
            public sealed partial class Space { }

            [Pipeline("tag")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|HEVL122:Image = "ghcr.io/acme/worker:-1"|})]
            public sealed partial class Tag { }

            [Pipeline("digest")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker({|HEVL122:Image = "ghcr.io/acme/worker@sha256:abc"|})]
            public sealed partial class Digest { }

            [Pipeline("fine")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(Image = "localhost:5000/acme/worker:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
            public sealed partial class Fine { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL122_a_bad_project_default_image_is_reported_on_each_workload_that_uses_it() =>
        VerifyAsync("""
            using HevLayer;
            [assembly: HevLayerDefaults(Image = "not a reference")]

            [{|#0:Pipeline("uses-default")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class UsesDefault { }

            [Pipeline("own")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(Image = "ghcr.io/acme/own:1")]
            public sealed partial class Own { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL122").WithLocation(0).WithArguments("not a reference", " (the project default, from HevLayerImage or [assembly: HevLayerDefaults])", "it contains whitespace"));

    [Fact]
    public Task HEVL122_an_empty_own_image_falls_back_to_the_default_which_is_what_is_checked() =>
        VerifyAsync("""
            using HevLayer;
            [assembly: HevLayerDefaults(Image = "ghcr.io/acme/default:1")]

            [Pipeline("empty-own")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(Image = "")]
            public sealed partial class EmptyOwn { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL122_an_empty_image_with_no_default_is_HEVL110_alone() =>
        VerifyAsync("""
            using HevLayer;

            [{|HEVL110:Pipeline("no-image")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(Image = "")]
            public sealed partial class NoImage { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL123_target_namespaces_must_be_dns_labels_listed_once() =>
        VerifyAsync(Header + """
            [Function("targets", Triggers = FunctionTriggers.Write, {|#0:TargetNamespaces = new[] { "products", "Search_Team", "", "products" }|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Targets { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL123").WithLocation(0).WithArguments("Search_Team", "is not a valid namespace name: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"),
            Diagnostic("HEVL123").WithLocation(0).WithArguments("", "is not a valid namespace name: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"),
            Diagnostic("HEVL123").WithLocation(0).WithArguments("products", "is listed more than once"));

    [Fact]
    public Task HEVL124_inputs_must_be_named_trimmed_and_listed_once() =>
        VerifyAsync(Header + """
            [Function("inputs", Triggers = FunctionTriggers.Write, {|#0:Inputs = new[] { "id", " ", "title ", "id" }|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Inputs { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL124").WithLocation(0).WithArguments(" ", "is empty; name an attribute the worker reads"),
            Diagnostic("HEVL124").WithLocation(0).WithArguments("title ", "has white space around it, which is part of the name"),
            Diagnostic("HEVL124").WithLocation(0).WithArguments("id", "is listed more than once"));

    [Theory]
    [InlineData("\"category\", \"Eq\"", "[\"category\", \"Eq\"]", "has 2 elements")]
    [InlineData("\"category\"", "[\"category\"]", "has 1 element")]
    [InlineData("\"a\", \"Eq\", \"b\", \"c\"", "[\"a\", \"Eq\", \"b\", \"c\"]", "has 4 elements")]
    [InlineData("\" \", \"Eq\", \"outdoor\"", "[\" \", \"Eq\", \"outdoor\"]", "names no attribute")]
    [InlineData("\"category\", \"\", \"outdoor\"", "[\"category\", \"\", \"outdoor\"]", "has no operator")]
    public Task HEVL125_a_filter_is_one_comparison_of_attribute_operator_and_value(string elements, string shown, string problem) =>
        VerifyAsync(Header + """
            [Function("filtered", Triggers = FunctionTriggers.Write, {|#0:Filter = new[] { 
            """ + elements + """
             }|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Filtered { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL125").WithLocation(0).WithArguments(shown, problem));

    [Fact]
    public Task HEVL125_the_public_example_filter_and_an_empty_value_are_fine() =>
        VerifyAsync(Header + """
            [Function("outdoor", Triggers = FunctionTriggers.Write, Filter = new[] { "category", "Eq", "outdoor" })]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Outdoor { }

            [Function("blank", Triggers = FunctionTriggers.Write, Filter = new[] { "category", "Eq", "" })]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Blank { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL126_an_empty_or_blank_version_is_reported_and_a_set_version_is_fine() =>
        VerifyAsync(Header + """
            [Function("empty", Triggers = FunctionTriggers.Write, {|HEVL126:Version = ""|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Empty { }

            [Function("blank", Triggers = FunctionTriggers.Write, {|HEVL126:Version = "  "|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Blank { }

            [Function("versioned", Triggers = FunctionTriggers.Write, Version = "v1")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Versioned { }
            """,
            SampleInfraRules);
}

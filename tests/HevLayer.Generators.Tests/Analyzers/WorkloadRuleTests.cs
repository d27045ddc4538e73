using System.Threading.Tasks;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>Workload scaling rules, each squiggling exactly the argument at fault (markup spans).</summary>
public sealed class WorkloadRuleTests
{
    [Fact]
    public Task HEVL001_unknown_pool_is_reported_at_the_pool_argument_with_the_pools_that_exist() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling({|#0:Pool = "gpu-a10"|}, MaxReplicas = 4)]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL001").WithLocation(0).WithArguments("gpu-a10", "infrarules.yaml", "gpu, cpu"));

    [Fact]
    public Task HEVL002_autoscale_checks_max_against_the_ceiling() =>
        VerifyAsync(Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", {|#0:MaxReplicas = 30|})]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL002").WithLocation(0).WithArguments("MaxReplicas", "30", "cpu", "", "20", "infrarules.yaml line 8"));

    [Fact]
    public Task HEVL002_fixed_checks_min_because_that_is_what_runs() =>
        VerifyAsync(Header + """
            [Pipeline("embed")]
            [Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, {|HEVL002:MinReplicas = 5|})]
            public sealed partial class Embed { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL002_disabled_mode_has_no_exemption_every_declared_bound_is_checked() =>
        // Seed: a workload that asks for more replicas than the pool ceiling is left unready; it names no
        // mode as exempt. The issue's own case: disabled with min 30 and max 300 against cpu's 20.
        VerifyAsync(Header + """
            [Pipeline("off-one")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled, {|#0:MinReplicas = 30|}, {|#1:MaxReplicas = 300|})]
            public sealed partial class OffOne { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL002").WithLocation(0).WithArguments("MinReplicas", "30", "cpu", " (disabled mode runs none, but the ceiling applies to what the workload declares)", "20", "infrarules.yaml line 8"),
            Diagnostic("HEVL002").WithLocation(1).WithArguments("MaxReplicas", "300", "cpu", " (disabled mode runs none, but the ceiling applies to what the workload declares)", "20", "infrarules.yaml line 8"));

    [Fact]
    public Task HEVL002_autoscale_with_both_bounds_above_the_ceiling_reports_both() =>
        VerifyAsync(Header + """
            [Pipeline("big")]
            [Scaling(Pool = "gpu", {|HEVL002:MinReplicas = 5|}, {|HEVL002:MaxReplicas = 6|})]
            public sealed partial class Big { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL002_the_ceiling_itself_is_allowed_in_every_mode() =>
        VerifyAsync(Header + """
            [Pipeline("at-ceiling")]
            [Scaling(Pool = "cpu", MaxReplicas = 20)]
            public sealed partial class AtCeiling { }

            [Pipeline("fixed-at-ceiling")]
            [Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, MinReplicas = 4)]
            public sealed partial class FixedAtCeiling { }

            [Pipeline("off-at-ceiling")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled, MinReplicas = 20, MaxReplicas = 20)]
            public sealed partial class OffAtCeiling { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL002_fixed_mode_checks_what_it_writes_not_the_ignored_max() =>
        // Fixed writes max = min; a declared max is ignored (HEVL008 says so) and is not a ceiling breach.
        VerifyAsync(Header + """
            [Pipeline("pinned")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Fixed, MinReplicas = 2, {|HEVL008:MaxReplicas = 50|})]
            public sealed partial class Pinned { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL003_missing_pool_is_reported_at_the_scaling_attribute_or_the_workload() =>
        VerifyAsync(Header + """
            [Pipeline("no-pool")]
            [{|HEVL003:Scaling(MaxReplicas = 2)|}]
            public sealed partial class NoPool { }

            [{|HEVL003:Pipeline("no-scaling")|}]
            public sealed partial class NoScaling { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL004_negative_replicas() =>
        VerifyAsync(Header + """
            [Pipeline("negative")]
            [Scaling(Pool = "cpu", {|HEVL004:MinReplicas = -1|}, MaxReplicas = 2)]
            public sealed partial class Negative { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL005_min_above_max() =>
        VerifyAsync(Header + """
            [Pipeline("inverted")]
            [Scaling(Pool = "cpu", {|HEVL005:MinReplicas = 5|}, MaxReplicas = 2)]
            public sealed partial class Inverted { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL006_autoscale_with_max_zero_or_no_max() =>
        VerifyAsync(Header + """
            [Pipeline("zero")]
            [Scaling(Pool = "cpu", {|HEVL006:MaxReplicas = 0|})]
            public sealed partial class Zero { }

            [Pipeline("unset")]
            [{|HEVL006:Scaling(Pool = "cpu")|}]
            public sealed partial class Unset { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL007_fixed_with_min_zero_is_reported_at_the_mode() =>
        VerifyAsync(Header + """
            [Pipeline("idle")]
            [Scaling(Pool = "cpu", {|HEVL007:Mode = ScalingMode.Fixed|})]
            public sealed partial class Idle { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL008_max_in_fixed_mode_is_ignored() =>
        VerifyAsync(Header + """
            [Pipeline("pinned")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Fixed, MinReplicas = 2, {|HEVL008:MaxReplicas = 5|})]
            public sealed partial class Pinned { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL009_paused_with_a_running_mode_is_a_note_and_paused_with_disabled_is_not() =>
        VerifyAsync(Header + """
            [Pipeline("held", {|HEVL009:Paused = true|})]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Held { }

            [Pipeline("off", Paused = true)]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled)]
            public sealed partial class Off { }
            """,
            SampleInfraRules);

    [Fact]
    public Task HEVL010_a_mode_outside_the_enum_is_an_error_at_the_mode() =>
        VerifyAsync(Header + """
            [Pipeline("odd")]
            [Scaling(Pool = "cpu", {|#0:Mode = (ScalingMode)7|}, MaxReplicas = 2)]
            public sealed partial class Odd { }
            """,
            SampleInfraRules,
            Diagnostic("HEVL010").WithLocation(0).WithArguments("7"));

    [Fact]
    public Task HEVL009_paused_with_an_unknown_mode_is_not_a_note_the_mode_error_is_enough() =>
        VerifyAsync(Header + """
            [Pipeline("odd", Paused = true)]
            [Scaling(Pool = "cpu", {|HEVL010:Mode = (ScalingMode)3|}, MaxReplicas = 2)]
            public sealed partial class Odd { }
            """,
            SampleInfraRules);

    [Fact]
    public Task No_infrarules_skips_pool_checks_and_warns_at_each_pool_where_an_editor_shows_it() =>
        VerifyAsync(Header + """
            [Pipeline("anywhere")]
            [Scaling({|#0:Pool = "no-such-pool"|}, MaxReplicas = 999)]
            public sealed partial class Anywhere { }

            [Pipeline("elsewhere")]
            [Scaling({|#1:Pool = "cpu"|}, MaxReplicas = 2)]
            public sealed partial class Elsewhere { }

            [{|HEVL003:Pipeline("nowhere")|}]
            public sealed partial class Nowhere { }
            """,
            null,
            Diagnostic("HEVL200").WithLocation(0).WithArguments("no-such-pool", "add infrarules.yaml beside the project, or name InfraRules files with the HevLayerInfraRules MSBuild property"),
            Diagnostic("HEVL200").WithLocation(1).WithArguments("cpu", "add infrarules.yaml beside the project, or name InfraRules files with the HevLayerInfraRules MSBuild property"));

    [Fact]
    public async Task The_sample_project_gives_no_diagnostic()
    {
        var test = new Test();
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        // Program.cs uses the generated registry; the generator is not part of an analyzer test.
        foreach (var (path, source) in Cases.SampleWorkers())
        {
            test.TestState.Sources.Add(("/0/" + path, path == "Program.cs" ? "System.Console.WriteLine();" : source));
        }

        test.TestState.AdditionalFiles.Add(("/0/infrarules.yaml", SampleInfraRules));
        await test.RunAsync(System.Threading.CancellationToken.None);
    }

    [Fact]
    public Task A_project_without_workloads_says_nothing_about_infrarules() =>
        VerifyAsync("using HevLayer; public class NotAWorkload { }", null);
}

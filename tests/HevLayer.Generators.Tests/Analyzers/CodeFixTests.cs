using System.Threading.Tasks;
using HevLayer.Generators.CodeFixes;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests.Analyzers;

/// <summary>Each code fix turns the broken declaration into one with no diagnostic.</summary>
public sealed class CodeFixTests
{
    [Theory]
    [InlineData(0, "gpu")]
    [InlineData(1, "cpu")]
    public Task HEVL001_offers_each_existing_pool_closest_name_first(int index, string pool) =>
        new CodeFixVerifier<UnknownPoolFix>(
            Header + """
            [Pipeline("ingest")]
            [Scaling({|HEVL001:Pool = "gpu-a10"|}, MaxReplicas = 4)]
            public sealed partial class Ingest { }
            """,
            Header + $$"""
            [Pipeline("ingest")]
            [Scaling(Pool = "{{pool}}", MaxReplicas = 4)]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules)
        { CodeActionIndex = index, CodeActionEquivalenceKey = index == 0 ? "HEVL001" : "HEVL001:" + pool }.RunAsync();

    [Fact]
    public Task HEVL001_fix_all_picks_each_workloads_closest_pool() =>
        new CodeFixVerifier<UnknownPoolFix>(
            Header + """
            [Pipeline("a")]
            [Scaling({|HEVL001:Pool = "gpu-a10"|}, MaxReplicas = 4)]
            public sealed partial class A { }

            [Pipeline("b")]
            [Scaling({|HEVL001:Pool = "cpus"|}, MaxReplicas = 4)]
            public sealed partial class B { }
            """,
            Header + """
            [Pipeline("a")]
            [Scaling(Pool = "gpu", MaxReplicas = 4)]
            public sealed partial class A { }

            [Pipeline("b")]
            [Scaling(Pool = "cpu", MaxReplicas = 4)]
            public sealed partial class B { }
            """,
            SampleInfraRules)
        { CodeActionEquivalenceKey = "HEVL001" }.RunAsync();

    [Fact]
    public Task HEVL002_clamps_max_to_the_ceiling_in_autoscale_mode() =>
        new CodeFixVerifier<AttributeArgumentFixes>(
            Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", {|HEVL002:MaxReplicas = 30|})]
            public sealed partial class Ingest { }
            """,
            Header + """
            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 20)]
            public sealed partial class Ingest { }
            """,
            SampleInfraRules).RunAsync();

    [Fact]
    public Task HEVL002_clamps_min_in_fixed_mode_and_fixes_all_at_once() =>
        new CodeFixVerifier<AttributeArgumentFixes>(
            Header + """
            [Pipeline("embed")]
            [Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, {|HEVL002:MinReplicas = 8|})]
            public sealed partial class Embed { }

            [Pipeline("index")]
            [Scaling(Pool = "cpu", {|HEVL002:MaxReplicas = 99|})]
            public sealed partial class Index { }
            """,
            Header + """
            [Pipeline("embed")]
            [Scaling(Pool = "gpu", Mode = ScalingMode.Fixed, MinReplicas = 4)]
            public sealed partial class Embed { }

            [Pipeline("index")]
            [Scaling(Pool = "cpu", MaxReplicas = 20)]
            public sealed partial class Index { }
            """,
            SampleInfraRules).RunAsync();

    [Fact]
    public Task HEVL105_adds_partial() =>
        new CodeFixVerifier<MakePartialFix>(
            Header + """
            [Pipeline("a")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed class {|HEVL105:A|} { }

            [Pipeline("b")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            class {|HEVL105:B|} { }
            """,
            Header + """
            [Pipeline("a")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class A { }

            [Pipeline("b")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            partial class B { }
            """,
            SampleInfraRules).RunAsync();

    [Fact]
    public Task HEVL008_removes_max_in_fixed_mode() =>
        new CodeFixVerifier<AttributeArgumentFixes>(
            Header + """
            [Pipeline("pinned")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Fixed, MinReplicas = 2, {|HEVL008:MaxReplicas = 5|})]
            public sealed partial class Pinned { }
            """,
            Header + """
            [Pipeline("pinned")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Fixed, MinReplicas = 2)]
            public sealed partial class Pinned { }
            """,
            SampleInfraRules).RunAsync();

    [Fact]
    public Task HEVL007_switches_fixed_with_min_zero_to_disabled() =>
        new CodeFixVerifier<AttributeArgumentFixes>(
            Header + """
            [Pipeline("idle")]
            [Scaling(Pool = "cpu", {|HEVL007:Mode = ScalingMode.Fixed|}, MinReplicas = 0)]
            public sealed partial class Idle { }
            """,
            Header + """
            [Pipeline("idle")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled, MinReplicas = 0)]
            public sealed partial class Idle { }
            """,
            SampleInfraRules).RunAsync();
}

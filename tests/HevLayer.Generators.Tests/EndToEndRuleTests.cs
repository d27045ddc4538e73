using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The rule catalog through a real `dotnet build` of a consumer of the packed package: the cases a new
/// user tried (a disabled workload over the ceiling, negative counts, [Schedule] on a Pipeline, a paused
/// workload under strict mode, an empty and a non-UTF-8 InfraRules file), each a located diagnostic.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndRuleTests
{
    private const string OffOne = """
        using HevLayer;

        namespace Acme.Workers;

        [Pipeline("off-one")]
        [Scaling(Pool = "cpu", Mode = ScalingMode.Disabled, MinReplicas = 30, MaxReplicas = 300)]
        [Worker(BatchSize = -5, TimeoutSeconds = -1)]
        public partial class OffOne { }

        [Pipeline("scheduled-pipeline")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        [Schedule(DiscoveryIntervalSeconds = 60)]
        public partial class ScheduledPipeline { }

        [Pipeline("held", Paused = true)]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public partial class Held { }
        """;

    [Fact]
    public void Every_case_is_a_located_diagnostic_and_strict_mode_raises_warnings_but_not_notes()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.Write("OffOne.cs", OffOne);
        var sarif = Path.Combine(consumer.Root, "out.sarif");

        var relaxed = consumer.Build("TreatWarningsAsErrors=false", "ErrorLog=" + sarif + ",version=2.1");
        var file = Path.Combine(consumer.ProjectDirectory, "OffOne.cs");
        Assert.NotEqual(0, relaxed.ExitCode);
        AssertOutput(relaxed, $"{file}(6,53): error HEVL002: MinReplicas = 30 is above the ceiling of pool 'cpu' (disabled mode runs none, but the ceiling applies to what the workload declares): it allows at most 20 replicas per workload (infrarules.yaml line 8)");
        AssertOutput(relaxed, $"{file}(6,71): error HEVL002: MaxReplicas = 300 is above the ceiling of pool 'cpu'");
        AssertOutput(relaxed, $"{file}(7,9): warning HEVL120: BatchSize = -5 writes spec.worker.batchSize: -5");
        AssertOutput(relaxed, $"{file}(7,25): warning HEVL120: TimeoutSeconds = -1 writes spec.worker.timeoutSeconds: -1");
        AssertOutput(relaxed, $"{file}(12,2): warning HEVL113: [Schedule] has no effect on 'Acme.Workers.ScheduledPipeline': a Pipeline has no spec.schedule");
        Assert.DoesNotContain("HEVL009", relaxed.Output, StringComparison.Ordinal);
        Assert.Equal("note", SarifLevel(sarif, "HEVL009"));

        var strict = consumer.Build("TreatWarningsAsErrors=false", "HevLayerStrict=true");
        AssertOutput(strict, $"{file}(7,9): error HEVL120");
        AssertOutput(strict, $"{file}(12,2): error HEVL113");
        Assert.DoesNotContain("HEVL009", strict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strict_build_with_a_paused_autoscale_workload_succeeds()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.Write("Held.cs", """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("held", Paused = true)]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public partial class Held { }
            """);

        var strict = consumer.BuildSucceeds("HevLayerStrict=true");

        Assert.DoesNotContain("HEVL009", strict.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer.ManifestsDirectory, "pipeline.search.held.yaml")));
    }

    [Fact]
    public void An_empty_and_a_non_utf8_infrarules_file_are_located_errors_and_nothing_is_checked_against_them()
    {
        using var consumer = ConsumerProject.FromSample();
        Directory.CreateDirectory(Path.Combine(consumer.ProjectDirectory, "deploy"));
        consumer.Write("deploy/empty.yaml", "  \n\n");
        var sample = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "infrarules.yaml"));
        var lines = sample.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("- name: cpu", StringComparison.Ordinal));
        var column = lines[line].IndexOf("cpu", StringComparison.Ordinal) + 2;
        var at = Encoding.UTF8.GetBytes(sample).AsSpan();
        var cpu = sample.IndexOf("- name: cpu", StringComparison.Ordinal) + "- name: c".Length;
        var bytes = at.Slice(0, cpu).ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat(at.Slice(cpu + 1).ToArray()).ToArray();
        File.WriteAllBytes(Path.Combine(consumer.ProjectDirectory, "deploy", "latin.yaml"), bytes);

        var result = consumer.Build("HevLayerInfraRules=deploy/empty.yaml%3Bdeploy/latin.yaml");

        Assert.NotEqual(0, result.ExitCode);
        var deploy = Path.Combine(consumer.ProjectDirectory, "deploy");
        AssertOutput(result, $"{Path.Combine(deploy, "empty.yaml")}(1,1): error HEVL221: The file holds no InfraRules document (it is empty or holds only comments)");
        AssertOutput(result, $"{Path.Combine(deploy, "latin.yaml")}({line + 1},{column}): error HEVL222: The file is not valid UTF-8");
        Assert.DoesNotContain("HEVL200", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HEVL001", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", result.Output, StringComparison.Ordinal);
    }

    private static string? SarifLevel(string sarif, string id)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        foreach (var result in log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            if (result.GetProperty("ruleId").GetString() == id)
            {
                return result.TryGetProperty("level", out var level) ? level.GetString() : "warning";
            }
        }

        return null;
    }

    private static void AssertOutput(ProcessResult result, string expected) =>
        Assert.True(result.Output.Contains(expected, StringComparison.Ordinal), $"Expected in the build output: {expected}\n{result}");
}

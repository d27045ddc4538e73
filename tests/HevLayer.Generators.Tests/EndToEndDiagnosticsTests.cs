using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The analyzers through a real `dotnet build`: located errors in the build output, SARIF, strict
/// mode, and the code fixes from the command line with `dotnet format analyzers`.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndDiagnosticsTests
{
    [Fact]
    public void Broken_scaling_and_infrarules_fail_the_build_with_located_errors_and_sarif()
    {
        using var consumer = ConsumerProject.FromSample();
        Edit(consumer, "IngestDocs.cs", "Pool = \"cpu\", MinReplicas = 0, MaxReplicas = 4", "Pool = \"gpu-a10\", MinReplicas = 0, MaxReplicas = 4");
        Edit(consumer, "EnrichProducts.cs", "MaxReplicas = 8", "MaxReplicas = 30");
        Edit(consumer, "infrarules.yaml", "memory: 8Gi", "memory: 8GB");
        var sarif = Path.Combine(consumer.Root, "out.sarif");

        var result = consumer.Build("ErrorLog=" + sarif);

        Assert.NotEqual(0, result.ExitCode);
        var dir = consumer.ProjectDirectory + Path.DirectorySeparatorChar;
        Assert.Contains($"{dir}IngestDocs.cs(7,10): error HEVL001: Pool 'gpu-a10' is not in InfraRules/default (infrarules.yaml); pools: gpu, cpu", result.Output, StringComparison.Ordinal);
        AssertOutput(result, $"{dir}EnrichProducts.cs(16,41): error HEVL002: MaxReplicas = 30 is above the ceiling of pool 'cpu': it allows at most 20 replicas per workload");
        AssertOutput(result, $"{dir}infrarules.yaml(33,19): error HEVL210: '8GB' in requests.memory is not a Kubernetes quantity");
        Assert.False(Directory.Exists(consumer.ManifestsDirectory), "A failed build must not write manifests.");

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "HEVL001" && Region(r).StartsWith("IngestDocs.cs:7:10", StringComparison.Ordinal));
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "HEVL002" && Region(r).StartsWith("EnrichProducts.cs:16:41", StringComparison.Ordinal));
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "HEVL210" && Region(r).StartsWith("infrarules.yaml:33:19", StringComparison.Ordinal));
    }

    [Fact]
    public void Strict_mode_turns_hevl_warnings_into_errors()
    {
        using var consumer = ConsumerProject.FromSample();
        Edit(consumer, "EmbedChunks.cs", "MinReplicas = 2)", "MinReplicas = 2, MaxReplicas = 3)");

        var relaxed = consumer.BuildSucceeds("TreatWarningsAsErrors=false");
        AssertOutput(relaxed, "warning HEVL008");

        var strict = consumer.Build("TreatWarningsAsErrors=false", "HevLayerStrict=true");
        Assert.NotEqual(0, strict.ExitCode);
        AssertOutput(strict, "EmbedChunks.cs(7,67): error HEVL008");
    }

    [Fact]
    public void Editorconfig_sets_a_rules_severity()
    {
        using var consumer = ConsumerProject.FromSample();
        Edit(consumer, "EnrichProducts.cs", "MaxReplicas = 8", "MaxReplicas = 30");
        File.WriteAllText(Path.Combine(consumer.Root, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.HEVL002.severity = warning\n");

        var result = consumer.BuildSucceeds("TreatWarningsAsErrors=false");

        AssertOutput(result, "warning HEVL002");
    }

    [Fact]
    public void Dotnet_format_applies_every_fix_from_the_command_line()
    {
        using var consumer = ConsumerProject.FromSample();
        Edit(consumer, "IngestDocs.cs", "Pool = \"cpu\"", "Pool = \"cpus\"");
        Edit(consumer, "IngestDocs.cs", "public sealed partial class IngestDocs", "public sealed class IngestDocs");
        Edit(consumer, "EnrichProducts.cs", "MaxReplicas = 8", "MaxReplicas = 30");
        Edit(consumer, "EmbedChunks.cs", "MinReplicas = 2)", "MinReplicas = 9, MaxReplicas = 12)");
        consumer.Write("Idle.cs", """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("idle")]
            [Scaling(Pool = "cpu", Mode = ScalingMode.Fixed, MinReplicas = 0)]
            public sealed partial class Idle { }
            """);
        Assert.NotEqual(0, consumer.Build().ExitCode);

        // One id per run, as the README shows: dotnet format computes diagnostics once per run, so fixes
        // of several ids in one document would work from stale positions.
        foreach (var id in new[] { "HEVL001", "HEVL002", "HEVL105", "HEVL008", "HEVL007" })
        {
            var format = ProcessRunner.Run(
                "dotnet",
                new[] { "format", "analyzers", consumer.ProjectFile, "--diagnostics", id, "--severity", "warn", "--no-restore" },
                consumer.Root,
                TimeSpan.FromMinutes(5));
            Assert.True(format.ExitCode == 0 && !format.Output.Contains("Unable to fix", StringComparison.Ordinal), id + ": " + format);
        }

        var ingest = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "IngestDocs.cs"));
        Assert.Contains("[Scaling(Pool = \"cpu\", MinReplicas = 0, MaxReplicas = 4)]", ingest, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class IngestDocs", ingest, StringComparison.Ordinal);
        Assert.Contains("[Scaling(Pool = \"cpu\", MinReplicas = 1, MaxReplicas = 20)]", File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "EnrichProducts.cs")), StringComparison.Ordinal);
        Assert.Contains("Mode = ScalingMode.Fixed, MinReplicas = 4)]", File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "EmbedChunks.cs")), StringComparison.Ordinal);
        Assert.Contains("Mode = ScalingMode.Disabled, MinReplicas = 0)]", File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "Idle.cs")), StringComparison.Ordinal);
        consumer.BuildSucceeds();
    }

    [Fact]
    public void HevLayerInfraRules_names_rendered_helm_output_and_a_missing_file_is_an_error()
    {
        using var consumer = ConsumerProject.FromSample();
        Directory.CreateDirectory(Path.Combine(consumer.ProjectDirectory, "deploy"));
        var rules = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "infrarules.yaml")).Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: 6", StringComparison.Ordinal);
        consumer.Write("deploy/rendered.yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: layer\n---\n" + rules);

        var result = consumer.Build("HevLayerInfraRules=deploy/rendered.yaml");
        AssertOutput(result, "EnrichProducts.cs(16,41): error HEVL002: MaxReplicas = 8 is above the ceiling of pool 'cpu': it allows at most 6 replicas per workload (rendered.yaml line 14)");

        var missing = consumer.Build("HevLayerInfraRules=deploy/missing.yaml");
        Assert.NotEqual(0, missing.ExitCode);
        AssertOutput(missing, "error HEVL218: The InfraRules file 'deploy/missing.yaml' named by HevLayerInfraRules does not exist.");
    }

    private static void AssertOutput(ProcessResult result, string expected) =>
        Assert.True(result.Output.Contains(expected, StringComparison.Ordinal), $"Expected in the build output: {expected}\n{result}");

    private static string Region(JsonElement result)
    {
        var location = result.GetProperty("locations")[0];
        if (location.TryGetProperty("physicalLocation", out var physical))
        {
            var file = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            var region = physical.GetProperty("region");
            return $"{Path.GetFileName(file)}:{region.GetProperty("startLine").GetInt32()}:{region.GetProperty("startColumn").GetInt32()}";
        }

        var resultFile = location.GetProperty("resultFile");
        var v1Region = resultFile.GetProperty("region");
        return $"{Path.GetFileName(resultFile.GetProperty("uri").GetString()!)}:{v1Region.GetProperty("startLine").GetInt32()}:{v1Region.GetProperty("startColumn").GetInt32()}";
    }

    private static void Edit(ConsumerProject consumer, string file, string from, string to)
    {
        var path = Path.Combine(consumer.ProjectDirectory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}

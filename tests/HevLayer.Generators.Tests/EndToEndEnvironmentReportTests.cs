using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// What CI reads of a build with environments (issue 25: "the summary table and SARIF carry the environment"),
/// through a packed consumer's real `dotnet build` with the clusters: dev has a cpu ceiling of 2, prod a
/// cpu ceiling of 20. The build log and HevLayerSummaryFile get one table per environment, named after it, with
/// that environment's ceiling. In the SARIF log (2.1) the compiler writes the analyzer's message, which names the
/// environment ("in dev: "), and the diagnostic's properties under properties.customProperties, where the analyzer's
/// "environments" property lists the environments the finding holds in.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndEnvironmentReportTests
{
    [Fact]
    public void The_summary_has_one_table_per_environment_named_after_it_with_its_own_ceiling()
    {
        using var consumer = EnvironmentConsumer.Create(EnvironmentConsumer.DevAndProd, """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 2)]
            public sealed partial class IngestDocs { }
            """);
        var summary = Path.Combine(consumer.Root, "summary.md");

        var build = consumer.BuildSucceeds("HevLayerSummaryFile=" + summary);

        // The log: a table per environment, its first line naming the environment and the InfraRules it was checked against.
        var lines = build.Output.Split('\n').Select(l => l.Trim()).ToList();
        var dev = lines.FindIndex(l => l == "HevLayer summary for Consumer, environment dev (InfraRules: dev.yaml)");
        var prod = lines.FindIndex(l => l == "HevLayer summary for Consumer, environment prod (InfraRules: prod.yaml)");
        Assert.True(dev >= 0 && prod >= 0, build.ToString());
        Assert.Equal(new[] { "search/ingest-docs", "Pipeline", "cpu", "autoscale", "0..2", "2", "0" }, Cells(lines[dev + 2]));
        Assert.Equal(new[] { "search/ingest-docs", "Pipeline", "cpu", "autoscale", "0..2", "20", "18" }, Cells(lines[prod + 2]));

        // The Markdown: the same two tables, each under a heading that names its environment.
        var markdown = File.ReadAllText(summary);
        var devTable = markdown.IndexOf("### HevLayer: Consumer, environment dev\n\nInfraRules: dev.yaml\n", StringComparison.Ordinal);
        var prodTable = markdown.IndexOf("### HevLayer: Consumer, environment prod\n\nInfraRules: prod.yaml\n", StringComparison.Ordinal);
        Assert.True(devTable >= 0 && prodTable > devTable, markdown);
        var devRow = markdown.IndexOf("| search/ingest-docs | Pipeline | cpu | autoscale | 0..2 | 2 | 0 |", StringComparison.Ordinal);
        var prodRow = markdown.IndexOf("| search/ingest-docs | Pipeline | cpu | autoscale | 0..2 | 20 | 18 |", StringComparison.Ordinal);
        Assert.True(devTable < devRow && devRow < prodTable && prodTable < prodRow, markdown);
    }

    [Fact]
    public void The_sarif_result_of_a_finding_of_dev_only_names_dev_in_its_message_and_its_properties()
    {
        using var consumer = EnvironmentConsumer.Create(EnvironmentConsumer.DevAndProd, """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 4)]
            public sealed partial class IngestDocs { }

            [Pipeline("embed-chunks")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(BatchSize = -5)]
            public sealed partial class EmbedChunks { }
            """);
        var sarif = Path.Combine(consumer.Root, "out.sarif");

        // %2C: a bare ',' would end the property on the command line, and the log would be SARIF 1.0.
        var build = consumer.Build("ErrorLog=" + sarif + "%2Cversion=2.1");

        Assert.NotEqual(0, build.ExitCode);
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("HEVL", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, results.Count);
        var result = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "HEVL002");
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.StartsWith("in dev: MaxReplicas = 4 is above the ceiling of pool 'cpu'", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("/Workers.cs", region.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, region.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("dev", Environments(result));

        // A finding that holds in every environment is about the declaration itself: once, unnamed in its message,
        // and its properties list every environment.
        var everywhere = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "HEVL120");
        Assert.StartsWith("BatchSize = -5 writes spec.worker.batchSize: -5", everywhere.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("dev,prod", Environments(everywhere));
    }

    /// <summary>The environments property the analyzer puts on a finding, as the compiler's SARIF writer records it.</summary>
    private static string? Environments(JsonElement result) =>
        result.TryGetProperty("properties", out var properties) && properties.TryGetProperty("customProperties", out var custom) && custom.TryGetProperty("environments", out var environments)
            ? environments.GetString()
            : throw new Xunit.Sdk.XunitException("no properties.customProperties.environments in " + result);

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

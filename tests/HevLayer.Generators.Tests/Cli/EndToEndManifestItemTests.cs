using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// A project that keeps hand-written manifests during a migration lists them as <c>HevLayerManifest</c>;
/// a real `dotnet build` of a consumer of the packed package checks them with the same rules, located in the
/// YAML, in the build output and in SARIF, and a workload declared in both C# and YAML is HEVL103.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndManifestItemTests
{
    [Fact]
    public void Listed_manifests_are_checked_in_the_build_with_located_diagnostics_and_duplicates()
    {
        using var consumer = ConsumerProject.FromSample();
        var deploy = Path.Combine(consumer.ProjectDirectory, "deploy", "search");
        Directory.CreateDirectory(deploy);
        var handWritten = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cli", "Manifests", "gitops", "search", "ingest.yaml"))
            .Replace("max: 12", "max: 40", StringComparison.Ordinal)
            .Replace("tier: \"2\"", "tier: 2  ", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(deploy, "ingest.yaml"), handWritten);
        var project = File.ReadAllText(consumer.ProjectFile).Replace("</Project>", "  <ItemGroup>\n    <HevLayerManifest Include=\"deploy/**/*.yaml\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal);
        File.WriteAllText(consumer.ProjectFile, project);
        var sarif = Path.Combine(consumer.Root, "out.sarif");

        var result = consumer.Build("ErrorLog=" + sarif);

        Assert.NotEqual(0, result.ExitCode);
        ConsumerProject.AssertAnalyzersLoaded(result);
        var yaml = Path.Combine(deploy, "ingest.yaml");
        Assert.True(result.Output.Contains($"{yaml}(10,11): error HEVL503: metadata.labels.tier must be a string", StringComparison.Ordinal), result.ToString());
        Assert.True(result.Output.Contains($"{yaml}(24,29): error HEVL002: MaxReplicas = 40 is above the ceiling of pool 'cpu'", StringComparison.Ordinal), result.ToString());

        // The sample declares search/ingest-docs and search/embed-chunks in C# too.
        var duplicate = "error HEVL103: Pipeline 'ingest-docs' in namespace 'search' is declared by both ";
        Assert.True(result.Output.Contains($"{yaml}(6,9): {duplicate}", StringComparison.Ordinal), result.ToString());
        Assert.True(result.Output.Split('\n').Any(l => l.Contains("IngestDocs.cs(", StringComparison.Ordinal) && l.Contains(duplicate, StringComparison.Ordinal) && l.Contains("ingest.yaml(6,9)", StringComparison.Ordinal)), result.ToString());

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "HEVL002" && Uri(r).EndsWith("deploy/search/ingest.yaml", StringComparison.Ordinal));
    }

    private static string Uri(JsonElement result)
    {
        var location = result.GetProperty("locations")[0];
        return (location.TryGetProperty("physicalLocation", out var physical)
            ? physical.GetProperty("artifactLocation").GetProperty("uri").GetString()
            : location.GetProperty("resultFile").GetProperty("uri").GetString()) ?? string.Empty;
    }
}

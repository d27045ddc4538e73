using System.Linq;
using HevLayer.Build;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.InfraRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>The build summary: rows from the summary lines the generator embeds, and the log's choice of rows.</summary>
public sealed class BuildSummaryTests
{
    private static readonly InfraRulesModel Rules = InfraRulesModel.From("infrarules.yaml", InfraRulesReader.Read("infrarules.yaml", AnalyzerVerifier.SampleInfraRules).Spec!);

    [Fact]
    public void The_summary_rows_agree_with_the_yaml_the_build_writes()
    {
        var output = GeneratorHarness.Run(GeneratorHarness.Compile(Cases.SampleWorkers()).WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication))).Output;
        var manifests = Emitted.Manifests(output);

        var fromLines = BuildSummary.Rows(manifests, Rules);
        var fromYaml = manifests.Select(FromYaml).OrderBy(r => r.Workload, System.StringComparer.Ordinal).ToList();
        Assert.Equal(fromYaml, fromLines);
        Assert.Contains(new SummaryRow("search/embed-chunks", "Pipeline", "gpu", "fixed", 2, 2, 4), fromLines);
        Assert.Equal(2, fromLines.Single(r => r.Workload == "search/embed-chunks").Headroom);
    }

    private static SummaryRow FromYaml(RenderedManifest manifest)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new System.IO.StringReader(manifest.Yaml));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var metadata = root["metadata"];
        var scaling = root["spec"]["scaling"];
        var pool = scaling["pool"].ToString();
        return new SummaryRow(
            metadata["namespace"] + "/" + metadata["name"],
            root["kind"].ToString(),
            pool,
            scaling["mode"].ToString(),
            int.Parse(scaling["replicas"]["min"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(scaling["replicas"]["max"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            Rules.Find(pool)?.MaxReplicasPerWorkload);
    }

    [Fact]
    public void The_log_shows_the_workloads_closest_to_their_ceilings_first()
    {
        var rows = Enumerable.Range(0, 30)
            .Select(i => new SummaryRow($"ns/w{i:D2}", "Pipeline", "cpu", "autoscale", 0, i % 20, 20))
            .Append(new SummaryRow("ns/unknown-pool", "Pipeline", "nope", "autoscale", 0, 1, null))
            .ToList();

        var shown = BuildSummary.Tightest(rows);

        Assert.Equal(BuildSummary.ConsoleRows, shown.Count);
        Assert.Equal("ns/unknown-pool", shown[0].Workload);
        Assert.Equal(1, shown[1].Headroom);
        Assert.True(shown.Zip(shown.Skip(1)).All(p => (p.First.Headroom ?? long.MinValue) <= (p.Second.Headroom ?? long.MinValue)));
    }

    [Theory]
    // Seed: the ceiling is the "hard ceiling for one Pipeline or Function", with no exception by mode, so
    // headroom is the ceiling less the larger replica bound the manifest carries, whatever the mode.
    [InlineData("autoscale", 1, 8, 20, 12)]
    [InlineData("autoscale", 0, 20, 20, 0)]
    [InlineData("fixed", 3, 3, 4, 1)]
    [InlineData("disabled", 0, 0, 20, 20)]
    [InlineData("disabled", 30, 300, 20, -280)]
    [InlineData("disabled", 25, 5, 20, -5)]
    public void Headroom_is_the_ceiling_less_the_largest_declared_bound_in_every_mode(string mode, int min, int max, long ceiling, long headroom)
    {
        Assert.Equal(headroom, new SummaryRow("ns/w", "Pipeline", "cpu", mode, min, max, ceiling).Headroom);
    }

    [Fact]
    public void Headroom_is_unknown_without_a_ceiling()
    {
        Assert.Null(new SummaryRow("ns/w", "Pipeline", "cpu", "fixed", 3, 3, null).Headroom);
    }
}

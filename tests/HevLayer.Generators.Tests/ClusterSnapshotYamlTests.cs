using System.Text.Json;
using HevLayer.Build;
using HevLayer.Policy.InfraRules;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>The cluster's JSON written as the YAML snapshot the analyzers read: no value changes type on the way.</summary>
public sealed class ClusterSnapshotYamlTests
{
    [Fact]
    public void The_seeds_object_as_the_server_returns_it_reads_back_with_no_finding_and_its_ceiling()
    {
        const string Json = """
            {"apiVersion":"hevlayer.com/v1alpha1","kind":"InfraRules","metadata":{"name":"default","uid":"1f","resourceVersion":"42","creationTimestamp":"2026-11-24T10:00:00Z"},
             "spec":{"computePools":[{"name":"cpu","kind":"cpu","maxReplicasPerWorkload":20,"nodeSelector":{"karpenter.sh/nodepool":"cpu"},"tolerations":[],
               "resources":{"requests":{"cpu":"500m","memory":"512Mi"},"limits":{"memory":"1Gi"}}}],
              "documentCache":{"capGiB":256,"replicationFactor":1,"scaling":{"mode":"autoscale","nodes":{"min":1,"max":3}}}}}
            """;
        using var document = JsonDocument.Parse(Json);

        var yaml = ClusterSnapshotYaml.Write(document.RootElement);
        var read = InfraRulesReader.Read("snapshot.yaml", yaml);

        Assert.Empty(read.Findings);
        Assert.Equal(20, read.Spec!.Pools[0].MaxReplicasPerWorkload!.Value);
        Assert.Contains("maxReplicasPerWorkload: 20\n", yaml, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\r", yaml, System.StringComparison.Ordinal);
        Assert.Equal(yaml, ClusterSnapshotYaml.Write(document.RootElement));
    }

    [Theory]
    [InlineData("\"20\"", "spec.computePools[].maxReplicasPerWorkload")]
    [InlineData("\"true\"", "spec.computePools[].maxReplicasPerWorkload")]
    [InlineData("null", "spec.computePools[].maxReplicasPerWorkload")]
    public void A_string_or_null_where_a_number_belongs_stays_one_and_is_reported(string value, string field)
    {
        using var document = JsonDocument.Parse("{\"apiVersion\":\"hevlayer.com/v1alpha1\",\"kind\":\"InfraRules\",\"metadata\":{\"name\":\"default\"},\"spec\":{\"computePools\":[{\"name\":\"cpu\",\"kind\":\"cpu\",\"maxReplicasPerWorkload\":" + value + "}]}}");

        var read = InfraRulesReader.Read("snapshot.yaml", ClusterSnapshotYaml.Write(document.RootElement));

        Assert.Contains(read.Findings, f => f.RuleId is "HEVL217" or "HEVL208" && f.Message.Contains(field.Split('.')[^1], System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("\"0x1F\"")]
    [InlineData("\"multi\\nline: # not a comment\"")]
    [InlineData("\"\\u00e9\\u65e5 \\ud83d\\ude00\"")]
    public void Every_string_reads_back_as_the_same_string(string json)
    {
        using var document = JsonDocument.Parse("{\"apiVersion\":\"hevlayer.com/v1alpha1\",\"kind\":\"InfraRules\",\"metadata\":{\"name\":\"default\"},\"spec\":{\"computePools\":[{\"name\":" + json + ",\"kind\":\"cpu\",\"maxReplicasPerWorkload\":3}]}}");
        var expected = JsonDocument.Parse(json).RootElement.GetString();

        var read = InfraRulesReader.Read("snapshot.yaml", ClusterSnapshotYaml.Write(document.RootElement));

        Assert.Equal(expected, read.Spec!.Pools[0].Name!.Value);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The details mutation testing showed no test held (docs/mutation-testing.md): what a message says in each
/// branch, where a finding points, how positions count line breaks, how message holes are compiled, and that
/// the facts channel carries every optional count alone and in pairs. Workloads are written as manifests,
/// read by the manifest reader, and checked by the catalog.
/// </summary>
public sealed class RuleDetailTests
{
    private const string InfraRules = """
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata: {name: default}
        spec:
          computePools:
            - {name: cpu, kind: cpu, maxReplicasPerWorkload: 20}
            - {name: cpa, kind: cpu, maxReplicasPerWorkload: 20}
            - {name: gpu, kind: gpu, maxReplicasPerWorkload: 4}
        """;

    [Theory]
    [InlineData("fixed", "whatever its fixed mode")]
    [InlineData("autoscale", "whatever its autoscale mode")]
    public void A_paused_workload_names_the_mode_it_overrides(string mode, string expected)
    {
        var finding = Single(Check(Workload($"paused: true\n  scaling: {{pool: cpu, mode: {mode}, replicas: {{min: 1, max: 2}}}}")), "HEVL009");
        Assert.Contains(expected, finding.Finding.Message, StringComparison.Ordinal);
        Assert.Equal("spec.paused", finding.Field);
    }

    [Fact]
    public void A_missing_pool_lists_the_pools_and_points_at_scaling_or_the_workload()
    {
        var withScaling = Single(Check(Workload("scaling: {replicas: {max: 2}}")), "HEVL003");
        Assert.Contains("one of: cpu, cpa, gpu", withScaling.Finding.Message, StringComparison.Ordinal);
        Assert.Equal(WorkloadTarget.On("Scaling"), withScaling.Finding.Target);

        var withoutScaling = Single(Check(Workload("paused: false")), "HEVL003");
        Assert.Equal(WorkloadTarget.Workload, withoutScaling.Finding.Target);

        var noPools = Single(Check(Workload("scaling: {replicas: {max: 2}}"), "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata: {name: default}\nspec: {computePools: []}\n"), "HEVL003");
        Assert.Contains("(none)", noPools.Finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_pool_lists_the_closest_pools_first_then_by_name()
    {
        var finding = Single(Check(Workload("scaling: {pool: cpx, replicas: {max: 2}}")), "HEVL001");
        Assert.EndsWith("pools: cpa, cpu, gpu", finding.Finding.Message, StringComparison.Ordinal);

        var none = Single(Check(Workload("scaling: {pool: cpx, replicas: {max: 2}}"), "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata: {name: default}\nspec: {computePools: []}\n"), "HEVL001");
        Assert.EndsWith("pools: (none)", none.Finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Autoscale_with_no_max_points_at_scaling_and_with_max_0_at_the_max()
    {
        Assert.Equal(WorkloadTarget.On("Scaling"), Single(Check(Workload("scaling: {pool: cpu}")), "HEVL006").Finding.Target);
        Assert.Equal(WorkloadTarget.On("Scaling", "MaxReplicas"), Single(Check(Workload("scaling: {pool: cpu, replicas: {max: 0}}")), "HEVL006").Finding.Target);
    }

    [Fact]
    public void A_label_with_a_bad_key_and_value_reports_the_key_and_one_with_a_bad_value_the_value()
    {
        var both = Single(Check(Workload("scaling: {pool: cpu, replicas: {max: 2}}", labels: "\"-bad\": \"-also bad\"")), "HEVL111");
        Assert.Contains("'-bad'", both.Finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the value", both.Finding.Message, StringComparison.Ordinal);
        var value = Single(Check(Workload("scaling: {pool: cpu, replicas: {max: 2}}", labels: "team: \"-bad\"")), "HEVL111");
        Assert.Contains("the value", value.Finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_image_names_the_kind()
    {
        var yaml = "apiVersion: hevlayer.com/v1alpha1\nkind: Function\nmetadata: {name: f}\nspec:\n  triggers: [write]\n  scaling: {pool: cpu, replicas: {max: 2}}\n";
        var finding = Single(Check(yaml), "HEVL110");
        Assert.StartsWith("Function 'f' has no worker image", finding.Finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_findings_name_the_pool_or_say_it_has_no_name_or_kind()
    {
        const string Yaml = """
            apiVersion: hevlayer.com/v1alpha1
            kind: InfraRules
            metadata: {name: default}
            spec:
              computePools:
                - {gpuType: nvidia-l4, maxReplicasPerWorkload: 2}
                - {name: "", kind: cpu, maxReplicasPerWorkload: 2}
            """;
        var file = InfraRulesReader.Read("i.yaml", Yaml);
        var gpu = file.Findings.Single(f => f.RuleId == "HEVL209");
        Assert.Contains("(unnamed)", gpu.Message, StringComparison.Ordinal);
        Assert.Contains("(missing)", gpu.Message, StringComparison.Ordinal);
        var unnamed = file.Findings.Where(f => f.RuleId == "HEVL207").Select(f => f.Span!.StartLine + ":" + f.Span.StartColumn).ToList();
        Assert.Equal(new[] { "6:7", "7:14" }, unnamed); // the pool without a name at its start; the empty name at the name
    }

    [Theory]
    [InlineData("a\nb", 2, 2, 1)] // the 'b'
    [InlineData("a\r\nb", 3, 2, 1)] // CR LF is one line break
    [InlineData("a\rb", 2, 2, 1)] // a lone CR is a line break
    [InlineData("a\r\rb", 3, 3, 1)]
    [InlineData("ab\r", 3, 2, 1)] // a CR at the very end
    [InlineData("abc", 3, 1, 4)] // the end of the text
    public void Positions_count_lines_as_editors_do(string text, int offset, int line, int column)
    {
        var span = SourceSpan.AtOffset("f", text, offset);
        Assert.Equal((line, column), (span.StartLine, span.StartColumn));
        Assert.Equal(offset < text.Length ? offset + 1 : offset, span.End);
    }

    [Fact]
    public void Properties_keep_the_order_they_were_added_in()
    {
        var finding = InternalRules.InternalError.At(WorkloadTarget.Type, ("subject", "s"), ("exception", "e"), ("detail", "d")).With("a", "1").With("b", "2");
        Assert.Equal(new[] { "a", "b" }, finding.Properties.Select(p => p.Key));
    }

    [Fact]
    public void Message_holes_are_named_identifiers_and_double_braces_are_literal()
    {
        var rule = new ReportedRule("HEVL999", RuleSeverity.Error, RuleArea.Internal, RuleBasis.Tool, RuleReporter.Build, "t", "{{literal}} {a1} and {B} then {a1} }}");
        Assert.Equal(new[] { "a1", "B" }, rule.Parameters);
        Assert.Equal("{{literal}} {0} and {1} then {0} }}", rule.PositionalMessage);
        Assert.Equal("{literal} x and y then x }", rule.Render(rule.At(WorkloadTarget.Type, ("B", "y"), ("a1", "x"))));

        foreach (var bad in new[] { "a } b", "{}", "{a-b}", "{a b}", "{unclosed", "{é}", "ends with }", "ends with {" })
        {
            Assert.Throws<ArgumentException>(() => new ReportedRule("HEVL998", RuleSeverity.Error, RuleArea.Internal, RuleBasis.Tool, RuleReporter.Build, "t", bad));
        }

        Assert.Throws<ArgumentException>(() => rule.At(WorkloadTarget.Type, ("a1", "x")));
        Assert.Throws<ArgumentException>(() => rule.At(WorkloadTarget.Type, ("a1", "x"), ("a1", "y")));
        Assert.Throws<ArgumentException>(() => rule.At(WorkloadTarget.Type, ("a1", "x"), ("C", "y")));
    }

    [Fact]
    public void A_gpu_type_on_a_named_cpu_pool_names_the_pool_and_its_kind()
    {
        var file = InfraRulesReader.Read("i.yaml", "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata: {name: default}\nspec:\n  computePools:\n    - {name: small, kind: cpu, gpuType: nvidia-l4, maxReplicasPerWorkload: 2}\n");
        var finding = file.Findings.Single(f => f.RuleId == "HEVL209");
        Assert.Contains("'small'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'cpu'", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void A_ceiling_of_1_allows_exactly_one_replica(int max, bool breach)
    {
        var rules = "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata: {name: default}\nspec:\n  computePools:\n    - {name: cpu, kind: cpu, maxReplicasPerWorkload: 1}\n";
        var findings = Check(Workload($"scaling: {{pool: cpu, replicas: {{max: {max}}}}}"), rules);
        Assert.Equal(breach, findings.Any(f => f.Finding.RuleId == "HEVL002"));
    }

    [Fact]
    public void An_invalid_project_namespace_is_reported_on_a_workload_without_its_own()
    {
        var model = WorkloadManifestReader.Read("w.yaml", Workload("scaling: {pool: cpu, replicas: {max: 2}}")).Workloads[0].Declared;
        var context = new WorkloadContext(model, new DeclarationShape("P", true, null, null, null, false), new ProjectDefaults("Bad_Namespace", null), null, true);

        var finding = Assert.Single(RuleCatalog.Check(context), f => f.RuleId == "HEVL102");

        Assert.Equal(WorkloadTarget.Workload, finding.Target);
        Assert.Contains("'Bad_Namespace'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("project default", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hole_names_take_every_letter_and_digit_and_braces_may_end_the_message()
    {
        var rule = new ReportedRule("HEVL997", RuleSeverity.Error, RuleArea.Internal, RuleBasis.Tool, RuleReporter.Build, "t", "{A9}{Z0}{m}{{");
        Assert.Equal(new[] { "A9", "Z0", "m" }, rule.Parameters);
        Assert.Equal("{0}{1}{2}{{", rule.PositionalMessage);
    }

    [Fact]
    public void The_facts_channel_keeps_a_pipeline_a_pipeline_and_a_managed_by_label_that_is_not_ours()
    {
        var labels = new EquatableArray<KeyValue>(new[] { new KeyValue("app.kubernetes.io/managed-by", "argo"), new KeyValue("owner", "hevlayer-generators") });
        var model = new WorkloadModel(
            WorkloadKind.Pipeline, "p", "ns", false, labels, EquatableArray<KeyValue>.Empty,
            new ScalingModel("cpu", Policy.Model.ScalingMode.Autoscale, 0, 2), new WorkerModel("x:1", null, null), null, null, "T");

        var back = WorkloadFacts.From(model).ToModel();

        Assert.Null(back.Function);
        Assert.Equal(ManifestWriter.Write(model), ManifestWriter.Write(back));
        Assert.Contains(new KeyValue("app.kubernetes.io/managed-by", "argo"), back.Labels);
        Assert.Contains(new KeyValue("owner", "hevlayer-generators"), back.Labels);
    }

    public static TheoryData<int[]> OptionalCounts()
    {
        var data = new TheoryData<int[]>();
        for (var i = 0; i < 9; i++)
        {
            data.Add(new[] { i });
        }

        data.Add(new[] { 0, 8 });
        data.Add(new[] { 2, 4 });
        data.Add(new[] { 4, 5 });
        data.Add(new[] { 1, 6, 7 });
        return data;
    }

    [Theory]
    [MemberData(nameof(OptionalCounts))]
    public void The_facts_channel_carries_each_optional_count_alone_and_with_others(int[] set)
    {
        int? Value(int i) => Array.IndexOf(set, i) >= 0 ? 10 + i : null;
        var schedule = set.Any(i => i is >= 5 and <= 8) ? new ScheduleModel(Value(5), Value(6), Value(7), Value(8)) : null;
        var retry = set.Any(i => i is >= 2 and <= 4) ? new RetryModel(Value(2), Value(3), Value(4)) : null;
        var model = new WorkloadModel(
            WorkloadKind.Function, "f", "ns", false, EquatableArray<KeyValue>.Empty, EquatableArray<KeyValue>.Empty,
            new ScalingModel("cpu", Policy.Model.ScalingMode.Autoscale, 0, 2), new WorkerModel("x:1", Value(0), Value(1)), retry,
            new FunctionModel(Policy.Model.FunctionTriggers.Write, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, EquatableArray<string>.Empty, schedule),
            "T");

        var back = WorkloadFacts.From(model).ToModel();

        Assert.Equal(ManifestWriter.Write(model), ManifestWriter.Write(back));
        Assert.Equal(retry, back.Retry);
        Assert.Equal(schedule, back.Function!.Schedule);
        Assert.Equal(model.Worker, back.Worker);
    }

    private static string Workload(string specLine, string? labels = null) =>
        "apiVersion: hevlayer.com/v1alpha1\nkind: Pipeline\nmetadata:\n  name: p\n"
        + (labels is null ? string.Empty : "  labels: {" + labels + "}\n")
        + "spec:\n  worker: {image: \"x:1\"}\n  " + specLine + "\n";

    private static IReadOnlyList<ManifestFinding> Check(string yaml, string infraRules = InfraRules)
    {
        var rules = InfraRulesReader.Read("infrarules.yaml", infraRules);
        return ManifestCheck.Check(new[] { WorkloadManifestReader.Read("w.yaml", yaml) }, InfraRulesModel.From("infrarules.yaml", rules.Spec!), infraRulesNamed: true);
    }

    private static ManifestFinding Single(IReadOnlyList<ManifestFinding> findings, string id)
    {
        var matching = findings.Where(f => f.Finding.RuleId == id).ToList();
        Assert.True(matching.Count == 1, id + " in: " + string.Join("\n", findings.Select(f => f.Finding.RuleId + " " + f.Finding.Message)));
        return matching[0];
    }
}

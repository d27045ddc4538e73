using System;
using System.IO;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Generators.Tests;

using FunctionTriggers = HevLayer.Policy.Model.FunctionTriggers;
using ScalingMode = HevLayer.Policy.Model.ScalingMode;

/// <summary>The plain domain core: quoting, names, scaling semantics, and the enums users write.</summary>
public sealed class PolicyTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("app.kubernetes.io/name")]
    [InlineData("")]
    [InlineData("true")]
    [InlineData("Yes")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("42")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData(".5")]
    [InlineData("-dash")]
    [InlineData("a: b")]
    [InlineData("# not a comment")]
    [InlineData("ghcr.io/acme/workers:1.2")]
    [InlineData("  leading and trailing  ")]
    [InlineData("multi\nline\r\nwith\ttab")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("unicode é 😀 \u2028 \u0085 \u0001")]
    [InlineData("{flow: [x]}")]
    [InlineData("&anchor *alias !tag %directive @at `tick`")]
    public void Every_scalar_reads_back_as_the_same_string(string value)
    {
        var yaml = new YamlWriter().Scalar("key", value).Scalar(value, "as-key").ToString();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var map = (YamlMappingNode)stream.Documents[0].RootNode;

        var scalar = (YamlScalarNode)map["key"];
        Assert.Equal(value, scalar.Value);
        Assert.True(scalar.Style != YamlDotNet.Core.ScalarStyle.Plain || YamlScalar.Format(value) == value);
        Assert.Equal("as-key", map[new YamlScalarNode(value)].ToString());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("")]
    public void Scalars_another_reader_would_retype_are_quoted(string value)
    {
        Assert.StartsWith("\"", YamlScalar.Format(value), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("ingest-docs", true)]
    [InlineData("a1-b2", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("Upper", false)]
    [InlineData("under_score", false)]
    [InlineData("dot.ted", false)]
    [InlineData("../escape", false)]
    [InlineData("ünï", false)]
    public void Names_must_be_rfc1123_labels(string? name, bool valid)
    {
        Assert.Equal(valid, KubernetesNames.IsDnsLabel(name));
    }

    [Fact]
    public void A_name_of_63_characters_is_a_label_and_64_is_not()
    {
        Assert.True(KubernetesNames.IsDnsLabel(new string('a', 63)));
        Assert.False(KubernetesNames.IsDnsLabel(new string('a', 64)));
    }

    [Theory]
    [InlineData(ScalingMode.Autoscale, 1, 6, 6, 6)]
    [InlineData(ScalingMode.Autoscale, 0, null, 0, 0)]
    [InlineData(ScalingMode.Fixed, 3, 50, 3, 3)]
    [InlineData(ScalingMode.Fixed, 3, null, 3, 3)]
    [InlineData(ScalingMode.Disabled, 0, 5, 5, null)]
    public void Emitted_max_and_the_replicas_checked_against_the_ceiling_follow_the_mode(
        ScalingMode mode, int min, int? max, int emittedMax, int? checkedReplicas)
    {
        var scaling = new ScalingModel("cpu", mode, min, max);
        Assert.Equal(emittedMax, scaling.EmittedMaxReplicas);
        Assert.Equal(checkedReplicas, scaling.ReplicasCheckedAgainstCeiling);
    }

    [Fact]
    public void Policy_enums_have_the_values_of_the_enums_users_write()
    {
        foreach (HevLayer.ScalingMode mode in Enum.GetValues(typeof(HevLayer.ScalingMode)))
        {
            Assert.Equal(mode.ToString(), ((ScalingMode)(int)mode).ToString());
        }

        foreach (HevLayer.FunctionTriggers trigger in Enum.GetValues(typeof(HevLayer.FunctionTriggers)))
        {
            Assert.Equal(trigger.ToString(), ((FunctionTriggers)(int)trigger).ToString());
        }

        Assert.Equal(Enum.GetValues(typeof(HevLayer.ScalingMode)).Length, Enum.GetValues(typeof(ScalingMode)).Length);
        Assert.Equal(Enum.GetValues(typeof(HevLayer.FunctionTriggers)).Length, Enum.GetValues(typeof(FunctionTriggers)).Length);
    }

    [Fact]
    public void Defaults_from_msbuild_win_over_the_assembly_attribute_and_fall_back_to_default()
    {
        var merged = ProjectDefaults.Merge(new ProjectDefaults("ci-ns", null), new ProjectDefaults("asm-ns", "asm:1"));
        Assert.Equal(new ProjectDefaults("ci-ns", "asm:1"), merged);
        Assert.Equal("default", ProjectDefaults.None.EffectiveNamespace);
    }
}

using System;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// A failed cluster fetch (HEVL40x) is the project's to fix, so, like a folder problem (HEVL301-305), it
/// is located at the project file: at the property that chose the context or the source when the project
/// sets it, else at the file; never at the package's .targets (issue 22, "Locations").
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ClusterLocationTests
{
    [Fact]
    public void An_unknown_context_is_located_at_HevLayerKubeContext_in_the_project_file()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root);
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;
        AddToProject(consumer, """
            <PropertyGroup>
              <HevLayerInfraRulesSource>cluster</HevLayerInfraRulesSource>
              <HevLayerKubeContext>prod</HevLayerKubeContext>
            </PropertyGroup>
            """);
        var (line, column) = Element(consumer, "<HevLayerKubeContext>");

        var result = consumer.Build();

        Assert.NotEqual(0, result.ExitCode);
        var error = SingleError(result, "HEVL405");
        Assert.True(error.StartsWith($"{consumer.ProjectFile}({line},{column}): error HEVL405: The kube context 'prod'", StringComparison.Ordinal), error);
    }

    [Fact]
    public void A_refused_fetch_is_located_at_the_HevLayerInfraRulesSource_that_turned_the_cluster_on()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Status = 403, Body = "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}" };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;
        AddToProject(consumer, $"""
            <PropertyGroup>
              <HevLayerInfraRulesSource>cluster</HevLayerInfraRulesSource>
              <HevLayerKubeContext>{FakeKubernetesApi.Context}</HevLayerKubeContext>
            </PropertyGroup>
            """);
        var (line, column) = Element(consumer, "<HevLayerInfraRulesSource>");

        var result = consumer.Build();

        Assert.NotEqual(0, result.ExitCode);
        var error = SingleError(result, "HEVL402");
        Assert.True(error.StartsWith($"{consumer.ProjectFile}({line},{column}): error HEVL402: ", StringComparison.Ordinal), error);
    }

    [Fact]
    public void A_fetch_asked_for_on_the_command_line_is_located_at_the_project_file()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root);
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=prod");

        Assert.NotEqual(0, result.ExitCode);
        var error = SingleError(result, "HEVL405");
        Assert.True(error.StartsWith($"{consumer.ProjectFile} : error HEVL405: ", StringComparison.Ordinal), error);
    }

    [Theory]
    [InlineData("HevLayerInfraRulesSource=clutser", "HEVL219")]
    [InlineData("HevLayerInfraRules=missing.yaml", "HEVL218")]
    public void A_bad_InfraRules_setting_is_located_at_the_project_file_too(string property, string id)
    {
        using var consumer = ConsumerProject.FromSample();

        var result = consumer.Build(property);

        Assert.NotEqual(0, result.ExitCode);
        var error = SingleError(result, id);
        Assert.True(error.StartsWith($"{consumer.ProjectFile} : error {id}: ", StringComparison.Ordinal), error);
    }

    private static string SingleError(ProcessResult result, string id)
    {
        var error = Assert.Single(result.Output.Split('\n').Where(l => l.Contains("error " + id, StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')).Distinct());
        Assert.DoesNotContain(".targets", error, StringComparison.Ordinal);
        return error;
    }

    /// <summary>The 1-based line and column of the element opening with <paramref name="tag"/> in the project file.</summary>
    private static (int Line, int Column) Element(ConsumerProject consumer, string tag)
    {
        var lines = File.ReadAllLines(consumer.ProjectFile);
        var line = Array.FindIndex(lines, l => l.Contains(tag, StringComparison.Ordinal)) + 1;
        return (line, lines[line - 1].IndexOf('<', StringComparison.Ordinal) + 1);
    }

    private static void AddToProject(ConsumerProject consumer, string xml) =>
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile).Replace("</Project>", xml + "\n</Project>", StringComparison.Ordinal));
}

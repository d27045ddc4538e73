using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Model;
using Xunit;
using static HevLayer.Generators.Tests.Infrastructure.AnalyzerVerifier;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Issue 24, item 1: the image of the SDK's container publish, composed from its properties, as the workloads'
/// image below HevLayer's own. The tag oracle is the SDK's ComputeContainerConfig target
/// (Microsoft.NET.Build.Containers.targets, SDK 10.0.401): "Only default a tag name if no tag names at all are
/// provided": ContainerImageTag defaults to <c>latest</c> when neither ContainerImageTag nor ContainerImageTags is set,
/// and ContainerImageTags wins over ContainerImageTag.
/// </summary>
public sealed class ContainerImageTests
{
    [Theory]
    [InlineData("127.0.0.1:5055", "acme/workers", null, null, "127.0.0.1:5055/acme/workers:latest")]
    [InlineData("127.0.0.1:5055", "acme/workers", "1.2.3", null, "127.0.0.1:5055/acme/workers:1.2.3")]
    [InlineData("127.0.0.1:5055", "acme/workers", null, "1.2.3;latest", "127.0.0.1:5055/acme/workers:1.2.3")]
    [InlineData("ghcr.io", "acme/workers", "ignored", "2.0", "ghcr.io/acme/workers:2.0")]
    [InlineData("ghcr.io", "acme/workers", "1.0", " ; ;3.1; 4", "ghcr.io/acme/workers:3.1")]
    [InlineData("ghcr.io/", " acme/workers ", " 5 ", null, "ghcr.io/acme/workers:5")]
    [InlineData(null, "acme/workers", "1", null, "acme/workers:1")]
    [InlineData("", "acme/workers", null, "", "acme/workers:latest")]
    public void The_reference_is_registry_repository_and_the_SDKs_first_tag(string? registry, string? repository, string? tag, string? tags, string expected) =>
        Assert.Equal(expected, ContainerImage.Compose(registry, repository, tag, tags));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_repository_there_is_no_container_image(string? repository) =>
        Assert.Null(ContainerImage.Compose("ghcr.io", repository, "1", "2"));

    [Fact]
    public void HevLayerImage_and_HevLayerDefaults_stay_above_the_container_image()
    {
        var msbuild = new ProjectDefaults(null, null, "ghcr.io/acme/container:1");
        Assert.Equal("ghcr.io/acme/container:1", ProjectDefaults.Merge(msbuild, ProjectDefaults.None).EffectiveImage);
        Assert.True(ProjectDefaults.Merge(msbuild, ProjectDefaults.None).ImageFromContainerProperties);
        Assert.Equal("ghcr.io/acme/attribute:1", ProjectDefaults.Merge(msbuild, new ProjectDefaults(null, "ghcr.io/acme/attribute:1")).EffectiveImage);
        Assert.Equal("ghcr.io/acme/property:1", ProjectDefaults.Merge(msbuild with { Image = "ghcr.io/acme/property:1" }, new ProjectDefaults(null, "ghcr.io/acme/attribute:1")).EffectiveImage);
        Assert.False(ProjectDefaults.Merge(msbuild with { Image = "ghcr.io/acme/property:1" }, ProjectDefaults.None).ImageFromContainerProperties);
    }

    [Fact]
    public void An_environment_keeps_the_container_image_below_its_own()
    {
        var project = new ProjectDefaults("search", null, "ghcr.io/acme/container:1");
        Assert.Equal("ghcr.io/acme/container:1", new DeploymentEnvironment("prod", null, null).Defaults(project).EffectiveImage);
        Assert.Equal("ghcr.io/acme/prod:1", new DeploymentEnvironment("prod", null, "ghcr.io/acme/prod:1").Defaults(project).EffectiveImage);
        Assert.Equal("ghcr.io/acme/stamped:1", new DeploymentEnvironment("prod", null, null).Defaults(project with { Image = "ghcr.io/acme/stamped:1" }).EffectiveImage);
    }

    [Fact]
    public void The_generator_writes_the_container_image_for_workloads_without_their_own()
    {
        var input = GeneratorHarness.Compile("""
            using HevLayer;

            [Pipeline("uses-container")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class UsesContainer { }

            [Pipeline("own")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Worker(Image = "ghcr.io/acme/own:1")]
            public sealed partial class Own { }
            """);
        var properties = new Dictionary<string, string>
        {
            ["ContainerRegistry"] = "127.0.0.1:5055",
            ["ContainerRepository"] = "acme/workers",
            ["ContainerImageTags"] = "1.2.3;latest",
        };

        var (_, output) = GeneratorHarness.Run(input, properties);

        var images = Emitted.Manifests(output).ToDictionary(m => m.Workload.Name, m => m.Workload.Worker.Image);
        Assert.Equal("127.0.0.1:5055/acme/workers:1.2.3", images["uses-container"]);
        Assert.Equal("ghcr.io/acme/own:1", images["own"]);

        var (_, stamped) = GeneratorHarness.Run(input, new Dictionary<string, string>(properties) { ["HevLayerImage"] = "ghcr.io/acme/stamped:9" });
        Assert.Equal("ghcr.io/acme/stamped:9", Emitted.Manifests(stamped).Single(m => m.Workload.Name == "uses-container").Workload.Worker.Image);
    }

    [Fact]
    public Task A_project_with_ContainerRepository_and_no_other_image_gets_no_HEVL110() =>
        WithBuildProperties(
            """
            using HevLayer;

            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }
            """,
            "build_property.ContainerRegistry = 127.0.0.1:5055\nbuild_property.ContainerRepository = acme/workers\nbuild_property.ContainerImageTag = 1.2.3\n");

    [Fact]
    public Task Without_ContainerRepository_the_registry_and_tag_alone_are_no_image() =>
        WithBuildProperties(
            """
            using HevLayer;

            [{|HEVL110:Pipeline("ingest")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }
            """,
            "build_property.ContainerRegistry = 127.0.0.1:5055\nbuild_property.ContainerImageTag = 1.2.3\n");

    [Fact]
    public Task HEVL122_judges_the_composed_reference_and_names_the_container_properties() =>
        WithBuildProperties(
            """
            using HevLayer;

            [{|#0:Pipeline("ingest")|}]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }

            [Pipeline("own")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            [Worker(Image = "ghcr.io/acme/own:1")]
            public sealed partial class Own { }
            """,
            "build_property.ContainerRegistry = ghcr.io\nbuild_property.ContainerRepository = Acme/Workers\n",
            Diagnostic("HEVL122").WithLocation(0).WithArguments(
                "ghcr.io/Acme/Workers:latest",
                " (the container image, from ContainerRegistry, ContainerRepository and ContainerImageTags or ContainerImageTag)",
                "it contains uppercase letters in the repository path (only lowercase letters, digits and separators . _ __ - are allowed)"));

    [Fact]
    public Task A_bad_container_image_under_a_good_HevLayerImage_is_never_checked() =>
        WithBuildProperties(
            """
            using HevLayer;

            [Pipeline("ingest")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class Ingest { }
            """,
            "build_property.HevLayerImage = ghcr.io/acme/stamped:1\nbuild_property.ContainerRepository = Acme/Workers\n");

    private static async Task WithBuildProperties(string source, string globalConfig, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new AnalyzerVerifier.Test();
        test.TestState.Sources.Add(source);
        test.TestState.AdditionalFiles.Add(("/0/infrarules.yaml", SampleInfraRules));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}

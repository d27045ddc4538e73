using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Issue 24, for real and offline: a registry on 127.0.0.1 (Debian's docker-registry), a base image built with
/// umoci and pushed with skopeo, and a consumer of the packed package that names its image only through the SDK's
/// container properties. The build gets that image without HEVL110; a publish that cannot push leaves no digest
/// anywhere; <c>dotnet publish -t:PublishContainer</c> pins each workload that uses it to the digest the registry
/// serves for the pushed tag, in the publish output and in the build's folder alike, leaves a workload's own pinned
/// image alone, and <c>kubectl kustomize</c> reads the folder; a plain publish then copies the build's manifests.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndImageTests
{
    private const string Repository = "acme/workers";
    private const string OwnImage = "ghcr.io/acme/embedder:0.9.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void PublishContainer_pins_the_manifests_to_the_digest_the_registry_holds()
    {
        using var registry = new LocalRegistry();
        var baseImage = registry.PushBaseImage("base/runtime:1");
        using var consumer = new ConsumerProject("Workers");
        consumer.Write("Workers.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ContainerBaseImage>{baseImage}</ContainerBaseImage>
                <ContainerRegistry>{registry.Host}</ContainerRegistry>
                <ContainerRepository>{Repository}</ContainerRepository>
                <ContainerImageTags>1.2.3;latest</ContainerImageTags>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{consumer.Package.Version}" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Workloads.cs", $$"""
            using HevLayer;

            [assembly: HevLayerDefaults(Namespace = "search")]

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 4)]
            public sealed partial class IngestDocs { }

            [Function("enrich-products", Triggers = FunctionTriggers.Discovery)]
            [Scaling(Pool = "cpu", MinReplicas = 1, MaxReplicas = 2)]
            public sealed partial class EnrichProducts { }

            [Pipeline("embed-chunks")]
            [Scaling(Pool = "cpu", MinReplicas = 1, MaxReplicas = 2)]
            [Worker(Image = "{{OwnImage}}")]
            public sealed partial class EmbedChunks { }
            """);
        consumer.Write("Program.cs", "System.Console.WriteLine(\"worker\");\n");
        File.Copy(Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml"), Path.Combine(consumer.ProjectDirectory, "infrarules.yaml"));
        consumer.Environment["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host;

        var tagged = registry.Host + "/" + Repository + ":1.2.3";
        var buildFolder = Path.Combine(consumer.ProjectDirectory, "bin", "Release", "net10.0", "manifests");
        var publishFolder = Path.Combine(consumer.ProjectDirectory, "bin", "Release", "net10.0", "publish", "manifests");
        var ours = new[] { "pipeline.search.ingest-docs.yaml", "function.search.enrich-products.yaml" };

        // The build: the image is the container publish's, with the first of ContainerImageTags; no HEVL110.
        var build = consumer.Build("Configuration=Release");
        Assert.True(build.ExitCode == 0, "dotnet build failed: " + build);
        ConsumerProject.AssertAnalyzersLoaded(build);
        Assert.DoesNotContain("HEVL110", build.Output, StringComparison.Ordinal);
        foreach (var file in ours)
        {
            Assert.Equal(tagged, Image(Path.Combine(buildFolder, file)));
        }

        // A publish whose push fails (nothing listens on the registry's port) stops before the pin: no digest anywhere.
        var dead = "127.0.0.1:" + LocalRegistry.FreePort();
        consumer.Environment["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host + "," + dead;
        var failed = consumer.Run("publish", "Configuration=Release", "ContainerRegistry=" + dead, "-t:PublishContainer");
        Assert.True(failed.ExitCode != 0, "a publish to a dead registry succeeded: " + failed);
        Assert.DoesNotContain("pinned", failed.Output, StringComparison.Ordinal);
        foreach (var folder in new[] { buildFolder, publishFolder }.Where(Directory.Exists))
        {
            Assert.All(
                Directory.GetFiles(folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml"),
                f => Assert.True(Image(f) == OwnImage || !Image(f).Contains('@', StringComparison.Ordinal), f + " names a digest: " + Image(f)));
        }

        // The container publish: pinned to what the registry holds under the pushed tag, in both folders alike.
        consumer.Environment["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Host;
        var publish = consumer.Run("publish", "Configuration=Release", "-t:PublishContainer");
        Assert.True(publish.ExitCode == 0, "dotnet publish -t:PublishContainer failed: " + publish);
        var digest = registry.Digest(Repository, "1.2.3");
        Assert.Equal(digest, registry.Digest(Repository, "latest"));
        Assert.Contains($"HevLayer: 2 manifest(s) pinned to {tagged}@{digest}", publish.Output, StringComparison.Ordinal);
        foreach (var file in ours)
        {
            Assert.Equal(tagged + "@" + digest, Image(Path.Combine(publishFolder, file)));
            Assert.Equal(File.ReadAllBytes(Path.Combine(publishFolder, file)), File.ReadAllBytes(Path.Combine(buildFolder, file)));
        }

        Assert.Equal(OwnImage, Image(Path.Combine(publishFolder, "pipeline.search.embed-chunks.yaml")));
        Assert.Equal(
            Directory.GetFiles(buildFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(publishFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var kustomize = ProcessRunner.Run("kubectl", new[] { "kustomize", publishFolder }, consumer.Root, TimeSpan.FromMinutes(1));
        Assert.True(kustomize.ExitCode == 0, "kubectl kustomize failed: " + kustomize);
        Assert.Equal(2, kustomize.Output.Split('\n').Count(l => l.Trim() == "image: " + tagged + "@" + digest));

        // A plain publish (no container): the publish output gets the manifests as this build wrote them.
        var plain = consumer.Run("publish", "Configuration=Release");
        Assert.True(plain.ExitCode == 0, "dotnet publish failed: " + plain);
        foreach (var file in ours)
        {
            Assert.Equal(tagged, Image(Path.Combine(publishFolder, file)));
            Assert.Equal(File.ReadAllBytes(Path.Combine(buildFolder, file)), File.ReadAllBytes(Path.Combine(publishFolder, file)));
        }
    }

    /// <summary>The manifest's <c>spec.worker.image</c>, read as YAML.</summary>
    private static string Image(string manifest)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(manifest)));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var spec = (YamlDotNet.RepresentationModel.YamlMappingNode)root.Children["spec"];
        var worker = (YamlDotNet.RepresentationModel.YamlMappingNode)spec.Children["worker"];
        return ((YamlDotNet.RepresentationModel.YamlScalarNode)worker.Children["image"]).Value!;
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// A real `dotnet build` of throwaway consumer projects wired to HevLayer the way a user's project is,
/// asserting what lands on disk. These take seconds each; they share one copy of the assemblies.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndBuildTests
{
    [Fact]
    public void Build_writes_the_golden_manifests_that_kubectl_accepts_and_a_rebuild_rewrites_nothing()
    {
        using var consumer = ConsumerProject.FromSample();

        var first = consumer.BuildSucceeds();

        Assert.Contains($"HevLayer: 4 manifest(s), 5 file(s) changed -> {consumer.ManifestsDirectory}{Path.DirectorySeparatorChar}", first.Output, StringComparison.Ordinal);
        var files = consumer.ManifestFiles();
        var golden = Path.Combine(RepoPaths.Golden, "SampleWorkers", "manifests");
        foreach (var goldenFile in Directory.GetFiles(golden))
        {
            Assert.Equal(File.ReadAllText(goldenFile), Encoding.UTF8.GetString(files[Path.GetFileName(goldenFile)]));
        }

        Assert.Equal(
            new[] { ".hevlayer-manifests", "function.catalog.enrich-products.yaml", "function.search.reindex-stale.yaml", "kustomization.yaml", "pipeline.search.embed-chunks.yaml", "pipeline.search.ingest-docs.yaml" },
            files.Keys.OrderBy(k => k, StringComparer.Ordinal));

        var kustomize = ProcessRunner.Run("kubectl", new[] { "kustomize", consumer.ManifestsDirectory }, consumer.Root, TimeSpan.FromMinutes(1));
        Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
        Assert.Equal(2, kustomize.Output.Split('\n').Count(l => l == "kind: Pipeline"));
        Assert.Equal(2, kustomize.Output.Split('\n').Count(l => l == "kind: Function"));

        var stamps = Directory.GetFiles(consumer.ManifestsDirectory).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var second = consumer.BuildSucceeds();

        Assert.Contains("HevLayer: 4 manifest(s), 0 file(s) changed", second.Output, StringComparison.Ordinal);
        Assert.Contains("HevLayer summary for Consumer (InfraRules: infrarules.yaml)", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HevLayer summary", second.Output, StringComparison.Ordinal);
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));

        // The task remembers its write in obj/ (issue 23), yet a manifest edited by hand, to the same length, is restored.
        Assert.Single(Directory.GetFiles(Path.Combine(consumer.ProjectDirectory, "obj"), "hevlayer-manifests-*.state", SearchOption.AllDirectories));
        var edited = Path.Combine(consumer.ManifestsDirectory, "pipeline.search.ingest-docs.yaml");
        var text = File.ReadAllText(edited);
        File.WriteAllText(edited, text.Replace("search", "SEARCH", StringComparison.Ordinal));
        var third = consumer.BuildSucceeds();
        Assert.Contains("HevLayer: 4 manifest(s), 1 file(s) changed", third.Output, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(edited));
    }

    [Fact]
    public void Two_clean_builds_in_different_folders_write_byte_identical_manifests()
    {
        using var a = ConsumerProject.FromSample();
        using var b = ConsumerProject.FromSample();

        a.BuildSucceeds();
        b.BuildSucceeds();

        var filesA = a.ManifestFiles();
        var filesB = b.ManifestFiles();
        Assert.Equal(filesA.Keys.OrderBy(k => k, StringComparer.Ordinal), filesB.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(filesA, f => Assert.Equal(f.Value, filesB[f.Key]));
    }

    [Fact]
    public void Removing_a_workload_deletes_only_its_manifest_and_a_users_file_survives()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.BuildSucceeds();
        File.WriteAllText(Path.Combine(consumer.ManifestsDirectory, "README.txt"), "my notes");

        consumer.Delete("ReindexStale.cs");
        var result = consumer.BuildSucceeds();

        Assert.Contains("HevLayer: 3 manifest(s), 1 file(s) changed, 1 removed", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(consumer.ManifestsDirectory, "function.search.reindex-stale.yaml")));
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(consumer.ManifestsDirectory, "README.txt")));
        Assert.DoesNotContain("reindex-stale", File.ReadAllText(Path.Combine(consumer.ManifestsDirectory, "kustomization.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Msbuild_properties_and_design_time_builds_turn_emission_off_stamp_the_image_and_move_the_folder()
    {
        using var consumer = ConsumerProject.FromSample();

        var off = consumer.BuildSucceeds("HevLayerEmitManifests=false");
        Assert.DoesNotContain("HevLayer:", off.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(consumer.ManifestsDirectory));

        var designTime = consumer.BuildSucceeds("DesignTimeBuild=true");
        Assert.DoesNotContain("HevLayer:", designTime.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(consumer.ManifestsDirectory));

        var summary = Path.Combine(consumer.Root, "summary.md");
        consumer.BuildSucceeds("HevLayerImage=registry.example/ci:abc123", "HevLayerNamespace=from-msbuild", "HevLayerManifestsDir=deploy/", "HevLayerSummaryFile=" + summary);
        Assert.Contains("| catalog/enrich-products | Function | cpu | autoscale | 1..8 | 20 | 12 |", File.ReadAllText(summary), StringComparison.Ordinal);
        var deploy = Path.Combine(consumer.ProjectDirectory, "deploy");
        var ingest = File.ReadAllText(Path.Combine(deploy, "pipeline.from-msbuild.ingest-docs.yaml"));
        Assert.Contains("image: \"registry.example/ci:abc123\"", ingest, StringComparison.Ordinal);
        var embed = File.ReadAllText(Path.Combine(deploy, "pipeline.from-msbuild.embed-chunks.yaml"));
        Assert.Contains("image: \"ghcr.io/acme/layer-embedder:0.9.0\"", embed, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(deploy, "function.catalog.enrich-products.yaml")));
    }
}

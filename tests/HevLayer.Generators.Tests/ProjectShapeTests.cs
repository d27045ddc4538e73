using System;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Project shapes beyond the default one, built with a real `dotnet build` (and `dotnet clean`) of a consumer of
/// the packed package: a manifests folder under a folder the migration glob lists, the folder's lifecycle, and
/// where folder problems are located.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ProjectShapeTests
{
    private const string LegacyPipeline = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata:
          name: NAME
          namespace: search
        spec:
          worker:
            image: ghcr.io/acme/layer-workers:1.4.2
          scaling:
            pool: cpu
            mode: autoscale
            replicas: {min: 0, max: 4}
        """;

    [Fact]
    public void A_migration_glob_over_the_manifests_folder_never_reads_the_builds_own_output_back()
    {
        using var consumer = ConsumerProject.FromSample();
        AddToProject(consumer, """
            <PropertyGroup>
              <HevLayerManifestsDir>deploy/generated/</HevLayerManifestsDir>
            </PropertyGroup>
            <ItemGroup>
              <HevLayerManifest Include="deploy/**/*.yaml" />
            </ItemGroup>
            """);
        var legacy = Path.Combine(consumer.ProjectDirectory, "deploy", "search", "legacy.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(legacy)!);
        File.WriteAllText(legacy, LegacyPipeline.Replace("NAME", "legacy-ingest", StringComparison.Ordinal));
        var generated = Path.Combine(consumer.ProjectDirectory, "deploy", "generated");

        var first = consumer.BuildSucceeds();
        var second = consumer.BuildSucceeds();

        Assert.True(File.Exists(Path.Combine(generated, "pipeline.search.ingest-docs.yaml")), first.ToString());
        Assert.DoesNotContain("HEVL103", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HEVL103", second.Output, StringComparison.Ordinal);

        // The glob still reads the hand-written file beside the folder: a duplicate of a C# workload there is HEVL103,
        // between that file and the class, and none of the generated files takes part.
        File.WriteAllText(legacy, LegacyPipeline.Replace("NAME", "ingest-docs", StringComparison.Ordinal));
        var third = consumer.Build();

        Assert.NotEqual(0, third.ExitCode);
        var duplicates = third.Output.Split('\n').Where(l => l.Contains("error HEVL103", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(duplicates.Any(l => l.StartsWith(legacy + "(", StringComparison.Ordinal)), third.ToString());
        Assert.All(duplicates, l => Assert.DoesNotContain("generated", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Dotnet_clean_removes_the_manifests_the_build_wrote_and_only_those()
    {
        using var consumer = ConsumerProject.FromSample();
        AddToProject(consumer, """
            <PropertyGroup>
              <HevLayerManifestsDir>deploy/generated/</HevLayerManifestsDir>
            </PropertyGroup>
            """);
        var folder = Path.Combine(consumer.ProjectDirectory, "deploy", "generated");
        consumer.BuildSucceeds();
        Assert.True(File.Exists(Path.Combine(folder, "pipeline.search.ingest-docs.yaml")));
        File.WriteAllText(Path.Combine(folder, "README.md"), "placed by hand");

        var clean = consumer.Run("clean");

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Equal(new[] { "README.md" }, Directory.GetFiles(folder).Select(Path.GetFileName));

        // Without the hand-placed file the folder goes too, and the next build writes it all again.
        File.Delete(Path.Combine(folder, "README.md"));
        consumer.BuildSucceeds();
        Assert.True(File.Exists(Path.Combine(folder, "kustomization.yaml")));
        Assert.True(consumer.Run("clean").ExitCode == 0);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_folder_problem_is_located_at_the_property_that_names_the_folder_never_at_the_targets()
    {
        using var consumer = ConsumerProject.FromSample();
        AddToProject(consumer, """
            <PropertyGroup>
              <HevLayerManifestsDir>deploy/generated/</HevLayerManifestsDir>
            </PropertyGroup>
            """);
        var lines = File.ReadAllLines(consumer.ProjectFile);
        var line = Array.FindIndex(lines, l => l.Contains("<HevLayerManifestsDir>", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf('<', StringComparison.Ordinal) + 1;
        var folder = Path.Combine(consumer.ProjectDirectory, "deploy", "generated");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "pipeline.search.ingest-docs.yaml"), "# mine\n");

        var result = consumer.Build();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n').Where(l => l.Contains("error HEVL302", StringComparison.Ordinal)).Distinct());
        Assert.True(error.StartsWith($"{consumer.ProjectFile}({line},{column}): error HEVL302: ", StringComparison.Ordinal), error);
        Assert.DoesNotContain(".targets", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_problem_in_the_default_folder_is_located_at_the_project_file()
    {
        using var consumer = ConsumerProject.FromSample();
        Directory.CreateDirectory(consumer.ManifestsDirectory);
        File.WriteAllText(Path.Combine(consumer.ManifestsDirectory, "kustomization.yaml"), "resources: []\n");

        var result = consumer.Build();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Output.Split('\n').Where(l => l.Contains("error HEVL302", StringComparison.Ordinal)).Distinct());
        Assert.True(error.StartsWith($"{consumer.ProjectFile} : error HEVL302: ", StringComparison.Ordinal), error);
    }

    [Fact]
    public void Target_frameworks_sharing_a_folder_write_it_once_when_they_agree_and_fail_naming_both_when_not()
    {
        using var consumer = ConsumerProject.FromSample();
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile).Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>", StringComparison.Ordinal));
        AddToProject(consumer, """
            <PropertyGroup>
              <HevLayerManifestsDir>deploy/</HevLayerManifestsDir>
              <CheckEolTargetFramework>false</CheckEolTargetFramework>
            </PropertyGroup>
            """);

        // The net8.0 targeting pack comes from the machine's packages folder; HevLayer.Generators only from the test feed.
        consumer.Environment["RestoreAdditionalProjectFallbackFolders"] = MachinePackagesFolder();
        consumer.Write("Net8Only.cs", """
            #if NET8_0
            namespace Acme.Workers;

            [HevLayer.Pipeline("net8-only", Namespace = "search")]
            [HevLayer.Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class Net8Only
            {
            }
            #endif
            """);
        var deploy = Path.Combine(consumer.ProjectDirectory, "deploy");

        var disagree = consumer.Build();

        Assert.NotEqual(0, disagree.ExitCode);
        var error = Assert.Single(disagree.Output.Split('\n').Where(l => l.Contains("error HEVL305", StringComparison.Ordinal)).Distinct());
        Assert.True(error.StartsWith(consumer.ProjectFile + " : error HEVL305: The target frameworks net10.0 and net8.0 ", StringComparison.Ordinal), error);
        Assert.Contains("Pipeline search/net8-only (pipeline.search.net8-only.yaml) is declared for net8.0 and not for net10.0", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(deploy, "pipeline.search.net8-only.yaml")));
        Assert.False(File.Exists(Path.Combine(deploy, "pipeline.search.ingest-docs.yaml")));

        consumer.Delete("Net8Only.cs");
        var agree = consumer.BuildSucceeds();
        var first = Directory.GetFiles(deploy).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var again = consumer.BuildSucceeds();

        Assert.Contains("-> " + deploy + Path.DirectorySeparatorChar + " (the same for net10.0, net8.0)", agree.Output, StringComparison.Ordinal);
        Assert.Contains("pipeline.search.ingest-docs.yaml", first.Keys);
        Assert.Equal(first, Directory.GetFiles(deploy).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Assert.DoesNotContain("HEVL305", again.Output, StringComparison.Ordinal);
    }

    internal static string MachinePackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Adds <paramref name="xml"/> before the end of the consumer's project file.</summary>
    private static void AddToProject(ConsumerProject consumer, string xml) =>
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile).Replace("</Project>", xml + "\n</Project>", StringComparison.Ordinal));
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Build;
using HevLayer.Cli.Watch;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Model;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer watch</c> with environments (issue 25): every selected environment's folder is kept current, each
/// byte for byte what the generator's compiled assembly gives for that environment through the build task's
/// reader; a save rewrites only the environment whose manifest changed; a value wrong in dev only blocks the
/// write as the build would fail; <c>HevLayerEnvironments</c> restricts the folders written.
/// </summary>
public sealed class WatchEnvironmentTests : IDisposable
{
    private const string Ingest = "using HevLayer;\n\nnamespace Acme;\n\n[Pipeline(\"ingest-docs\")]\n[Scaling(Pool = \"cpu\", MaxReplicas = 2)]\n[Scaling(Environment = \"prod\", MaxReplicas = 12)]\npublic sealed partial class IngestDocs\n{\n}\n";

    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-watch-env-" + Guid.NewGuid().ToString("N"));
    private readonly string project;

    public WatchEnvironmentTests()
    {
        project = Path.Combine(root, "App");
        Directory.CreateDirectory(Path.Combine(project, "infra"));
        Write("infra/dev.yaml", InfraRules(2));
        Write("infra/prod.yaml", InfraRules(20));
        Write("Defaults.cs", "[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/w:1\")]\n");
        Write("Ingest.cs", Ingest);
        Write("Embed.cs", "using HevLayer;\n\nnamespace Acme;\n\n[Pipeline(\"embed\")]\n[Scaling(Pool = \"cpu\", MaxReplicas = 1)]\npublic sealed partial class Embed\n{\n}\n");
    }

    public void Dispose() => ConsumerProject.TryDelete(root);

    [Fact]
    public void Every_environments_folder_is_the_builds_and_a_save_rewrites_only_the_environment_it_changes()
    {
        var session = Load("watched", selection: null);
        var first = session.Full(CancellationToken.None);

        Assert.False(first.Blocked, string.Join("\n", first.Shown));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "watched"), "*.yaml"));
        AssertAsBuilt("dev", "prod");
        Assert.Contains("namespace: search-dev", Manifest("dev", "ingest-docs"), StringComparison.Ordinal);
        Assert.Contains("max: 2\n", Manifest("dev", "ingest-docs"), StringComparison.Ordinal);
        Assert.Contains("namespace: search-prod", Manifest("prod", "ingest-docs"), StringComparison.Ordinal);
        Assert.Contains("max: 12\n", Manifest("prod", "ingest-docs"), StringComparison.Ordinal);

        // prod's override changes: prod's file is written, dev's is not touched.
        var devFile = Directory.GetFiles(Path.Combine(root, "watched", "dev"), "*ingest-docs*").Single();
        var devTime = File.GetLastWriteTimeUtc(devFile);
        Write("Ingest.cs", Ingest.Replace("MaxReplicas = 12", "MaxReplicas = 10", StringComparison.Ordinal));
        var save = session.Saved(new[] { Path.Combine(project, "Ingest.cs") }, Array.Empty<string>(), CancellationToken.None)!;
        session.Check(CancellationToken.None);

        Assert.False(save.Blocked, string.Join("\n", save.Shown));
        Assert.Equal(new[] { "prod/" + Path.GetFileName(devFile).Replace("search-dev", "search-prod", StringComparison.Ordinal) }, save.Written);
        Assert.Equal(devTime, File.GetLastWriteTimeUtc(devFile));
        Assert.Contains("max: 10\n", Manifest("prod", "ingest-docs"), StringComparison.Ordinal);
        AssertAsBuilt("dev", "prod");

        // The shared value goes above dev's ceiling (2) but not prod's: the build would fail, so nothing is written.
        Write("Ingest.cs", Ingest.Replace("MaxReplicas = 2)", "MaxReplicas = 4)", StringComparison.Ordinal));
        var wrong = session.Saved(new[] { Path.Combine(project, "Ingest.cs") }, Array.Empty<string>(), CancellationToken.None)!;

        Assert.True(wrong.Blocked);
        var error = Assert.Single(wrong.Shown, d => d.Id == "HEVL002");
        Assert.StartsWith("in dev: MaxReplicas = 4", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("max: 2\n", Manifest("dev", "ingest-docs"), StringComparison.Ordinal);
    }

    [Fact]
    public void HevLayerEnvironments_restricts_the_folders_written()
    {
        var session = Load("watched", selection: "prod");

        Assert.False(session.Full(CancellationToken.None).Blocked);
        Assert.False(Directory.Exists(Path.Combine(root, "watched", "dev")));
        AssertAsBuilt("prod");
    }

    private static string InfraRules(int ceiling) =>
        $"apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: default\nspec:\n  computePools:\n    - name: cpu\n      kind: cpu\n      maxReplicasPerWorkload: {ceiling}\n";

    private string Table => DeploymentEnvironments.Format(new[]
    {
        new DeploymentEnvironment("dev", "search-dev", null, Path.Combine(project, "infra", "dev.yaml")),
        new DeploymentEnvironment("prod", "search-prod", null, Path.Combine(project, "infra", "prod.yaml")),
    });

    private string Manifest(string environment, string name) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(root, "watched", environment), "*." + name + ".yaml").Single());

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(project, file), text);

    /// <summary>A session over the project's files, as MSBuild would give csc with two environments: the table and selection as build properties, each environment's InfraRules an AdditionalFile marked as the targets mark it.</summary>
    private WatchSession Load(string manifests, string? selection)
    {
        var config = Path.Combine(root, "build.globalconfig");
        var infra = new[] { "dev", "prod" }.Select(e => Path.Combine(project, "infra", e + ".yaml")).ToList();
        File.WriteAllText(
            config,
            "is_global = true\n"
            + $"build_property.{DeploymentEnvironments.TableProperty} = {Table}\n"
            + (selection is null ? string.Empty : $"build_property.{DeploymentEnvironments.SelectionProperty} = {selection}\n")
            + string.Concat(infra.Select(f => $"\n[{f}]\nbuild_metadata.AdditionalFiles.HevLayerInfraRules = environment\n")));
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll");
        var analyzers = Path.GetDirectoryName(typeof(WorkloadGenerator).Assembly.Location)!;
        var arguments = new List<string> { "/target:library", "/langversion:12.0", "/nullable:enable", "/analyzerconfig:" + config };
        arguments.AddRange(infra.Select(f => "/additionalfile:" + f));
        arguments.AddRange(trusted.Append(typeof(HevLayer.Manifests.WorkloadManifest).Assembly.Location).Select(r => "/reference:" + r));
        arguments.Add("/analyzer:" + Path.Combine(analyzers, "HevLayer.Generators.dll"));
        arguments.AddRange(Directory.GetFiles(project, "*.cs").Order(StringComparer.Ordinal));
        var inputs = new ProjectInputs(Path.Combine(project, "App.csproj"), project, "App", Path.Combine(root, manifests), EmitManifests: true, RoslynDirectory: string.Empty, arguments);
        return WatchSession.Create(inputs, new AnalyzerLoader(), CancellationToken.None);
    }

    /// <summary>Each environment's watched folder holds, byte for byte, the manifests the generator's compiled assembly gives for it, read by the build task's reader.</summary>
    private void AssertAsBuilt(params string[] environments)
    {
        var sources = Directory.GetFiles(project, "*.cs").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToArray();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources), new Dictionary<string, string> { [DeploymentEnvironments.TableProperty] = Table });
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        var facts = AssemblyFactsReader.ReadFacts(stream.ToArray(), "App");
        foreach (var environment in environments)
        {
            var expected = facts.In(facts.Environments.Single(e => e.Name == environment)).ToDictionary(m => m.FileName, m => m.Yaml, StringComparer.Ordinal);
            var folder = Path.Combine(root, "watched", environment);
            var actual = Directory.GetFiles(folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, yaml) in expected)
            {
                Assert.Equal(yaml, actual[name]);
            }

            Assert.True(File.Exists(Path.Combine(folder, "kustomization.yaml")));
        }
    }
}

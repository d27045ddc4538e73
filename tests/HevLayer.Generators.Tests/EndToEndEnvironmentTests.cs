using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Environments through a packed consumer's real `dotnet build`: one folder per environment, each workload
/// checked against its own environment's InfraRules, a finding named after the environment and located at the
/// argument that supplies the value there. The expected values come from the issue's example (prod: cpu ceiling
/// 20, gpu 8; dev: only cpu, ceiling 2) and the seed's rule that replicas.max may not exceed the pool's
/// maxReplicasPerWorkload.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndEnvironmentTests
{
    private static ConsumerProject Consumer(string environments, string workloads, string program = "System.Console.WriteLine(\"ok\");")
    {
        var consumer = EnvironmentConsumer.Create(environments, workloads);
        consumer.Write("Program.cs", program);
        return consumer;
    }

    private const string DevAndProd = """
            <HevLayerEnvironment Include="dev"  InfraRules="infra/dev.yaml" Namespace="search-dev" />
            <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" />
        """;

    private static string Manifest(ConsumerProject consumer, string environment, string file) =>
        File.ReadAllText(Path.Combine(consumer.ManifestsDirectory, environment, file));

    [Fact]
    public void Each_environment_gets_its_folder_with_its_overrides_and_defaults_and_the_typed_API_reaches_them()
    {
        using var consumer = Consumer(DevAndProd, """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Scaling(Environment = "prod", MaxReplicas = 12)]
            [Label("tier", "standard")]
            [Label("tier", "gold", Environment = "prod")]
            public sealed partial class IngestDocs { }

            [Function("tag-docs", Namespace = "tagging", Triggers = FunctionTriggers.Write)]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            [Scaling(Environment = "prod", Pool = "gpu", MaxReplicas = 8)]
            [Worker(Image = "ghcr.io/acme/tagger:2.0.0")]
            public sealed partial class TagDocs { }
            """, """
            var prod = Acme.Workers.IngestDocs.ManifestFor("prod");
            var dev = Acme.Workers.IngestDocs.ManifestFor("dev");
            System.Console.WriteLine("typed: " + prod.Spec.Scaling.MaxReplicas + " " + prod.Metadata.Namespace + " " + prod.Metadata.Labels["tier"]
                + " | " + dev.Spec.Scaling.MaxReplicas + " " + dev.Metadata.Namespace + " " + dev.Metadata.Labels["tier"]
                + " | " + Acme.Workers.IngestDocs.Manifest.Spec.Scaling.MaxReplicas
                + " | " + Acme.Workers.TagDocs.ManifestFor("prod").Spec.Scaling.Pool + " " + Acme.Workers.TagDocs.ManifestFor("dev").Metadata.Namespace
                + " | " + string.Join(",", HevLayer.Generated.HevLayerWorkloads.Environments));
            try { Acme.Workers.IngestDocs.ManifestFor("staging"); } catch (System.ArgumentException e) { System.Console.WriteLine("unknown: " + e.Message); }
            """);

        var build = consumer.BuildSucceeds();

        // The project's own folder holds no manifests: each environment has its own, with its own kustomization.
        Assert.Empty(Directory.GetFiles(consumer.ManifestsDirectory, "*.yaml"));
        Assert.Equal(new[] { "dev", "prod" }, Directory.GetDirectories(consumer.ManifestsDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray());

        var prod = Manifest(consumer, "prod", "pipeline.search.ingest-docs.yaml");
        Assert.Contains("namespace: search\n", prod, StringComparison.Ordinal);
        Assert.Contains("tier: gold", prod, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"pool: cpu\n(.*\n)*\s+max: 12\n"), prod);

        var dev = Manifest(consumer, "dev", "pipeline.search-dev.ingest-docs.yaml");
        Assert.Contains("namespace: search-dev\n", dev, StringComparison.Ordinal);
        Assert.Contains("tier: standard", dev, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\s+max: 2\n"), dev);

        // A workload's own namespace and image hold in every environment; its override of the pool holds in prod only.
        Assert.Contains("pool: gpu", Manifest(consumer, "prod", "function.tagging.tag-docs.yaml"), StringComparison.Ordinal);
        Assert.Contains("pool: cpu", Manifest(consumer, "dev", "function.tagging.tag-docs.yaml"), StringComparison.Ordinal);
        Assert.Contains("image: \"ghcr.io/acme/tagger:2.0.0\"", Manifest(consumer, "dev", "function.tagging.tag-docs.yaml"), StringComparison.Ordinal);

        foreach (var environment in new[] { "dev", "prod" })
        {
            var kustomize = ProcessRunner.Run("kubectl", new[] { "kustomize", Path.Combine(consumer.ManifestsDirectory, environment) }, consumer.Root, TimeSpan.FromMinutes(1));
            Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
            Assert.Contains("name: ingest-docs", kustomize.Output, StringComparison.Ordinal);
            Assert.Contains("name: tag-docs", kustomize.Output, StringComparison.Ordinal);
        }

        var run = ProcessRunner.Run("dotnet", new[] { Path.Combine(consumer.ProjectDirectory, "bin", "Debug", "net10.0", "Consumer.dll") }, consumer.Root, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("typed: 12 search gold | 2 search-dev standard | 2 | gpu tagging | dev,prod", run.Output, StringComparison.Ordinal);
        Assert.Contains("unknown: 'staging' is not an environment", run.Output, StringComparison.Ordinal);

        // A no-op build rewrites nothing in either folder.
        var again = consumer.BuildSucceeds();
        Assert.DoesNotMatch(new Regex(@"[1-9]\d* file\(s\) changed"), again.Output);
    }

    [Fact]
    public void A_value_wrong_in_dev_only_fails_once_for_dev_at_the_argument_that_supplies_it()
    {
        using var consumer = Consumer(DevAndProd, """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 4)]
            public sealed partial class IngestDocs { }

            [Pipeline("embed-chunks")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Scaling(Environment = "dev", MaxReplicas = 3)]
            public sealed partial class EmbedChunks { }

            [Pipeline("rank-docs")]
            [Scaling(Pool = "gpu", MaxReplicas = 2)]
            public sealed partial class RankDocs { }
            """);

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        var errors = build.Output.Split('\n').Where(l => l.Contains("error HEVL", StringComparison.Ordinal)).Distinct().ToList();

        // Shared MaxReplicas = 4: fine in prod (20), above dev's ceiling (2): one error, for dev, at the shared argument (line 6).
        Assert.Single(errors, l => l.Contains("Workers.cs(6,", StringComparison.Ordinal) && l.Contains("HEVL002", StringComparison.Ordinal) && l.Contains("in dev: ", StringComparison.Ordinal));
        // The dev override supplies 3: located at the override (line 11), not at the shared attribute (line 10).
        Assert.Single(errors, l => l.Contains("Workers.cs(11,", StringComparison.Ordinal) && l.Contains("HEVL002", StringComparison.Ordinal) && l.Contains("in dev: ", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, l => l.Contains("Workers.cs(10,", StringComparison.Ordinal));
        // gpu is a pool of prod only: unknown in dev.
        Assert.Single(errors, l => l.Contains("Workers.cs(15,", StringComparison.Ordinal) && l.Contains("HEVL001", StringComparison.Ordinal) && l.Contains("in dev: ", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, l => l.Contains("in prod", StringComparison.Ordinal));

        // Restricted to prod, the same project builds and writes prod's folder only.
        consumer.BuildSucceeds("HevLayerEnvironments=prod");
        Assert.True(File.Exists(Path.Combine(consumer.ManifestsDirectory, "prod", "pipeline.search.ingest-docs.yaml")));
        Assert.False(Directory.Exists(Path.Combine(consumer.ManifestsDirectory, "dev")));
    }

    [Fact]
    public void Bad_environment_declarations_and_overrides_are_located_errors()
    {
        using var consumer = Consumer("""
                <HevLayerEnvironment Include="dev" InfraRules="infra/dev.yaml" />
                <HevLayerEnvironment Include="prod" InfraRules="infra/prod.yaml" />
                <HevLayerEnvironment Include="Prod_EU" InfraRules="infra/prod.yaml" />
                <HevLayerEnvironment Include="dev" InfraRules="infra/prod.yaml" />
                <HevLayerEnvironment Include="staging" />
            """, """
            using HevLayer;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Scaling(Environment = "prdo", MaxReplicas = 12)]
            public sealed partial class IngestDocs { }
            """);

        var declarations = consumer.Build();
        Assert.NotEqual(0, declarations.ExitCode);
        var project = consumer.ProjectFile;
        Assert.Matches(new Regex(Regex.Escape(project) + @"\(17,\d+\): error HEVL310: .*'Prod_EU' is not a DNS label"), declarations.Output);
        Assert.Matches(new Regex(Regex.Escape(project) + @"\(18,\d+\): error HEVL311: .*'dev' is declared more than once"), declarations.Output);
        Assert.Matches(new Regex(Regex.Escape(project) + @"\(19,\d+\): error HEVL312: .*'staging' names no InfraRules"), declarations.Output);

        // With the declarations fixed, the override of an undeclared environment and a repeated override are located in C#.
        File.WriteAllText(project, File.ReadAllText(project)
            .Replace("""<HevLayerEnvironment Include="Prod_EU" InfraRules="infra/prod.yaml" />""", string.Empty, StringComparison.Ordinal)
            .Replace("""<HevLayerEnvironment Include="dev" InfraRules="infra/prod.yaml" />""", string.Empty, StringComparison.Ordinal)
            .Replace("""<HevLayerEnvironment Include="staging" />""", string.Empty, StringComparison.Ordinal));
        consumer.Write("Workers.cs", """
            using HevLayer;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Scaling(Environment = "prdo", MaxReplicas = 12)]
            [Retry(Environment = "prod", MaxAttempts = 3)]
            [Retry(Environment = "prod", MaxBackoffSeconds = 60)]
            public sealed partial class IngestDocs { }
            """);
        var overrides = consumer.Build();
        Assert.NotEqual(0, overrides.ExitCode);
        Assert.Matches(new Regex(@"Workers\.cs\(5,\d+\): error HEVL131: \[Scaling\] names the environment 'prdo', which the project does not declare; the project declares dev, prod; did you mean 'prod'\?"), overrides.Output);
        Assert.Matches(new Regex(@"Workers\.cs\(7,\d+\): error HEVL132: \[Retry\] is given more than once for the environment 'prod'"), overrides.Output);

        var selection = consumer.Build("HevLayerEnvironments=prd");
        Assert.Matches(new Regex(@"error HEVL314: HevLayerEnvironments names 'prd'.*Did you mean 'prod'\?"), selection.Output);
    }

    [Fact]
    public void Target_frameworks_sharing_a_folder_write_each_environment_once()
    {
        using var consumer = Consumer(DevAndProd, """
            using HevLayer;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            [Scaling(Environment = "prod", MaxReplicas = 12)]
            public sealed partial class IngestDocs { }
            """);
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile)
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks><HevLayerManifestsDir>deploy/</HevLayerManifestsDir><CheckEolTargetFramework>false</CheckEolTargetFramework>", StringComparison.Ordinal));

        // The net8.0 targeting pack comes from the machine's packages folder; HevLayer.Generators only from the test feed.
        consumer.Environment["RestoreAdditionalProjectFallbackFolders"] = ProjectShapeTests.MachinePackagesFolder();

        consumer.BuildSucceeds();

        var deploy = Path.Combine(consumer.ProjectDirectory, "deploy");
        Assert.Equal(new[] { "dev", "prod" }, Directory.GetDirectories(deploy).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
        Assert.Contains("max: 12", File.ReadAllText(Path.Combine(deploy, "prod", "pipeline.search.ingest-docs.yaml")), StringComparison.Ordinal);
        Assert.Contains("namespace: search-dev", File.ReadAllText(Path.Combine(deploy, "dev", "pipeline.search-dev.ingest-docs.yaml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(deploy, "dev", "kustomization.yaml")));
        Assert.Empty(Directory.GetFiles(deploy, "*.yaml"));

        // The task's state: one per folder it wrote, each target framework's staged dev and prod.
        var obj = Path.Combine(consumer.ProjectDirectory, "obj");
        Assert.Equal(4, Directory.GetFiles(obj, "hevlayer-manifests-*.state", SearchOption.AllDirectories).Length);

        // dotnet clean removes what the build wrote in each environment's folder, and the states.
        var clean = consumer.Run("clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(Path.Combine(deploy, "prod", "pipeline.search.ingest-docs.yaml")));
        Assert.Empty(Directory.GetFiles(obj, "hevlayer-manifests-*.state", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_cluster_environment_is_fetched_with_its_own_context_and_its_errors_name_it()
    {
        using var consumer = Consumer("""
                <HevLayerEnvironment Include="dev" InfraRules="infra/prod.yaml" />
                <HevLayerEnvironment Include="prod" InfraRulesSource="cluster" KubeContext="fake-context" />
            """, """
            using HevLayer;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 8)]
            public sealed partial class IngestDocs { }
            """);
        using var api = new FakeKubernetesApi(consumer.Root)
        {
            Body = """{"apiVersion":"hevlayer.com/v1alpha1","kind":"InfraRules","metadata":{"name":"default"},"spec":{"computePools":[{"name":"cpu","kind":"cpu","maxReplicasPerWorkload":6}]}}""",
        };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.Build();

        // dev (a file, ceiling 20) is fine; prod's cluster says 6, and the finding names prod and the cluster.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("HevLayer: InfraRules/default of prod from cluster http://127.0.0.1:", result.Output, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(result.Output, @"Workers\.cs\(4,\d+\): error HEVL002: in prod: MaxReplicas = 8 is above the ceiling of pool 'cpu': it allows at most 6 replicas per workload \(cluster http://127\.0\.0\.1:\d+ \(context fake-context\) line"), result.Output);
        Assert.DoesNotContain("in dev", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);

        // A cluster that refuses: the error names the environment; restricted to dev, the build does not ask prod's cluster at all.
        api.Status = 403;
        api.Body = "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}";
        var refused = consumer.Build();
        Assert.Matches(new Regex(@"error HEVL402: Environment 'prod': "), refused.Output);
        var requests = api.Requests.Count;
        consumer.BuildSucceeds("HevLayerEnvironments=dev");
        Assert.Equal(requests, api.Requests.Count);
    }

    [Fact]
    public void Each_environments_InfraRules_file_is_checked_and_located_and_no_project_infrarules_is_needed()
    {
        using var consumer = Consumer(DevAndProd, """
            using HevLayer;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public sealed partial class IngestDocs { }
            """);
        consumer.Write("infra/dev.yaml", EnvironmentConsumer.Dev.Replace("maxReplicasPerWorkload: 2", "maxReplicasPerWorkload: 0", StringComparison.Ordinal));

        var result = consumer.Build();

        // The seed: maxReplicasPerWorkload is at least 1. Located in dev's own file; prod's is fine; no HEVL200 for want of infrarules.yaml.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Matches(new Regex(Regex.Escape(Path.Combine(consumer.ProjectDirectory, "infra", "dev.yaml")) + @"\(9,\d+\): error HEVL208"), result.Output);
        Assert.DoesNotContain("prod.yaml(", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HEVL200", result.Output, StringComparison.Ordinal);
    }
}

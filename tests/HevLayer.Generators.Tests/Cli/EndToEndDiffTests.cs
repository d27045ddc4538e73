using System;
using System.Collections.Generic;
using System.IO;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// `hevlayer diff --project` from the installed tool, run as a child process with its own environment (the
/// kubeconfig of a stand-in API server, the test run's NuGet packages folder): it builds a consumer of the
/// packed package with `dotnet build` and diffs the manifests that build wrote.
/// </summary>
public sealed partial class EndToEndCliTests
{
    private const string WorkloadApi = "/apis/hevlayer.com/v1alpha1/namespaces/";

    [Fact]
    public void Diff_project_builds_a_consumer_of_the_packed_package_and_diffs_what_it_wrote()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Body = DiffCommandTests.LiveJson(File.ReadAllText(Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml"))) };

        // The cluster has the sample's InfraRules, and two of its four workloads as the build writes them (the
        // golden files), with what the API server adds; the other two are not there yet.
        var golden = Path.Combine(RepoPaths.Golden, "SampleWorkers", "manifests");
        api.Routes[WorkloadApi + "search/pipelines/ingest-docs"] = (200, DiffCommandTests.LiveJson(File.ReadAllText(Path.Combine(golden, "pipeline.search.ingest-docs.yaml")), server: true));
        api.Routes[WorkloadApi + "search/functions/reindex-stale"] = (200, DiffCommandTests.LiveJson(File.ReadAllText(Path.Combine(golden, "function.search.reindex-stale.yaml")), server: true));
        api.Routes[WorkloadApi + "search/pipelines/embed-chunks"] = (404, DiffCommandTests.NotFound("pipelines", "embed-chunks"));
        api.Routes[WorkloadApi + "catalog/functions/enrich-products"] = (404, DiffCommandTests.NotFound("functions", "enrich-products"));
        api.Routes[WorkloadApi + "search/pipelines"] = (200, "{\"items\":[" + api.Routes[WorkloadApi + "search/pipelines/ingest-docs"].Body + "]}");
        api.Routes[WorkloadApi + "search/functions"] = (200, "{\"items\":[" + api.Routes[WorkloadApi + "search/functions/reindex-stale"].Body + "]}");
        api.Routes[WorkloadApi + "catalog/pipelines"] = (200, "{\"items\":[]}");
        api.Routes[WorkloadApi + "catalog/functions"] = (200, "{\"items\":[]}");

        // As when started by MSBuild (an Exec task) or a test host: that host's MSBuild wiring in the environment,
        // here pointing nowhere, must not reach the child build.
        var result = Diff(consumer, api, new Dictionary<string, string?>
        {
            ["MSBuildSDKsPath"] = Path.Combine(consumer.Root, "no-sdks"),
            ["MSBuildExtensionsPath"] = Path.Combine(consumer.Root, "no-msbuild"),
        }, "--exit-code");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.True(File.Exists(Path.Combine(consumer.ManifestsDirectory, "pipeline.search.ingest-docs.yaml")), result.ToString());
        Assert.Contains("Pipeline search/ingest-docs: unchanged\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Function search/reindex-stale: unchanged\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Pipeline search/embed-chunks: new\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Function catalog/enrich-products: new\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("4 workload(s)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": changed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": in the cluster only", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("  ! ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
    }

    /// <summary>Runs the installed tool's <c>diff --project</c> on the consumer, with the server's kubeconfig, the run's packages folder and <paramref name="host"/>'s variables, and nothing set in this process.</summary>
    private ProcessResult Diff(ConsumerProject consumer, FakeKubernetesApi api, IReadOnlyDictionary<string, string?> host, params string[] extra)
    {
        var environment = new Dictionary<string, string?>(consumer.Environment)
        {
            ["KUBECONFIG"] = api.KubeconfigPath,
            ["NUGET_PACKAGES"] = consumer.Package.PackagesFolder,
        };
        foreach (var (key, value) in host)
        {
            environment[key] = value;
        }

        var args = new List<string> { "diff", "--project", consumer.ProjectDirectory, "--context", FakeKubernetesApi.Context };
        args.AddRange(extra);
        return ProcessRunner.Run(tool.Executable, args, consumer.Root, TimeSpan.FromMinutes(5), environment);
    }
}

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
        using var api = new FakeKubernetesApi(consumer.Root) { Body = CheckCommandTests.ClusterBody(ceiling: 6) };

        // As when started by MSBuild (an Exec task) or a test host: that host's MSBuild wiring in the environment,
        // here pointing nowhere, must not reach the child build.
        var result = Diff(consumer, api, new Dictionary<string, string?>
        {
            ["MSBuildSDKsPath"] = Path.Combine(consumer.Root, "no-sdks"),
            ["MSBuildExtensionsPath"] = Path.Combine(consumer.Root, "no-msbuild"),
        });

        // The stand-in server has no workload routes: 404 without object details is a CRD that is not installed.
        Assert.True(result.ExitCode == 2 && result.Output.Contains("error HEVL403", StringComparison.Ordinal), result.ToString());
        Assert.True(File.Exists(Path.Combine(consumer.ManifestsDirectory, "pipeline.search.ingest-docs.yaml")), result.ToString());
        Assert.Contains(api.Requests, r => r.StartsWith("GET " + WorkloadApi, StringComparison.Ordinal));
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

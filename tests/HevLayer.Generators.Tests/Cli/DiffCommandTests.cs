using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;
using YamlDotNet.Serialization;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer diff</c> against a stand-in API server on 127.0.0.1 serving recorded objects: the sample's four
/// manifests as the build writes them, compared with live objects that are the same (with what the server adds),
/// changed, missing, not Ready, or no longer declared; and the cluster failures (403 on list, a CRD that is not
/// installed, a hang, garbage), each a HEVL40x with exit code 2 and no credential in the output.
/// </summary>
[Collection(KubeconfigCollection.Name)]
public sealed class DiffCommandTests : IDisposable
{
    private const string Api = "/apis/hevlayer.com/v1alpha1/namespaces/";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-diff-" + Guid.NewGuid().ToString("N"));
    private readonly string manifests;
    private string? previousKubeconfig;

    public DiffCommandTests()
    {
        manifests = Path.Combine(folder, "manifests");
        Directory.CreateDirectory(manifests);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Golden, "SampleWorkers", "manifests"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(manifests, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(manifests, "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KUBECONFIG", previousKubeconfig);
        ConsumerProject.TryDelete(folder);
    }

    [Fact]
    public void New_changed_unchanged_cluster_only_and_unready_workloads_are_reported()
    {
        using var api = Serve();
        var ingest = Live("pipeline.search.ingest-docs.yaml", server: true);
        var embed = Json(File.ReadAllText(Path.Combine(manifests, "pipeline.search.embed-chunks.yaml")).Replace("min: 2", "min: 1", StringComparison.Ordinal));
        var reindex = Live("function.search.reindex-stale.yaml", status: "{conditions: [{type: Ready, status: 'False', reason: PoolUnknown, message: no pool gpu-a10}]}");
        api.Routes[Api + "search/pipelines/ingest-docs"] = (200, ingest);
        api.Routes[Api + "search/pipelines/embed-chunks"] = (200, embed);
        api.Routes[Api + "search/functions/reindex-stale"] = (200, reindex);
        api.Routes[Api + "catalog/functions/enrich-products"] = (404, NotFound("functions", "enrich-products"));
        api.Routes[Api + "search/pipelines"] = (200, "{\"kind\":\"PipelineList\",\"items\":[" + ingest + "," + embed + ",{\"metadata\":{\"name\":\"old-ingest\",\"namespace\":\"search\"}}]}");
        api.Routes[Api + "search/functions"] = (200, "{\"items\":[" + reindex + "]}");
        api.Routes[Api + "catalog/pipelines"] = (200, "{\"items\":[]}");
        api.Routes[Api + "catalog/functions"] = (200, "{\"items\":[]}");

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "diff", "--manifests", manifests, "--context", FakeKubernetesApi.Context, "--exit-code");

        Assert.True(code == 1, stdout + stderr);
        Assert.True(stdout.Contains("Pipeline search/embed-chunks: changed\n  spec.scaling.replicas.min: 1 -> 2\n", StringComparison.Ordinal), stdout);
        Assert.Contains("Function catalog/enrich-products: new\n", stdout, StringComparison.Ordinal);
        Assert.Contains("  ! the live InfraRules would leave it unready: HEVL002: MaxReplicas = 8 is above the ceiling of pool 'cpu'", stdout, StringComparison.Ordinal);
        Assert.Contains("Pipeline search/embed-chunks: changed\n  spec.scaling.replicas.min: 1 -> 2\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Pipeline search/ingest-docs: unchanged\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Function search/reindex-stale: unchanged\n  ! not Ready in the cluster: PoolUnknown: no pool gpu-a10\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Pipeline search/old-ingest: in the cluster only\n", stdout, StringComparison.Ordinal);
        Assert.Contains("5 workload(s)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, stdout + stderr, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.StartsWith("GET ", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_exit_code_a_difference_exits_0_and_everything_unchanged_exits_0_with_it()
    {
        using var api = Serve();
        foreach (var file in Directory.GetFiles(manifests, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            var parts = Path.GetFileName(file).Split('.');
            api.Routes[Api + parts[1] + "/" + parts[0] + "s/" + parts[2]] = (200, Live(Path.GetFileName(file), server: true));
        }

        foreach (var ns in new[] { "search", "catalog" })
        {
            api.Routes[Api + ns + "/pipelines"] = (200, "{\"items\":[]}");
            api.Routes[Api + ns + "/functions"] = (200, "{\"items\":[]}");
        }

        var (code, stdout, _) = CheckCommandTests.Run(null, "diff", "--manifests", manifests, "--context", FakeKubernetesApi.Context, "--exit-code", "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.All(json.RootElement.GetProperty("workloads").EnumerateArray(), w => Assert.Equal("unchanged", w.GetProperty("state").GetString()));
        Assert.Equal(4, json.RootElement.GetProperty("workloads").GetArrayLength());
    }

    [Fact]
    public void A_pinned_image_is_a_change_of_spec_worker_image_digest_included()
    {
        // What dotnet publish -t:PublishContainer leaves: the live Pipeline runs the tag, the folder names its digest.
        const string digest = "sha256:16beeaff1b95b6de9aa3cb286c2a0adadbd3bdf8715d1e28a8a930debca12424";
        using var api = Serve();
        foreach (var file in Directory.GetFiles(manifests, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            var parts = Path.GetFileName(file).Split('.');
            api.Routes[Api + parts[1] + "/" + parts[0] + "s/" + parts[2]] = (200, Live(Path.GetFileName(file), server: true));
        }

        foreach (var ns in new[] { "search", "catalog" })
        {
            api.Routes[Api + ns + "/pipelines"] = (200, "{\"items\":[]}");
            api.Routes[Api + ns + "/functions"] = (200, "{\"items\":[]}");
        }

        var ingest = Path.Combine(manifests, "pipeline.search.ingest-docs.yaml");
        File.WriteAllText(ingest, File.ReadAllText(ingest).Replace("image: \"ghcr.io/acme/layer-workers:1.4.2\"", "image: \"ghcr.io/acme/layer-workers:1.4.2@" + digest + "\"", StringComparison.Ordinal));

        var (code, stdout, stderr) = CheckCommandTests.Run(null, "diff", "--manifests", manifests, "--context", FakeKubernetesApi.Context, "--exit-code");

        Assert.True(code == 1, stdout + stderr);
        Assert.Contains("Pipeline search/ingest-docs: changed\n  spec.worker.image: ghcr.io/acme/layer-workers:1.4.2 -> ghcr.io/acme/layer-workers:1.4.2@" + digest + "\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Pipeline search/embed-chunks: unchanged\n", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forbidden list", "HEVL402")]
    [InlineData("no crd", "HEVL403")]
    [InlineData("garbage", "HEVL404")]
    [InlineData("hang", "HEVL401")]
    public void Cluster_failures_are_HEVL40x_with_exit_code_2(string failure, string id)
    {
        using var api = Serve();
        foreach (var file in Directory.GetFiles(manifests, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            var parts = Path.GetFileName(file).Split('.');
            var path = Api + parts[1] + "/" + parts[0] + "s/" + parts[2];
            switch (failure)
            {
                case "forbidden list":
                    api.Routes[path] = (200, Live(Path.GetFileName(file)));
                    api.Routes[Api + parts[1] + "/pipelines"] = (403, "{\"kind\":\"Status\",\"code\":403}");
                    break;
                case "garbage":
                    api.Routes[path] = (200, "<html>not json");
                    break;
            }
        }

        api.Hang = failure == "hang";
        var (code, stdout, stderr) = CheckCommandTests.Run(null, "diff", "--manifests", manifests, "--context", FakeKubernetesApi.Context, "--timeout", "2");

        Assert.True(code == 2, stdout + stderr);
        Assert.Contains("error " + id + ":", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_manifests_folder_is_a_usage_error()
    {
        var (code, _, stderr) = CheckCommandTests.Run(null, "diff", "--manifests", Path.Combine(folder, "nope"));
        Assert.Equal(2, code);
        Assert.Contains("is not a folder", stderr, StringComparison.Ordinal);
    }

    /// <summary>A stand-in API server whose InfraRules give pool cpu a ceiling of 6; KUBECONFIG points at it.</summary>
    private FakeKubernetesApi Serve()
    {
        var api = new FakeKubernetesApi(folder) { Body = CheckCommandTests.ClusterBody(ceiling: 6) };
        previousKubeconfig ??= Environment.GetEnvironmentVariable("KUBECONFIG");
        Environment.SetEnvironmentVariable("KUBECONFIG", api.KubeconfigPath);
        return api;
    }

    /// <summary>A golden manifest as the API server would return it, in JSON; with what the server adds when <paramref name="server"/>.</summary>
    private string Live(string file, bool server = false, string? status = null) => LiveJson(File.ReadAllText(Path.Combine(manifests, file)), server, status);

    /// <summary>A manifest as the API server would return it, in JSON; with what the server adds when <paramref name="server"/>.</summary>
    internal static string LiveJson(string yaml, bool server = false, string? status = null)
    {
        if (server)
        {
            yaml = yaml.Replace("metadata:\n", "metadata:\n  uid: 0b5c\n  resourceVersion: \"4242\"\n  generation: 3\n  creationTimestamp: \"2026-11-01T10:00:00Z\"\n  managedFields: [{manager: kubectl}]\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: \"{}\"\n", StringComparison.Ordinal);
        }

        if (status is not null)
        {
            yaml += "status: " + status + "\n";
        }

        return Json(yaml);
    }

    /// <summary>The API server's answer for an object of <paramref name="plural"/> that does not exist (the CRD does).</summary>
    internal static string NotFound(string plural, string name) =>
        "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\",\"details\":{\"name\":\"" + name + "\",\"group\":\"hevlayer.com\",\"kind\":\"" + plural + "\"}}";

    private static string Json(string yaml)
    {
        var data = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        return JsonSerializer.Serialize(Normalize(data));
    }

    private static object? Normalize(object? value) => value switch
    {
        Dictionary<object, object> map => map.ToDictionary(p => (string)p.Key, p => Normalize(p.Value)),
        List<object> list => list.Select(Normalize).ToList(),
        string s when int.TryParse(s, out var n) => n,
        string s when s is "true" or "false" => s == "true",
        _ => value,
    };
}

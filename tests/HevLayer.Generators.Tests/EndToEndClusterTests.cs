using System;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// <c>HevLayerInfraRulesSource=cluster</c> through a real build, against a local listener that answers
/// the Kubernetes API path with recorded responses. Every failure is its own clear error, no stale
/// snapshot survives it, and the kubeconfig's token never reaches the output.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndClusterTests
{
    private const string Json = """
        {"apiVersion":"hevlayer.com/v1alpha1","kind":"InfraRules",
         "metadata":{"name":"default","uid":"0b5f","resourceVersion":"4242","generation":3,"creationTimestamp":"2026-10-01T00:00:00Z"},
         "spec":{"computePools":[
           {"name":"cpu","kind":"cpu","maxReplicasPerWorkload":CPU_CEILING,"nodeSelector":{"karpenter.sh/nodepool":"cpu"},"tolerations":[],
            "resources":{"requests":{"cpu":"500m","memory":"512Mi"},"limits":{"memory":"1Gi"}}},
           {"name":"gpu","kind":"gpu","gpuType":"nvidia-l4","maxReplicasPerWorkload":4,
            "tolerations":[{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"}]}],
          "documentCache":{"capGiB":256,"replicationFactor":1,"scaling":{"mode":"autoscale","nodes":{"min":1,"max":3}}}}}
        """;

    [Fact]
    public void A_valid_object_is_snapshotted_and_checked_like_a_file()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Body = Json.Replace("CPU_CEILING", "20", StringComparison.Ordinal) };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.BuildSucceeds("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context);

        var source = $"cluster http://127.0.0.1:{api.Port} (context {FakeKubernetesApi.Context})";
        AssertOutput(result, "HevLayer: InfraRules/default from " + source);
        AssertOutput(result, $"HevLayer summary for Consumer (InfraRules: {source})");
        AssertOutput(result, "search/embed-chunks      Pipeline  gpu   fixed      2..2      4        2");
        var snapshot = Path.Combine(consumer.ProjectDirectory, "obj", "Debug", "net10.0", "hevlayer", "infrarules.cluster.yaml");
        Assert.Contains("maxReplicasPerWorkload: 20", File.ReadAllText(snapshot), StringComparison.Ordinal);
        Assert.Contains(api.Requests, r => r == $"GET {FakeKubernetesApi.InfraRulesPath} Bearer {FakeKubernetesApi.Token}");
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeKubernetesApi.Token, File.ReadAllText(snapshot), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(consumer.ManifestsDirectory, "kustomization.yaml")));
    }

    [Fact]
    public void A_pool_ceiling_from_the_cluster_fails_the_workload_that_exceeds_it_and_names_the_cluster()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Body = Json.Replace("CPU_CEILING", "6", StringComparison.Ordinal) };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context);

        Assert.NotEqual(0, result.ExitCode);
        AssertOutput(result, $"EnrichProducts.cs(16,41): error HEVL002: MaxReplicas = 8 is above the ceiling of pool 'cpu': it allows at most 6 replicas per workload (cluster http://127.0.0.1:{api.Port} (context {FakeKubernetesApi.Context}) line ");
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}", "error HEVL402", "RBAC verb 'get' on resource 'infrarules' in API group 'hevlayer.com'")]
    [InlineData(401, "{\"kind\":\"Status\",\"code\":401}", "error HEVL402", "HTTP 401 Unauthorized")]
    [InlineData(404, "{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\",\"details\":{\"name\":\"default\",\"group\":\"hevlayer.com\",\"kind\":\"infrarules\"}}", "error HEVL403", "the InfraRules resource exists but the object is missing")]
    [InlineData(404, "404 page not found", "error HEVL403", "the Layer operator, or its InfraRules CRD, is not installed")]
    [InlineData(200, "{\"apiVersion\": \"hevlayer.com/v1alpha1\", \"spec\": ", "error HEVL404", "malformed JSON")]
    [InlineData(200, "[1, 2, 3]", "error HEVL404", "not an object")]
    public void Each_fault_fails_the_build_with_its_own_error_and_leaves_no_snapshot(int status, string body, string code, string message)
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Status = status, Body = body };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context);

        Assert.NotEqual(0, result.ExitCode);
        AssertOutput(result, code);
        AssertOutput(result, message);
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(consumer.ProjectDirectory, "obj", "Debug", "net10.0", "hevlayer", "infrarules.cluster.yaml")));
        Assert.False(Directory.Exists(consumer.ManifestsDirectory));
    }

    [Fact]
    public void A_hanging_api_server_times_out_within_the_configured_bound()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Hang = true };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;
        var started = DateTime.UtcNow;

        var result = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context, "HevLayerClusterTimeoutSeconds=3");

        Assert.NotEqual(0, result.ExitCode);
        AssertOutput(result, "error HEVL401");
        AssertOutput(result, "did not answer within 3 s");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), "The build waited far beyond the timeout.");
        Assert.DoesNotContain(FakeKubernetesApi.Token, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_context_and_an_unreachable_server_are_errors_too()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root);
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var unknown = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=prod");
        Assert.NotEqual(0, unknown.ExitCode);
        AssertOutput(unknown, "error HEVL405: The kube context 'prod' (HevLayerKubeContext) is not in the kubeconfig");
        AssertOutput(unknown, "contexts: fake-context, other-context");

        api.Dispose();
        var unreachable = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context, "HevLayerClusterTimeoutSeconds=5");
        Assert.NotEqual(0, unreachable.ExitCode);
        AssertOutput(unreachable, "error HEVL401");
        Assert.DoesNotContain(FakeKubernetesApi.Token, unknown.Output + unreachable.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_client_credentials_fail_cleanly_and_never_echo_the_key()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root);
        const string key = "c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3QtcHJpbnQ=";
        File.WriteAllText(api.KubeconfigPath, File.ReadAllText(api.KubeconfigPath).Replace(
            "token: " + FakeKubernetesApi.Token,
            "client-certificate-data: bm90LWEtY2VydGlmaWNhdGU=\n      client-key-data: " + key,
            StringComparison.Ordinal));
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        var result = consumer.Build("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context);

        Assert.NotEqual(0, result.ExitCode);
        AssertOutput(result, "error HEVL40");
        Assert.DoesNotContain(key, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-material", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_design_time_build_never_reaches_the_cluster()
    {
        using var consumer = ConsumerProject.FromSample();
        using var api = new FakeKubernetesApi(consumer.Root) { Body = Json.Replace("CPU_CEILING", "20", StringComparison.Ordinal) };
        consumer.Environment["KUBECONFIG"] = api.KubeconfigPath;

        consumer.BuildSucceeds("HevLayerInfraRulesSource=cluster", "HevLayerKubeContext=" + FakeKubernetesApi.Context, "DesignTimeBuild=true", "TreatWarningsAsErrors=false");

        Assert.Empty(api.Requests);
    }

    private static void AssertOutput(ProcessResult result, string expected) =>
        Assert.True(result.Output.Contains(expected, StringComparison.Ordinal), $"Expected in the build output: {expected}\n{result}");
}

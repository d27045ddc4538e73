using System;
using System.IO;
using HevLayer.Build;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// HEVL405 when no kubeconfig can be found says why: a KUBECONFIG that names files which are not there is
/// named, not reported as unset. The variable and the standard file are passed in, so nothing process-wide changes.
/// </summary>
public sealed class KubeconfigTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-kubeconfig-" + Guid.NewGuid().ToString("N"));

    public KubeconfigTests() => Directory.CreateDirectory(root);

    [Fact]
    public void A_KUBECONFIG_naming_a_missing_file_is_HEVL405_naming_that_file()
    {
        var missing = Path.Combine(root, "does-not-exist", "config");

        var failure = Assert.Throws<ClusterFetchException>(() => ClusterInfraRules.Configure(null, missing, Path.Combine(root, "no-home-config")));

        Assert.Equal("HEVL405", failure.Code);
        Assert.Contains($"KUBECONFIG names {missing}, which does not exist", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_KUBECONFIG_naming_several_missing_files_names_each()
    {
        var first = Path.Combine(root, "a");
        var second = Path.Combine(root, "b");

        var failure = Assert.Throws<ClusterFetchException>(() => ClusterInfraRules.Configure(null, first + Path.PathSeparator + second, Path.Combine(root, "no-home-config")));

        Assert.Equal("HEVL405", failure.Code);
        Assert.Contains($"KUBECONFIG names {first}, {second}, none of which exists", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_KUBECONFIG_is_reported_as_unset_with_the_standard_file_named()
    {
        var standard = Path.Combine(root, ".kube", "config");

        var failure = Assert.Throws<ClusterFetchException>(() => ClusterInfraRules.Configure(null, null, standard));

        Assert.Equal("HEVL405", failure.Code);
        Assert.Contains($"KUBECONFIG is not set, {standard} does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_before_an_existing_one_in_KUBECONFIG_is_skipped()
    {
        var existing = Path.Combine(root, "config");
        File.WriteAllText(existing, """
            apiVersion: v1
            kind: Config
            clusters:
              - name: c
                cluster:
                  server: http://127.0.0.1:1
            contexts:
              - name: ctx
                context:
                  cluster: c
                  user: u
            current-context: ctx
            users:
              - name: u
                user:
                  token: t
            """);

        var (config, context) = ClusterInfraRules.Configure(null, Path.Combine(root, "missing") + Path.PathSeparator + existing, Path.Combine(root, "no-home-config"));

        Assert.Equal("ctx", context);
        Assert.Equal("http://127.0.0.1:1", config.Host?.TrimEnd('/'));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

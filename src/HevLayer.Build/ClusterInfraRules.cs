#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using HevLayer.Policy.Rules;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;

namespace HevLayer.Build;

/// <summary>A cluster fetch that failed; <see cref="Code"/> is a HEVL id and the message says what to do.</summary>
public sealed class ClusterFetchException : Exception
{
    /// <summary>Creates the exception. The message must never hold a credential.</summary>
    public ClusterFetchException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The diagnostic id.</summary>
    public string Code { get; }
}

/// <summary>The fetched object as a YAML snapshot, and a description of where it came from.</summary>
public sealed record ClusterSnapshot(string Yaml, string Source);

/// <summary>
/// Fetches <c>InfraRules/default</c> (group hevlayer.com, version v1alpha1, plural infrarules,
/// cluster-scoped) with KubernetesClient, using the usual kubeconfig rules: <c>KUBECONFIG</c> (the first
/// file in it that exists; KubernetesClient does not expose merging), else <c>~/.kube/config</c>, else the
/// in-cluster service account. TLS verification
/// follows the kubeconfig. Every failure is a <see cref="ClusterFetchException"/> whose message holds
/// no token, certificate or key.
/// </summary>
public static class ClusterInfraRules
{
    /// <summary>The API group of InfraRules.</summary>
    public const string Group = "hevlayer.com";

    /// <summary>The API version of InfraRules.</summary>
    public const string Version = "v1alpha1";

    /// <summary>The resource plural of InfraRules.</summary>
    public const string Plural = "infrarules";

    /// <summary>The one object's name.</summary>
    public const string Name = "default";

    /// <summary>Fetches the object and renders the snapshot.</summary>
    public static ClusterSnapshot Fetch(string? context, TimeSpan timeout)
    {
        var (config, contextName) = Configure(context);
        config.HttpClientTimeout = timeout;
        var server = config.Host ?? "(unknown server)";
        var source = $"cluster {server} (context {contextName})";

        using var client = CreateClient(config);
        using var cancel = new CancellationTokenSource(timeout);
        JsonElement body;
        try
        {
            using var response = client.CustomObjects
                .GetClusterCustomObjectWithHttpMessagesAsync<JsonElement>(Group, Version, Plural, Name, cancellationToken: cancel.Token)
                .GetAwaiter().GetResult();
            body = response.Body;
        }
        catch (HttpOperationException e)
        {
            throw FromStatus(e.Response?.StatusCode ?? 0, e.Response?.Content, source);
        }
        catch (OperationCanceledException)
        {
            throw new ClusterFetchException(BuildRules.Unreachable.Id, $"The Kubernetes API server of {source} did not answer within {timeout.TotalSeconds:0} s; no InfraRules were checked. Check that the cluster is reachable, or raise HevLayerClusterTimeoutSeconds.");
        }
        catch (HttpRequestException e)
        {
            throw new ClusterFetchException(BuildRules.Unreachable.Id, $"The Kubernetes API server of {source} cannot be reached ({Describe(e)}); no InfraRules were checked. Check the cluster and your kubeconfig (KUBECONFIG, HevLayerKubeContext).");
        }
        catch (JsonException)
        {
            throw new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered with malformed JSON for InfraRules/default; no InfraRules were checked. Check the Layer operator's version against hevlayer.com/{Version}.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered with a malformed InfraRules/default (a JSON {body.ValueKind.ToString().ToLowerInvariant()}, not an object); no InfraRules were checked.");
        }

        var yaml = "# InfraRules/default fetched from " + source + ".\n"
            + "# A snapshot: every build with HevLayerInfraRulesSource=cluster rewrites it. Do not edit.\n"
            + ClusterSnapshotYaml.Write(body);
        return new ClusterSnapshot(yaml, source);
    }

    /// <summary>
    /// A failure that is neither the cluster's answer nor the kubeconfig's (an IO error, or a bug of ours):
    /// HEVL407, with the exception's message but nothing that could be a credential.
    /// </summary>
    public static ClusterFetchException Unexpected(Exception e) => new(
        BuildRules.FetchFailed.Id,
        $"The cluster fetch failed unexpectedly ({e.GetType().Name}: {Redact(e.Message)}); no InfraRules were checked. If it is not a disk problem, please report it.");

    /// <summary>
    /// Removes what could be a credential from <paramref name="text"/>: a run of the characters tokens, keys
    /// and certificates are made of (base64, base64url, hex, JWT dots) with a part of 20 or more characters
    /// mixing letters and digits, and whatever follows "Bearer" or "Basic". Paths and words stay readable.
    /// </summary>
    public static string Redact(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var end = i;
            while (end < text.Length && IsTokenChar(text[end]))
            {
                end++;
            }

            if (end == i)
            {
                result.Append(text[i++]);
                continue;
            }

            var run = text.Substring(i, end - i);
            var previous = result.ToString().TrimEnd();
            var afterScheme = previous.EndsWith("Bearer", StringComparison.OrdinalIgnoreCase) || previous.EndsWith("Basic", StringComparison.OrdinalIgnoreCase);
            result.Append(afterScheme || run.Split('/').Any(LooksSecret) ? "[redacted]" : run);
            i = end;
        }

        return result.ToString();
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '/' or '_' or '-' or '.';

    private static bool LooksSecret(string part) => part.Length >= 20 && part.Any(char.IsDigit) && part.Any(char.IsLetter);

    /// <summary>Client setup reads certificates and keys; its exceptions may quote them, so only their type is shown.</summary>
    internal static Kubernetes CreateClient(KubernetesClientConfiguration config)
    {
        try
        {
            return new Kubernetes(config);
        }
        catch (Exception e)
        {
            throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"The Kubernetes client could not be set up from the kubeconfig ({e.GetType().Name}); no InfraRules were checked. Check the credentials of the kube context (HevLayerKubeContext), or use HevLayerInfraRulesSource=file.");
        }
    }

    internal static (KubernetesClientConfiguration Config, string Context) Configure(string? context) =>
        Configure(context, Environment.GetEnvironmentVariable("KUBECONFIG"), Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"));

    /// <summary>
    /// <see cref="Configure(string?)"/> with the value of <c>KUBECONFIG</c> (<paramref name="kubeconfigVariable"/>)
    /// and the standard file (<paramref name="standardFile"/>, <c>~/.kube/config</c>) given, for tests.
    /// </summary>
    internal static (KubernetesClientConfiguration Config, string Context) Configure(string? context, string? kubeconfigVariable, string standardFile)
    {
        var named = KubeconfigVariableFiles(kubeconfigVariable);
        var files = named is null ? (File.Exists(standardFile) ? new List<string> { standardFile } : new List<string>()) : named.Where(File.Exists).ToList();
        try
        {
            if (files.Count > 0)
            {
                var kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(files[0]), useRelativePaths: true);
                if (!string.IsNullOrEmpty(context) && kubeconfig.Contexts?.All(c => c.Name != context) != false)
                {
                    var known = string.Join(", ", kubeconfig.Contexts?.Select(c => c.Name) ?? Array.Empty<string>());
                    throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"The kube context '{context}' (HevLayerKubeContext) is not in the kubeconfig ({files[0]}); contexts: {(known.Length == 0 ? "(none)" : known)}.");
                }

                var name = string.IsNullOrEmpty(context) ? kubeconfig.CurrentContext ?? "(current)" : context!;
                return (KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, context), name);
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return (KubernetesClientConfiguration.InClusterConfig(), "in-cluster");
            }
        }
        catch (KubeConfigException e)
        {
            throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"The kubeconfig cannot be used: {e.Message}. Fix it, or point KUBECONFIG at a working one.");
        }
        catch (Exception e) when (e is IOException or YamlDotNet.Core.YamlException or UnauthorizedAccessException)
        {
            throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"The kubeconfig ({files[0]}) cannot be read: {e.GetType().Name}. Fix it, or point KUBECONFIG at a working one.");
        }
        catch (Exception e) when (e is not ClusterFetchException)
        {
            // Reading certificates and keys: the message may quote them, so only the type is shown.
            throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"The Kubernetes client could not be set up from the kubeconfig ({e.GetType().Name}); no InfraRules were checked. Check the credentials of the kube context (HevLayerKubeContext), or use HevLayerInfraRulesSource=file.");
        }

        if (named is not null)
        {
            // KUBECONFIG is set, but to files that are not there: say which, not that it is unset.
            var missing = named.Count == 1 ? $"KUBECONFIG names {named[0]}, which does not exist" : $"KUBECONFIG names {string.Join(", ", named)}, none of which exists";
            throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"No kubeconfig found ({missing}, and this is not a pod). Fix KUBECONFIG, unset it to use {standardFile}, or use HevLayerInfraRulesSource=file.");
        }

        throw new ClusterFetchException(BuildRules.Kubeconfig.Id, $"No kubeconfig found (KUBECONFIG is not set, {standardFile} does not exist, and this is not a pod). Set KUBECONFIG, or use HevLayerInfraRulesSource=file.");
    }

    /// <summary>The files <c>KUBECONFIG</c> names, in order, whether or not they exist; null when it names none.</summary>
    private static List<string>? KubeconfigVariableFiles(string? variable)
    {
        var files = (variable ?? string.Empty).Split(Path.PathSeparator).Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        return files.Count == 0 ? null : files;
    }

    private static ClusterFetchException FromStatus(HttpStatusCode status, string? content, string source)
    {
        var code = (int)status;
        return code switch
        {
            401 => new ClusterFetchException(BuildRules.AccessDenied.Id, $"{source} refused the credentials (HTTP 401 Unauthorized). Refresh your login or token; the build needs to 'get' the cluster-scoped resource 'infrarules' in API group 'hevlayer.com'."),
            403 => new ClusterFetchException(BuildRules.AccessDenied.Id, $"{source} denied access (HTTP 403 Forbidden). Grant the build's identity the RBAC verb 'get' on resource 'infrarules' in API group 'hevlayer.com' (cluster-scoped: a ClusterRole and ClusterRoleBinding), for example: kubectl create clusterrole hevlayer-infrarules-reader --verb=get --resource=infrarules.hevlayer.com"),
            404 when IsObjectMissing(content, Name) => new ClusterFetchException(BuildRules.NotServed.Id, $"{source} has no InfraRules/default (HTTP 404): the InfraRules resource exists but the object is missing. Create it (Helm: operator.infraRules.create=true)."),
            404 => new ClusterFetchException(BuildRules.NotServed.Id, $"{source} does not serve infrarules.hevlayer.com/{Version} (HTTP 404): the Layer operator, or its InfraRules CRD, is not installed."),
            _ => new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered HTTP {code} for InfraRules/default; no InfraRules were checked."),
        };
    }

    /// <summary>True when a 404 body is the API server's Status for the missing object <paramref name="expected"/> (not a resource that is not served).</summary>
    internal static bool IsObjectMissing(string? content, string expected)
    {
        if (string.IsNullOrEmpty(content))
        {
            return false;
        }

        try
        {
            using var status = JsonDocument.Parse(content);
            return status.RootElement.TryGetProperty("details", out var details)
                && details.TryGetProperty("name", out var name)
                && name.GetString() == expected;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string Describe(HttpRequestException e) =>
        e.InnerException is System.Net.Sockets.SocketException socket ? socket.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
}
#endif

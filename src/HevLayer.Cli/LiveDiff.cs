using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using HevLayer.Build;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Rules;
using k8s;
using k8s.Autorest;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Cli;

/// <summary>What a workload's manifest would change in the cluster.</summary>
internal enum DiffState
{
    /// <summary>Not in the cluster yet.</summary>
    New,

    /// <summary>In the cluster with other values.</summary>
    Changed,

    /// <summary>In the cluster as the manifest says.</summary>
    Unchanged,

    /// <summary>In the cluster, labelled as ours, and no longer declared.</summary>
    ClusterOnly,
}

/// <summary>One field that differs: its YAML path, the live value and the manifest's (null when absent).</summary>
internal sealed record FieldChange(string Path, string? Old, string? New);

/// <summary>A workload the build wrote: its identity, its fields by YAML path, and its model (for the InfraRules check).</summary>
internal sealed record DesiredWorkload(string Kind, string Namespace, string Name, SortedDictionary<string, string> Fields, WorkloadDocument? Model);

/// <summary>One workload's difference, and what the live cluster says about it.</summary>
internal sealed record WorkloadDiff(string Kind, string Namespace, string Name, DiffState State, IReadOnlyList<FieldChange> Changes, string? LiveUnready, IReadOnlyList<string> WouldBeUnready);

/// <summary>
/// Compares the manifests the build writes with the live objects: one GET per workload, one LIST per
/// namespace and kind for objects labelled <c>app.kubernetes.io/managed-by: hevlayer-generators</c> that are
/// no longer declared. Fields the server or kubectl adds are ignored. Needs only <c>get</c> and <c>list</c>
/// on <c>pipelines</c> and <c>functions</c> in <c>hevlayer.com</c>.
/// </summary>
internal static class LiveDiff
{
    private static readonly string[] ServerAnnotations = { "kubectl.kubernetes.io/", "deployment.kubernetes.io/" };

    /// <summary>
    /// The desired workloads in <paramref name="folder"/> (the build's manifests folder). Each file is read
    /// once: its YAML as path -> value for the comparison, and as the workload model for the InfraRules check.
    /// </summary>
    public static List<DesiredWorkload> Desired(string folder)
    {
        var result = new List<DesiredWorkload>();
        foreach (var file in Inputs.YamlFiles(folder))
        {
            var input = Inputs.ReadFile(file);
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(input.Text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                throw new IOException($"{input.Path} is not YAML; run hevlayer check on it");
            }

            var models = WorkloadManifestReader.Read(input.Path, input.Text).Workloads;
            foreach (var document in stream.Documents)
            {
                if (document.RootNode is YamlMappingNode root
                    && Scalar(root, "apiVersion") == ManifestWriter.ApiVersion
                    && Scalar(root, "kind") is "Pipeline" or "Function")
                {
                    var kind = Scalar(root, "kind")!;
                    var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) ? m as YamlMappingNode : null;
                    var name = metadata is null ? null : Scalar(metadata, "name");
                    var ns = (metadata is null ? null : Scalar(metadata, "namespace")) ?? "default";
                    if (name is not null)
                    {
                        var model = models.FirstOrDefault(w => ManifestWriter.KindName(w.Declared.Kind) == kind && w.Declared.Name == name && (w.Declared.Namespace ?? "default") == ns);
                        result.Add(new DesiredWorkload(kind, ns, name, Flatten(root), model));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Compares <paramref name="folder"/> with the cluster of <paramref name="context"/>.</summary>
    public static (IReadOnlyList<WorkloadDiff> Diffs, string Source, string? InfraRulesNote) Run(string folder, string? context, TimeSpan timeout)
    {
        var desired = Desired(folder);
        var (config, contextName) = ClusterInfraRules.Configure(context);
        config.HttpClientTimeout = timeout;
        var source = $"cluster {config.Host ?? "(unknown server)"} (context {contextName})";
        using var client = ClusterInfraRules.CreateClient(config);

        // The live InfraRules, to say which changes the operator would leave unready; a diff does not need them.
        InfraRulesModel? infraRules = null;
        string? note = null;
        try
        {
            var snapshot = ClusterInfraRules.Fetch(context, timeout);
            var read = InfraRulesReader.Read(snapshot.Source, snapshot.Yaml);
            infraRules = read.Spec is { } spec ? InfraRulesModel.From(snapshot.Source, spec) : null;
        }
        catch (ClusterFetchException e)
        {
            note = $"InfraRules/default not read ({e.Code}), so changes are not checked against the live ceilings";
        }

        var diffs = new List<WorkloadDiff>();
        foreach (var (kind, ns, name, fields, model) in desired)
        {
            var live = Call(source, () => client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                ClusterInfraRules.Group, ClusterInfraRules.Version, ns, Plural(kind), name).GetAwaiter().GetResult().Body, timeout, allowMissingObject: name);
            var wouldBeUnready = infraRules is null || model is null ? Array.Empty<string>() : Unready(model, infraRules);
            if (live is null)
            {
                diffs.Add(new WorkloadDiff(kind, ns, name, DiffState.New, Array.Empty<FieldChange>(), null, wouldBeUnready));
                continue;
            }

            var changes = Compare(Flatten(live.Value), fields);
            diffs.Add(new WorkloadDiff(kind, ns, name, changes.Count == 0 ? DiffState.Unchanged : DiffState.Changed, changes, Unready(live.Value), changes.Count == 0 ? Array.Empty<string>() : wouldBeUnready));
        }

        var declared = new HashSet<(string, string, string)>(desired.Select(d => (d.Kind, d.Namespace, d.Name)));
        foreach (var ns in desired.Select(d => d.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
        {
            foreach (var kind in new[] { "Pipeline", "Function" })
            {
                var list = Call(source, () => client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                    ClusterInfraRules.Group, ClusterInfraRules.Version, ns, Plural(kind),
                    labelSelector: ManifestWriter.ManagedByLabel + "=" + ManifestWriter.ManagedByValue).GetAwaiter().GetResult().Body, timeout, allowMissingObject: null)!.Value;
                if (!list.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    throw new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered the list of {Plural(kind)} in {ns} without an items array.");
                }

                foreach (var item in items.EnumerateArray())
                {
                    var name = item.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("name", out var n) ? n.GetString() : null;
                    if (name is not null && !declared.Contains((kind, ns, name)))
                    {
                        diffs.Add(new WorkloadDiff(kind, ns, name, DiffState.ClusterOnly, Array.Empty<FieldChange>(), Unready(item), Array.Empty<string>()));
                    }
                }
            }
        }

        return (diffs.OrderBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).ToList(), source, note);
    }

    /// <summary>The fields that differ, by path: the live value, then the manifest's.</summary>
    public static List<FieldChange> Compare(SortedDictionary<string, string> live, SortedDictionary<string, string> desired)
    {
        var changes = new List<FieldChange>();
        foreach (var path in live.Keys.Union(desired.Keys).Distinct().OrderBy(p => p, StringComparer.Ordinal))
        {
            live.TryGetValue(path, out var old);
            desired.TryGetValue(path, out var now);
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(path, old, now));
            }
        }

        return changes;
    }

    /// <summary>A YAML mapping as path -> scalar, without what the server or kubectl adds.</summary>
    public static SortedDictionary<string, string> Flatten(YamlMappingNode root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, string.Empty, result);
        return result;
    }

    private static SortedDictionary<string, string> Flatten(JsonElement live) =>
        Flatten((YamlMappingNode)Load(ClusterSnapshotYaml.Write(live)));

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }

    private static void Walk(YamlNode node, string path, SortedDictionary<string, string> result)
    {
        if (WorkloadFields.IsServerOwned(path)
            || (path.StartsWith("metadata.annotations.", StringComparison.Ordinal) && ServerAnnotations.Any(a => path.Substring("metadata.annotations.".Length).StartsWith(a, StringComparison.Ordinal))))
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    Walk(value, path.Length == 0 ? ((YamlScalarNode)key).Value! : path + "." + ((YamlScalarNode)key).Value, result);
                }

                break;
            case YamlSequenceNode list:
                var i = 0;
                foreach (var item in list)
                {
                    Walk(item, path + "[" + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", result);
                }

                if (i == 0)
                {
                    result[path] = "[]";
                }

                break;
            case YamlScalarNode scalar:
                result[path] = scalar.Value ?? string.Empty;
                break;
        }
    }

    /// <summary>Why the live object is not Ready, from its status conditions; null when it is, or says nothing.</summary>
    private static string? Unready(JsonElement live)
    {
        if (!live.TryGetProperty("status", out var status) || !status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var condition in conditions.EnumerateArray())
        {
            if (condition.TryGetProperty("type", out var type) && type.GetString() == "Ready"
                && condition.TryGetProperty("status", out var value) && value.GetString() != "True")
            {
                var reason = condition.TryGetProperty("reason", out var r) ? r.GetString() : null;
                var message = condition.TryGetProperty("message", out var m) ? m.GetString() : null;
                return string.Join(": ", new[] { reason, message }.Where(x => !string.IsNullOrEmpty(x)).DefaultIfEmpty("Ready is " + value.GetString()));
            }
        }

        return null;
    }

    /// <summary>The error-level findings the live InfraRules give the manifest: what the operator would leave unready.</summary>
    private static IReadOnlyList<string> Unready(WorkloadDocument document, InfraRulesModel infraRules) =>
        ManifestCheck.Check(document, infraRules, true)
            .Where(f => f.Finding.RuleId is "HEVL001" or "HEVL002")
            .Select(f => f.Finding.RuleId + ": " + f.Finding.Message)
            .ToList();

    private static string Plural(string kind) => kind == "Function" ? "functions" : "pipelines";

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>One API call, its failures as HEVL40x; a 404 for a missing object (<paramref name="allowMissingObject"/>) is null.</summary>
    private static JsonElement? Call(string source, Func<JsonElement> call, TimeSpan timeout, string? allowMissingObject)
    {
        try
        {
            var body = call();
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered with a JSON {body.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            return body;
        }
        catch (HttpOperationException e)
        {
            var code = (int)(e.Response?.StatusCode ?? 0);
            var content = e.Response?.Content;
            if (code == 404 && allowMissingObject is not null && ClusterInfraRules.IsObjectMissing(content, allowMissingObject))
            {
                return null;
            }

            throw code switch
            {
                401 or 403 => new ClusterFetchException(BuildRules.AccessDenied.Id, $"{source} denied access (HTTP {code}). hevlayer diff needs the RBAC verbs 'get' and 'list' on 'pipelines' and 'functions' in API group 'hevlayer.com' (README, \"hevlayer diff\", has the Role)."),
                404 => new ClusterFetchException(BuildRules.NotServed.Id, $"{source} does not serve pipelines/functions.hevlayer.com/{ClusterInfraRules.Version} (HTTP 404): the Layer operator, or its CRDs, is not installed."),
                _ => new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered HTTP {code}."),
            };
        }
        catch (OperationCanceledException)
        {
            throw new ClusterFetchException(BuildRules.Unreachable.Id, $"The Kubernetes API server of {source} did not answer within {timeout.TotalSeconds:0} s; raise --timeout or check the cluster.");
        }
        catch (HttpRequestException e)
        {
            throw new ClusterFetchException(BuildRules.Unreachable.Id, $"The Kubernetes API server of {source} cannot be reached ({ClusterInfraRules.Describe(e)}).");
        }
        catch (JsonException)
        {
            throw new ClusterFetchException(BuildRules.BadAnswer.Id, $"{source} answered with malformed JSON.");
        }
    }
}

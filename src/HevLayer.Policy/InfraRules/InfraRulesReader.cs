using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using HevLayer.Policy.Yaml;
using static HevLayer.Policy.Yaml.DidYouMean;
using static HevLayer.Policy.Yaml.YamlPositions;

namespace HevLayer.Policy.InfraRules;

/// <summary>
/// Reads InfraRules YAML (a single document or a multi-document stream such as rendered Helm output)
/// into <see cref="InfraRulesSpec"/>, keeping every node's position, and reports syntax errors, unknown
/// fields and wrongly typed values at their line and column. Semantic rules run on the result in
/// <see cref="RuleCatalog.InfraRules"/>, which this reader applies to the document it returns.
/// </summary>
public static class InfraRulesReader
{
    /// <summary>The kind this reader looks for.</summary>
    public const string Kind = "InfraRules";

    /// <summary>The fields of the document root. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> RootFields { get; } = new[] { "apiVersion", "kind", "metadata", "spec", "status" };

    /// <summary>The fields of <c>metadata</c> (the object metadata Kubernetes defines). The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> MetadataFields { get; } = new[]
    {
        "name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "finalizers", "ownerReferences", "generateName", "selfLink",
    };

    /// <summary>The fields of <c>spec</c>. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> SpecFields { get; } = new[] { "computePools", "documentCache" };

    /// <summary>The fields of a compute pool (<c>spec.computePools[]</c>). The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> PoolFields { get; } = new[] { "name", "kind", "gpuType", "nodeSelector", "tolerations", "resources", "maxReplicasPerWorkload" };

    /// <summary>The fields of a pool's <c>resources</c>. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> ResourcesFields { get; } = new[] { "requests", "limits", "claims" };

    /// <summary>The fields of <c>spec.documentCache</c>. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> CacheFields { get; } = new[] { "capGiB", "replicationFactor", "scaling" };

    /// <summary>The fields of <c>spec.documentCache.scaling</c>. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> CacheScalingFields { get; } = new[] { "mode", "nodes" };

    /// <summary>The fields of <c>spec.documentCache.scaling.nodes</c>. The seed's field table; JSON schemas are built from these lists.</summary>
    public static IReadOnlyList<string> NodesFields { get; } = new[] { "min", "max" };

    /// <summary>Reads <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    public static InfraRulesFile Read(string path, string text)
    {
        var findings = new List<Finding>();
        var stream = new YamlStream();
        try
        {
            // The compiler and the IDE decode files as UTF-8 and put U+FFFD where the bytes are not UTF-8;
            // a pool name read through it would be garbled, so the file is refused at the first one. This
            // comes before the limits, which parse: a binary file is not UTF-8, not a syntax error.
            var replacement = text.Length <= YamlLimits.MaxCharacters ? text.IndexOf('\uFFFD') : -1;
            if (replacement >= 0)
            {
                return Failed(path, InfraRulesFileRules.NotUtf8.In(SourceSpan.AtOffset(path, text, replacement)));
            }

            if (YamlLimits.Check(path, text) is { } over)
            {
                return Failed(path, over);
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return Failed(path, InfraRulesFileRules.YamlSyntax.In(Span(path, e.Start, e.End), ("detail", Sentence(e.Message))));
        }
        catch (System.Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet signals some malformed input (for example duplicate keys) outside YamlException.
            return Failed(path, InfraRulesFileRules.YamlSyntax.In(SourceSpan.FileStart(path), ("detail", Sentence(e.Message))));
        }

        var candidates = new List<YamlMappingNode>();
        var documents = 0;
        foreach (var document in stream.Documents)
        {
            documents++;
            if (document.RootNode is YamlMappingNode map && Scalar(map, "kind") is { } kind && kind.Value == Kind)
            {
                candidates.Add(map);
            }
        }

        // A file with one document that is not of kind InfraRules is taken as a mistyped InfraRules
        // (HEVL202 says so); in a multi-document stream, other kinds are simply other objects.
        if (candidates.Count == 0 && documents == 1 && stream.Documents[0].RootNode is YamlMappingNode single)
        {
            candidates.Add(single);
        }

        if (candidates.Count == 0)
        {
            return Failed(path, InfraRulesFileRules.NoDocument.In(SourceSpan.FileStart(path), ("contents", Contents(stream))));
        }

        var reader = new DocumentReader(path, findings);
        var spec = reader.ReadRoot(candidates[0]);
        findings.AddRange(RuleCatalog.Check(spec));
        var extra = new List<SourceSpan>();
        for (var i = 1; i < candidates.Count; i++)
        {
            var at = Span(path, candidates[i].Start, candidates[i].Start);
            extra.Add(at);
            findings.Add(InfraRulesFileRules.MultipleInfraRules.In(at, ("first", spec.Document.ToString())));
        }

        return new InfraRulesFile(path, spec, new EquatableArray<Finding>(findings.ToArray()), new EquatableArray<SourceSpan>(extra.ToArray()));
    }

    /// <summary>What a file without InfraRules holds, for the message: nothing, or the kinds of its documents.</summary>
    private static string Contents(YamlStream stream)
    {
        var kinds = new List<string>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode map && Scalar(map, "kind") is { Value: { Length: > 0 } kind })
            {
                kinds.Add("kind " + kind);
            }
            else if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }
            else
            {
                kinds.Add(document.RootNode is YamlMappingNode ? "a mapping with no kind" : "a " + (document.RootNode is YamlSequenceNode ? "list" : "plain value"));
            }
        }

        return kinds.Count == 0 ? "it is empty or holds only comments"
            : "its " + (kinds.Count == 1 ? "document is " : Text(kinds.Count) + " documents are ") + string.Join(", ", kinds);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static InfraRulesFile Failed(string path, Finding finding) =>
        new(path, null, new EquatableArray<Finding>(new[] { finding }), EquatableArray<SourceSpan>.Empty);


    private static YamlScalarNode? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlScalarNode : null;

    private sealed class DocumentReader
    {
        private readonly string path;
        private readonly List<Finding> findings;

        public DocumentReader(string path, List<Finding> findings)
        {
            this.path = path;
            this.findings = findings;
        }

        public InfraRulesSpec ReadRoot(YamlMappingNode root)
        {
            CheckFields(root, RootFields, string.Empty);
            Node<string>? name = null, ns = null;
            if (Child(root, "metadata") is { } metadataNode && Mapping(metadataNode, "metadata") is { } metadata)
            {
                CheckFields(metadata, MetadataFields, "metadata.");
                name = String(metadata, "name", "metadata.");
                ns = String(metadata, "namespace", "metadata.");
            }

            var pools = new List<PoolSpec>();
            DocumentCacheSpec? cache = null;
            if (Child(root, "spec") is { } specNode && Mapping(specNode, "spec") is { } spec)
            {
                CheckFields(spec, SpecFields, "spec.");
                if (Child(spec, "computePools") is { } poolsNode)
                {
                    if (poolsNode is YamlSequenceNode sequence)
                    {
                        foreach (var item in sequence.Children)
                        {
                            if (Mapping(item, "spec.computePools[]") is { } pool)
                            {
                                pools.Add(ReadPool(pool));
                            }
                        }
                    }
                    else
                    {
                        WrongType(poolsNode, "spec.computePools", "a list of pools");
                    }
                }

                if (Child(spec, "documentCache") is { } cacheNode && Mapping(cacheNode, "spec.documentCache") is { } cacheMap)
                {
                    cache = ReadCache(cacheMap);
                }
            }

            return new InfraRulesSpec(
                Span(path, root.Start, root.Start),
                String(root, "apiVersion", string.Empty),
                String(root, "kind", string.Empty),
                name,
                ns,
                new EquatableArray<PoolSpec>(pools.ToArray()),
                cache);
        }

        private PoolSpec ReadPool(YamlMappingNode pool)
        {
            const string at = "spec.computePools[].";
            CheckFields(pool, PoolFields, at);
            var requests = new List<QuantitySpec>();
            var limits = new List<QuantitySpec>();
            if (Child(pool, "resources") is { } resourcesNode && Mapping(resourcesNode, at + "resources") is { } resources)
            {
                CheckFields(resources, ResourcesFields, at + "resources.");
                ReadQuantities(resources, "requests", requests);
                ReadQuantities(resources, "limits", limits);
            }

            return new PoolSpec(
                Span(path, pool.Start, pool.Start),
                String(pool, "name", at),
                String(pool, "kind", at),
                String(pool, "gpuType", at),
                Integer(pool, "maxReplicasPerWorkload", at),
                new EquatableArray<QuantitySpec>(requests.ToArray()),
                new EquatableArray<QuantitySpec>(limits.ToArray()),
                NodeSelector(pool, at));
        }

        /// <summary>A pool's <c>nodeSelector</c>: the string pairs, as written (a value of another type is HEVL217).</summary>
        private EquatableArray<KeyValue> NodeSelector(YamlMappingNode pool, string at)
        {
            if (Child(pool, "nodeSelector") is not { } node || Mapping(node, at + "nodeSelector") is not { } map)
            {
                return EquatableArray<KeyValue>.Empty;
            }

            var pairs = new List<KeyValue>();
            foreach (var pair in map.Children)
            {
                if (pair.Key is YamlScalarNode { Value: { } key } && pair.Value is YamlScalarNode { Value: { } value })
                {
                    pairs.Add(new KeyValue(key, value));
                }
                else
                {
                    WrongType(pair.Value, at + "nodeSelector." + pair.Key, "a string");
                }
            }

            return new EquatableArray<KeyValue>(pairs.ToArray());
        }

        private void ReadQuantities(YamlMappingNode resources, string key, List<QuantitySpec> into)
        {
            if (Child(resources, key) is not { } node || Mapping(node, "resources." + key) is not { } map)
            {
                return;
            }

            foreach (var pair in map.Children)
            {
                if (pair.Key is YamlScalarNode { Value: { } resource } && pair.Value is YamlScalarNode { Value: { } value } scalar)
                {
                    into.Add(new QuantitySpec(resource, new Node<string>(value, Span(path, scalar.Start, scalar.End))));
                }
                else
                {
                    WrongType(pair.Value, "resources." + key + "." + pair.Key, "a quantity such as 500m or 512Mi");
                }
            }
        }

        private DocumentCacheSpec ReadCache(YamlMappingNode cache)
        {
            const string at = "spec.documentCache.";
            CheckFields(cache, CacheFields, at);
            Node<string>? mode = null;
            Node<long>? min = null, max = null;
            if (Child(cache, "scaling") is { } scalingNode && Mapping(scalingNode, at + "scaling") is { } scaling)
            {
                CheckFields(scaling, CacheScalingFields, at + "scaling.");
                mode = String(scaling, "mode", at + "scaling.");
                if (Child(scaling, "nodes") is { } nodesNode && Mapping(nodesNode, at + "scaling.nodes") is { } nodes)
                {
                    CheckFields(nodes, NodesFields, at + "scaling.nodes.");
                    min = Integer(nodes, "min", at + "scaling.nodes.");
                    max = Integer(nodes, "max", at + "scaling.nodes.");
                }
            }

            return new DocumentCacheSpec(Span(path, cache.Start, cache.Start), Number(cache, "capGiB", at), Integer(cache, "replicationFactor", at), mode, min, max);
        }

        private void CheckFields(YamlMappingNode map, IReadOnlyList<string> known, string at)
        {
            foreach (var key in map.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name })
                {
                    WrongType(key, at.TrimEnd('.'), "a mapping with plain keys");
                    continue;
                }

                if (known.Contains(name))
                {
                    continue;
                }

                var suggestion = Closest(name, known);
                var hint = suggestion is null
                    ? "known fields here: " + string.Join(", ", known)
                    : "did you mean '" + suggestion + "'?";
                findings.Add(InfraRulesFileRules.UnknownField.In(Span(path, key.Start, key.End), ("field", name), ("parent", at.Length == 0 ? "the document root" : at.TrimEnd('.')), ("hint", hint)));
            }
        }

        private YamlMappingNode? Mapping(YamlNode node, string field)
        {
            if (node is YamlMappingNode map)
            {
                return map;
            }

            if (!IsNull(node))
            {
                WrongType(node, field, "a mapping");
            }

            return null;
        }

        private Node<string>? String(YamlMappingNode map, string key, string at)
        {
            if (Child(map, key) is not { } node || IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode { Value: { } value } scalar)
            {
                return new Node<string>(value, Span(path, scalar.Start, scalar.End));
            }

            WrongType(node, at + key, "a string");
            return null;
        }

        private Node<long>? Integer(YamlMappingNode map, string key, string at)
        {
            if (Child(map, key) is not { } node || IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text } scalar
                && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return new Node<long>(value, Span(path, scalar.Start, scalar.End));
            }

            var digits = node is YamlScalarNode { Value: { } t } && t.TrimStart('-', '+').Length > 0 && t.TrimStart('-', '+').All(char.IsDigit);
            WrongType(node, at + key, digits ? "a whole number between -9223372036854775808 and 9223372036854775807" : "a whole number");
            return null;
        }

        private Node<double>? Number(YamlMappingNode map, string key, string at)
        {
            if (Child(map, key) is not { } node || IsNull(node))
            {
                return null;
            }

            if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text } scalar
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !double.IsInfinity(value) && !double.IsNaN(value))
            {
                return new Node<double>(value, Span(path, scalar.Start, scalar.End));
            }

            WrongType(node, at + key, "a number");
            return null;
        }

        private void WrongType(YamlNode node, string field, string expected) =>
            findings.Add(InfraRulesFileRules.WrongValueType.In(Span(path, node.Start, node.End), ("field", field), ("expected", expected)));

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
            && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null" || scalar.Value == "Null" || scalar.Value == "NULL");
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using HevLayer.Policy.Emit;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Cli;

/// <summary>
/// JSON Schemas (draft-07) of InfraRules, Pipeline and Function as the product understands them, for YAML
/// editors (yaml-language-server). Built from the policy core's own tables: the InfraRules reader's field
/// lists, the manifest field table, the modes and triggers the writer spells. A schema only forbids what an
/// error-level rule rejects, so a document the analyzers accept is never flagged; unknown fields, which the
/// rules report as warnings, are flagged as the editor's "not allowed" hints. The repository's
/// <c>schemas/</c> folder holds the output, and a test holds it to this code.
/// </summary>
internal static class Schemas
{
    /// <summary>The schemas by file name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> All() => new SortedDictionary<string, JsonObject>(StringComparer.Ordinal)
    {
        ["infrarules.schema.json"] = InfraRules(),
        ["pipeline.schema.json"] = Workload(WorkloadKind.Pipeline),
        ["function.schema.json"] = Workload(WorkloadKind.Function),
    };

    /// <summary>A schema as the files hold it: indented, '\n' line ends, a final newline.</summary>
    public static string Text(JsonObject schema) =>
        schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>The InfraRules/default schema.</summary>
    public static JsonObject InfraRules()
    {
        var pool = Object(InfraRulesReader.PoolFields, new Dictionary<string, JsonNode>
        {
            ["name"] = String("Referenced by spec.scaling.pool on Pipeline and Function resources."),
            ["kind"] = Suggested("Pool class label such as cpu or gpu.", "cpu", "gpu"),
            ["gpuType"] = String("Optional descriptive GPU type for GPU pools."),
            ["nodeSelector"] = StringMap("Applied to worker pods that choose the pool."),
            ["tolerations"] = new JsonObject { ["description"] = "Applied to worker pods that choose the pool.", ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
            ["resources"] = Object(InfraRulesReader.ResourcesFields, new Dictionary<string, JsonNode>
            {
                ["requests"] = Quantities("Resource requests of worker pods (Kubernetes quantities such as 500m, 2, 512Mi)."),
                ["limits"] = Quantities("Resource limits of worker pods; a request may not exceed its limit (HEVL211)."),
                ["claims"] = new JsonObject { ["type"] = "array" },
            }, "Container resources applied to worker pods."),
            ["maxReplicasPerWorkload"] = new JsonObject
            {
                ["description"] = "Hard ceiling for one Pipeline or Function: a workload asking for more replicas is left unready (HEVL002). Required, at least 1 (HEVL208).",
                ["type"] = "integer",
                ["minimum"] = 1,
            },
        }, "A compute pool.", required: new[] { "name", "maxReplicasPerWorkload" });
        var cache = Object(InfraRulesReader.CacheFields, new Dictionary<string, JsonNode>
        {
            ["capGiB"] = new JsonObject { ["description"] = "Document cache capacity in GiB; above 0 (HEVL212).", ["type"] = "number", ["exclusiveMinimum"] = 0 },
            ["replicationFactor"] = new JsonObject { ["description"] = "Copies of each cached document; at least 1, and at most scaling.nodes.max (HEVL213).", ["type"] = "integer", ["minimum"] = 1 },
            ["scaling"] = Object(InfraRulesReader.CacheScalingFields, new Dictionary<string, JsonNode>
            {
                ["mode"] = Enum("How the document cache scales (HEVL215).", Policy.Rules.InfraRules.UnknownCacheMode.Modes),
                ["nodes"] = Object(InfraRulesReader.NodesFields, new Dictionary<string, JsonNode>
                {
                    ["min"] = new JsonObject { ["type"] = "integer", ["description"] = "At most nodes.max (HEVL214)." },
                    ["max"] = new JsonObject { ["type"] = "integer" },
                }, "Node count bounds."),
            }, "How the document cache scales."),
        }, "The operator-owned document cache envelope: capacity, replication factor, and node count.");
        var spec = Object(InfraRulesReader.SpecFields, new Dictionary<string, JsonNode>
        {
            ["computePools"] = new JsonObject { ["description"] = "The pools workloads choose from, by name.", ["type"] = "array", ["items"] = pool },
            ["documentCache"] = cache,
        }, "The cluster's pools and document cache.");
        var root = Object(InfraRulesReader.RootFields, new Dictionary<string, JsonNode>
        {
            ["apiVersion"] = Const(ManifestWriter.ApiVersion),
            ["kind"] = Const(InfraRulesReader.Kind),
            ["metadata"] = Object(InfraRulesReader.MetadataFields, new Dictionary<string, JsonNode>
            {
                ["name"] = new JsonObject { ["description"] = "The operator validates that the object is named default (HEVL203).", ["const"] = "default" },
                ["labels"] = StringMap("Labels."),
                ["annotations"] = StringMap("Annotations."),
            }, "Object metadata. InfraRules is cluster-scoped: a namespace is ignored (HEVL204).", required: new[] { "name" }),
            ["spec"] = spec,
            ["status"] = new JsonObject { ["description"] = "Written by the operator." },
        }, null, required: new[] { "apiVersion", "kind", "metadata", "spec" });
        return Document("infrarules", "InfraRules/default (hevlayer.com/v1alpha1): the compute pools workloads choose from, each pool's replica ceiling, and the document cache.", root);
    }

    /// <summary>The schema of a Pipeline or Function manifest, from the manifest field table.</summary>
    public static JsonObject Workload(WorkloadKind kind)
    {
        var root = Node(kind, string.Empty);
        root["required"] = new JsonArray("apiVersion", "kind", "metadata", "spec");
        var name = ManifestWriter.KindName(kind);
        return Document(name.ToLowerInvariant(), $"A Layer {name} (hevlayer.com/v1alpha1) as HevLayer.Generators understands it.", root);
    }

    private static JsonObject Node(WorkloadKind kind, string path)
    {
        var properties = new JsonObject();
        foreach (var child in WorkloadFields.ChildrenOf(path, kind))
        {
            var childPath = path.Length == 0 ? child : path + "." + child;
            properties[child] = Field(kind, WorkloadFields.Find(childPath)!);
        }

        foreach (var owned in WorkloadFields.ServerOwned)
        {
            var dot = owned.LastIndexOf('.');
            if ((dot < 0 ? string.Empty : owned.Substring(0, dot)) == path)
            {
                properties[owned.Substring(dot + 1)] = new JsonObject { ["description"] = "Set by the API server; neither checked nor imported." };
            }
        }

        var node = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        var required = path switch
        {
            "metadata" => new[] { "name" },
            "spec" => new[] { "worker", "scaling" },
            "spec.worker" => new[] { "image" },
            "spec.scaling" => new[] { "pool" },
            _ => Array.Empty<string>(),
        };
        if (required.Length > 0)
        {
            node["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        }

        return node;
    }

    private static JsonNode Field(WorkloadKind kind, WorkloadField field)
    {
        var node = field.Shape switch
        {
            FieldShape.Mapping => Node(kind, field.Path),
            FieldShape.MappingList => new JsonObject { ["type"] = "array", ["items"] = Node(kind, field.Path) },
            FieldShape.Text when field.Choices.Count > 0 => Enum(null, field.Choices.ToArray()),
            FieldShape.Text => new JsonObject { ["type"] = "string" },
            FieldShape.Integer => new JsonObject { ["type"] = "integer", ["minimum"] = int.MinValue, ["maximum"] = int.MaxValue },
            FieldShape.LongInteger => new JsonObject { ["type"] = "integer" },
            FieldShape.Boolean => new JsonObject { ["type"] = "boolean" },
            FieldShape.TextList when field.Choices.Count > 0 => new JsonObject { ["type"] = "array", ["items"] = Enum(null, field.Choices.ToArray()) },
            FieldShape.TextList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            FieldShape.TextMap => new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
            _ => new JsonObject(),
        };

        switch (field.Path)
        {
            case "apiVersion":
                return Const(ManifestWriter.ApiVersion);
            case "kind":
                return Const(ManifestWriter.KindName(kind));
            case "metadata.name" or "metadata.namespace":
                // Kubernetes names: RFC 1123 labels (HEVL101, HEVL102).
                node["pattern"] = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
                node["maxLength"] = 63;
                break;
            case "spec.scaling.replicas.min" or "spec.scaling.replicas.max":
                node["minimum"] = 0; // HEVL004: replica counts are 0 or more.
                break;
        }

        if (field.OpenChildren)
        {
            // A pod-spec fragment: the fields the table does not list are kept by the operator.
            node.AsObject().Remove("additionalProperties");
        }

        var description = field.Description;
        if (field.Default is { } defaultValue)
        {
            description += " Missing means " + defaultValue + ".";
        }

        if (field.Rules.Count > 0)
        {
            description += " Checked by " + string.Join(", ", field.Rules) + ".";
        }

        if (field.Target is { } target && field.Path is not ("apiVersion" or "kind" or "metadata" or "spec"))
        {
            description += " C#: " + Attribute(target, ManifestWriter.KindName(kind)) + ".";
        }

        // The description first, as the rest of the schema writes it.
        var described = node.AsObject();
        var rest = described.ToList();
        described.Clear();
        described["description"] = description;
        foreach (var (key, value) in rest)
        {
            described[key] = value;
        }

        return described;
    }

    private static string Attribute(WorkloadTarget target, string kind) => target.Kind switch
    {
        TargetKind.Name => "the name argument of [" + kind + "]",
        TargetKind.Workload when target.Argument is { } argument => "[" + kind + "(" + argument + " = ...)]",
        TargetKind.Attribute when target.Argument is { } argument => "[" + target.Attribute + "(" + argument + " = ...)]",
        TargetKind.Attribute when WorkloadFields.ForArgument(target.Attribute, null) is { Shape: FieldShape.TextMap } => "[" + target.Attribute + "(\"key\", \"value\")], repeatable",
        TargetKind.Attribute when WorkloadFields.ForArgument(target.Attribute, null) is { Shape: FieldShape.MappingList } => "[" + target.Attribute + "(...)], repeatable",
        TargetKind.Attribute => "[" + target.Attribute + "]",
        _ => "[" + kind + "]",
    };

    private static JsonObject Document(string id, string title, JsonObject root)
    {
        var document = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = "https://raw.githubusercontent.com/hevlayer/hevlayer-generators/main/schemas/" + id + ".schema.json",
            ["title"] = title,
        };
        foreach (var (key, value) in root.ToList())
        {
            root.Remove(key);
            document[key] = value;
        }

        return document;
    }

    private static JsonObject Object(IReadOnlyList<string> fields, Dictionary<string, JsonNode> known, string? description, string[]? required = null)
    {
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            properties[field] = known.TryGetValue(field, out var node) ? node : new JsonObject();
        }

        var result = new JsonObject();
        if (description is not null)
        {
            result["description"] = description;
        }

        result["type"] = "object";
        result["properties"] = properties;
        result["additionalProperties"] = false;
        if (required is { Length: > 0 })
        {
            result["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        }

        return result;
    }

    private static JsonObject String(string description) => new() { ["description"] = description, ["type"] = "string" };

    private static JsonObject StringMap(string description) => new() { ["description"] = description, ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } };

    private static JsonObject Quantities(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number") },
    };

    private static JsonObject Const(string value) => new() { ["const"] = value };

    private static JsonObject Enum(string? description, IReadOnlyList<string> values)
    {
        var node = new JsonObject();
        if (description is not null)
        {
            node["description"] = description;
        }

        node["type"] = "string";
        node["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
        return node;
    }

    /// <summary>A string with suggested values (offered by completion) that accepts any other string too.</summary>
    private static JsonObject Suggested(string description, params string[] values) => new()
    {
        ["description"] = description,
        ["type"] = "string",
        ["examples"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
    };
}

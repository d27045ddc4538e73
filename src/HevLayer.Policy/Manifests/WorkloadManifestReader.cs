using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Declaration;
using HevLayer.Policy.Rules.Scaling;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

using HevLayer.Policy.Yaml;

namespace HevLayer.Policy.Manifests;

/// <summary>What one YAML file or stream holds for the product.</summary>
/// <param name="Path">The file (or <c>-</c> for standard input, as the caller names it).</param>
/// <param name="Workloads">The Pipelines and Functions, in file order.</param>
/// <param name="Findings">What stopped the file from being read (syntax, limits, encoding); the workloads' own findings are on each of them.</param>
/// <param name="HasInfraRules">True when the stream holds a document of kind InfraRules (rendered Helm output often does).</param>
public sealed record ManifestStream(string Path, IReadOnlyList<WorkloadDocument> Workloads, IReadOnlyList<Finding> Findings, bool HasInfraRules);

/// <summary>
/// Reads hand-written Pipeline and Function manifests (a single document, a multi-document stream such as
/// <c>kubectl kustomize</c> or <c>helm template</c> output, or a <c>kind: List</c>) into the same
/// <see cref="WorkloadModel"/> the attributes give, keeping where every field is, so that the workload
/// rules of <see cref="RuleCatalog"/> check them unchanged. Plain scalars are typed as kubectl reads them
/// (YAML 1.1: <c>2</c> is a number, <c>on</c> a boolean). Documents of other kinds are skipped. The same
/// bounds as the InfraRules reader apply.
/// </summary>
public static class WorkloadManifestReader
{
    // The spellings are the writer's, so what the build writes always reads back.
    private static readonly ScalingMode[] Modes = { ScalingMode.Autoscale, ScalingMode.Fixed, ScalingMode.Disabled };
    private static readonly FunctionTriggers[] Triggers = { FunctionTriggers.Discovery, FunctionTriggers.Write, FunctionTriggers.Schedule };

    /// <summary>Reads <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    public static ManifestStream Read(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            // Bytes that are not UTF-8 first (a binary file is that, not a syntax error), then the limits.
            var replacement = text.Length <= YamlLimits.MaxCharacters ? text.IndexOf('\uFFFD') : -1;
            if (replacement >= 0)
            {
                return Failed(path, ManifestFileRules.NotUtf8.In(SourceSpan.AtOffset(path, text, replacement)));
            }

            if (YamlLimits.Check(path, text, ManifestFileRules.InputOverLimit) is { } over)
            {
                return Failed(path, over);
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return Failed(path, ManifestFileRules.YamlSyntax.In(YamlPositions.Span(path, e.Start, e.End), ("detail", YamlPositions.Sentence(e.Message))));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return Failed(path, ManifestFileRules.YamlSyntax.In(SourceSpan.FileStart(path), ("detail", YamlPositions.Sentence(e.Message))));
        }

        var workloads = new List<WorkloadDocument>();
        var findings = new List<Finding>();
        var hasInfraRules = false;
        foreach (var document in stream.Documents)
        {
            foreach (var root in Objects(document.RootNode))
            {
                var apiVersion = ScalarValue(root, "apiVersion");
                var kind = ScalarValue(root, "kind");
                if (kind == InfraRulesReader.Kind)
                {
                    hasInfraRules = true;
                }
                else if (apiVersion == ManifestWriter.ApiVersion && (kind == "Pipeline" || kind == "Function"))
                {
                    workloads.Add(new DocumentReader(path, kind == "Function" ? WorkloadKind.Function : WorkloadKind.Pipeline).Read(root));
                }
                else if ((kind == "Pipeline" || kind == "Function") && apiVersion is not null && apiVersion.StartsWith("hevlayer.com", StringComparison.Ordinal))
                {
                    // Another version of our kinds (or a typo in it): say so rather than skip it without a word.
                    var at = root.Children.TryGetValue(new YamlScalarNode("apiVersion"), out var node) ? node : root;
                    findings.Add(ManifestFileRules.OtherApiVersion.In(YamlPositions.Span(path, at.Start, at.End), ("kind", kind!), ("apiVersion", apiVersion), ("known", ManifestWriter.ApiVersion)));
                }
            }
        }

        return new ManifestStream(path, workloads, findings, hasInfraRules);
    }

    /// <summary>The objects of a document: the document itself, or the items of a <c>kind: List</c>.</summary>
    private static IEnumerable<YamlMappingNode> Objects(YamlNode root)
    {
        // Casts and null checks, not negated patterns that bind: Stryker cannot mutate a method with those
        // without breaking definite assignment, and then measures none of it (docs/mutation-testing.md).
        var map = root as YamlMappingNode;
        if (map is null)
        {
            yield break;
        }

        var items = ScalarValue(map, "kind") == "List" ? Child(map, "items") as YamlSequenceNode : null;
        if (items is not null)
        {
            foreach (var item in items.OfType<YamlMappingNode>())
            {
                yield return item;
            }
        }
        else
        {
            yield return map;
        }
    }

    private static ManifestStream Failed(string path, Finding finding) => new(path, Array.Empty<WorkloadDocument>(), new[] { finding }, false);

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? ScalarValue(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar => YamlScalars.TypeOf(scalar) switch
        {
            ScalarType.Null => "null",
            ScalarType.Boolean => "the boolean " + scalar.Value,
            ScalarType.Integer => "the number " + scalar.Value,
            ScalarType.Float => "the number " + scalar.Value,
            _ => "the string " + Quote(scalar.Value ?? string.Empty),
        },
        _ => "an alias",
    };

    private static string Quote(string value) => "'" + (value.Length > 40 ? value.Substring(0, 40) + "..." : value) + "'";

    private sealed class DocumentReader
    {
        private readonly string path;
        private readonly WorkloadKind kind;
        private readonly Dictionary<string, FieldPlace> places = new(StringComparer.Ordinal);
        private readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);
        private readonly List<Finding> findings = new();
        private readonly List<FieldPlace> opaque = new();
        private readonly Dictionary<string, List<KeyValue>> pairs = new(StringComparer.Ordinal);

        public DocumentReader(string path, WorkloadKind kind)
        {
            this.path = path;
            this.kind = kind;
        }

        public WorkloadDocument Read(YamlMappingNode root)
        {
            Walk(root, string.Empty);

            // Every field the table can set, read in the shape the table gives it.
            var model = WorkloadModel.Empty(kind, string.Empty, path);
            model = model with
            {
                Scaling = values.ContainsKey("spec.scaling") ? new ScalingModel(null, ScalingMode.Autoscale, 0, null) : null,
                Retry = values.ContainsKey("spec.retry") ? new RetryModel(null, null, null) : null,
                Function = model.Function is { } function && values.ContainsKey("spec.schedule") ? function with { Schedule = new ScheduleModel(null, null, null, null) } : model.Function,
            };
            foreach (var field in WorkloadFields.All)
            {
                if (field.Set is null || !field.AppliesTo(kind) || (!values.ContainsKey(field.Path) && !pairs.ContainsKey(field.Path)))
                {
                    continue;
                }

                object? value = field.Path switch
                {
                    "spec.scaling.mode" => Mode(),
                    "spec.triggers" => TriggerSet(),
                    _ => field.Shape switch
                    {
                        FieldShape.Text => Text(field.Path),
                        FieldShape.Integer => Integer(field.Path),
                        FieldShape.Boolean => Boolean(field.Path),
                        FieldShape.TextList => List(field.Path),
                        FieldShape.TextMap => new EquatableArray<KeyValue>(pairs[field.Path].ToArray()),
                        FieldShape.MappingList => Items(field.Path),
                        _ => null,
                    },
                };
                if (value is not null)
                {
                    model = field.Set(model, value);
                }
            }

            // In fixed mode the build writes max equal to min, which is not a MaxReplicas of the user's.
            if (model.Scaling is { Mode: ScalingMode.Fixed } fixedScaling && fixedScaling.MaxReplicas == fixedScaling.MinReplicas)
            {
                model = model with { Scaling = fixedScaling with { MaxReplicas = null } };
            }

            var start = places.TryGetValue("kind", out var kindPlace) ? kindPlace.Value : YamlPositions.Span(path, root.Start, root.Start);
            return new WorkloadDocument(path, model, start, places, findings, opaque);
        }

        private void Walk(YamlMappingNode map, string parent, string? placeParent = null)
        {
            placeParent ??= parent;
            foreach (var entry in map.Children)
            {
                var keyNode = entry.Key as YamlScalarNode;
                var key = keyNode?.Value;
                if (keyNode is null || key is null)
                {
                    findings.Add(ManifestFileRules.WrongValueType.In(Span(entry.Key), ("field", "A key in " + Where(placeParent)), ("expected", "a string"), ("actual", Describe(entry.Key))));
                    continue;
                }

                var fieldPath = parent.Length == 0 ? key : parent + "." + key;
                var placePath = placeParent.Length == 0 ? key : placeParent + "." + key;
                var place = new FieldPlace(placePath, Span(keyNode), Span(entry.Value), entry.Value is YamlScalarNode);
                if (WorkloadFields.Find(parent) is { Shape: FieldShape.TextMap })
                {
                    places[placePath] = place with { IsScalar = false };
                    Pair(parent, key, keyNode, entry.Value);
                    continue;
                }

                if (WorkloadFields.IsServerOwned(fieldPath) || (parent.Length == 0 && key is "apiVersion" or "kind"))
                {
                    places[placePath] = place;
                    continue;
                }

                var field = WorkloadFields.Find(fieldPath);
                if (field is null && WorkloadFields.Find(parent) is { OpenChildren: true })
                {
                    // A pod-spec field the product does not model: the operator keeps it, attributes cannot say it.
                    places[placePath] = place;
                    opaque.Add(place);
                    continue;
                }

                if (field is null || !field.AppliesTo(kind))
                {
                    var known = WorkloadFields.ChildrenOf(parent, kind).ToArray();
                    var hint = field is not null
                        ? "only a " + (field.Only == WorkloadKind.Function ? "Function" : "Pipeline") + " has it"
                        : DidYouMean.Closest(key, known) is { } closest
                            ? "did you mean '" + closest + "'?"
                            : "known fields here: " + string.Join(", ", known);
                    findings.Add(ManifestFileRules.UnknownField.In(Span(keyNode), ("field", key), ("parent", Where(placeParent)), ("kind", ManifestWriter.KindName(kind)), ("hint", hint)));
                    continue;
                }

                if (entry.Value is YamlScalarNode nullable && YamlScalars.TypeOf(nullable) == ScalarType.Null)
                {
                    // kubectl sends null, and the API server drops a null field: it is not set.
                    continue;
                }

                places[placePath] = place;
                if (field.Shape == FieldShape.Opaque)
                {
                    opaque.Add(place);
                    continue;
                }

                if (!HasShape(entry.Value, field.Shape, out var expected))
                {
                    findings.Add(ManifestFileRules.WrongValueType.In(Span(entry.Value), ("field", placePath), ("expected", expected), ("actual", Describe(entry.Value))));
                    places.Remove(placePath);
                    continue;
                }

                values[placePath] = entry.Value;
                if (field.Shape == FieldShape.TextMap)
                {
                    pairs[fieldPath] = new List<KeyValue>();
                }

                if (entry.Value is YamlMappingNode child)
                {
                    Walk(child, fieldPath, placePath);
                }
                else if (field.Shape == FieldShape.MappingList)
                {
                    var index = 0;
                    foreach (var item in ((YamlSequenceNode)entry.Value).Children)
                    {
                        var itemPath = placePath + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                        places[itemPath] = new FieldPlace(itemPath, Span(item), Span(item), false);
                        values[itemPath] = item;
                        Walk((YamlMappingNode)item, fieldPath, itemPath);
                        index++;
                    }
                }
            }
        }

        /// <summary>The items of a list of mappings (the tolerations), each field as written, empty when missing.</summary>
        private EquatableArray<TolerationModel> Items(string listPath)
        {
            var result = new List<TolerationModel>();
            for (var i = 0; values.ContainsKey(listPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"); i++)
            {
                var item = listPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                result.Add(new TolerationModel(
                    Text(item + ".key") ?? string.Empty,
                    Text(item + ".operator") ?? string.Empty,
                    Text(item + ".value") ?? string.Empty,
                    Text(item + ".effect") ?? string.Empty,
                    values.TryGetValue(item + ".tolerationSeconds", out var seconds) ? YamlScalars.ParseLong(((YamlScalarNode)seconds).Value!) : null));
            }

            return new EquatableArray<TolerationModel>(result.ToArray());
        }

        private void Pair(string parent, string key, YamlScalarNode keyNode, YamlNode value)
        {
            string? text = null;
            if (value is YamlScalarNode scalar)
            {
                var type = YamlScalars.TypeOf(scalar);
                text = type switch
                {
                    ScalarType.Text => scalar.Value ?? string.Empty,
                    ScalarType.Null => string.Empty,
                    _ => null,
                };
            }

            if (text is null)
            {
                findings.Add(ManifestFileRules.WrongValueType.In(
                    Span(value),
                    ("field", parent + "." + key),
                    ("expected", "a string (quote numbers and booleans: \"2\", \"true\")"),
                    ("actual", Describe(value))));
                return;
            }

            pairs[parent].Add(new KeyValue(key, text));
        }

        private bool HasShape(YamlNode node, FieldShape shape, out string expected)
        {
            switch (shape)
            {
                case FieldShape.Text:
                    expected = "a string";
                    return node is YamlScalarNode text && YamlScalars.TypeOf(text) == ScalarType.Text;
                case FieldShape.Integer:
                    expected = "a whole number from " + int.MinValue.ToString(CultureInfo.InvariantCulture) + " to " + int.MaxValue.ToString(CultureInfo.InvariantCulture);
                    return node is YamlScalarNode number && YamlScalars.TypeOf(number) == ScalarType.Integer && YamlScalars.ParseInteger(number.Value!) is not null;
                case FieldShape.LongInteger:
                    expected = "a whole number from " + long.MinValue.ToString(CultureInfo.InvariantCulture) + " to " + long.MaxValue.ToString(CultureInfo.InvariantCulture);
                    return node is YamlScalarNode big && YamlScalars.TypeOf(big) == ScalarType.Integer && YamlScalars.ParseLong(big.Value!) is not null;
                case FieldShape.MappingList:
                    expected = "a list of mappings";
                    return node is YamlSequenceNode items && items.All(item => item is YamlMappingNode);
                case FieldShape.Boolean:
                    expected = "true or false";
                    return node is YamlScalarNode flag && YamlScalars.TypeOf(flag) == ScalarType.Boolean;
                case FieldShape.TextList:
                    expected = "a list of strings";
                    return node is YamlSequenceNode list && list.All(item => item is YamlScalarNode s && YamlScalars.TypeOf(s) == ScalarType.Text);
                case FieldShape.TextMap:
                    expected = "a mapping of strings";
                    return node is YamlMappingNode;
                case FieldShape.Mapping:
                    expected = "a mapping";
                    return node is YamlMappingNode;
                default:
                    expected = "anything";
                    return true;
            }
        }

        private string? Text(string fieldPath) => values.TryGetValue(fieldPath, out var node) ? ((YamlScalarNode)node).Value : null;

        private int? Integer(string fieldPath) => values.TryGetValue(fieldPath, out var node) ? YamlScalars.ParseInteger(((YamlScalarNode)node).Value!) : null;

        private bool? Boolean(string fieldPath) => values.TryGetValue(fieldPath, out var node)
            ? ((YamlScalarNode)node).Value is "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON"
            : null;

        private EquatableArray<string> List(string fieldPath) => values.TryGetValue(fieldPath, out var node)
            ? new EquatableArray<string>(((YamlSequenceNode)node).Select(item => ((YamlScalarNode)item).Value ?? string.Empty).ToArray())
            : EquatableArray<string>.Empty;

        private ScalingMode Mode()
        {
            var mode = Text("spec.scaling.mode");
            if (mode is null)
            {
                return ScalingMode.Autoscale; // A missing mode is autoscale.
            }

            foreach (var known in Modes)
            {
                if (ManifestWriter.ModeName(known) == mode)
                {
                    return known;
                }
            }

            findings.Add(UnknownScalingMode.Instance.In(places["spec.scaling.mode"].Value, ("value", "'" + mode + "'")));
            return ScalingMode.Autoscale;
        }

        private FunctionTriggers TriggerSet()
        {
            var set = FunctionTriggers.None;
            var unknown = new List<string>();
            foreach (var name in List("spec.triggers"))
            {
                var trigger = Array.Find(Triggers, t => ManifestWriter.TriggerNames(t)[0] == name);
                if (trigger == FunctionTriggers.None)
                {
                    unknown.Add("'" + name + "'");
                }
                else
                {
                    set |= trigger;
                }
            }

            if (unknown.Count > 0)
            {
                findings.Add(UnknownTrigger.Instance.In(
                    places["spec.triggers"].Key,
                    ("value", "[" + string.Join(", ", List("spec.triggers")) + "]"),
                    ("unknown", string.Join(", ", unknown) + "; a trigger is one of " + string.Join(", ", ManifestWriter.TriggerNames(Triggers.Aggregate((a, b) => a | b))))));
            }

            return set;
        }

        private static string Where(string parent) => parent.Length == 0 ? "the document" : parent;

        private SourceSpan Span(YamlNode node) => YamlPositions.Span(path, node.Start, node.End);
    }
}

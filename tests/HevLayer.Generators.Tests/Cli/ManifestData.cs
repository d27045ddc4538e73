using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// Manifests as plain data, for round-trip comparisons: plain decimal numbers and booleans typed, everything
/// else a string; <see cref="Normalize"/> fills the defaults the workload reference documents.
/// </summary>
internal static class ManifestData
{
    internal static IEnumerable<YamlMappingNode> Workloads(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Where(m => m.Children.TryGetValue(new YamlScalarNode("apiVersion"), out var v) && ((YamlScalarNode)v).Value == "hevlayer.com/v1alpha1");
    }

    internal static YamlMappingNode Single(string text) => Workloads(text).Single();

    /// <summary>A manifest as data, with the defaults the workload reference documents filled in.</summary>
    internal static SortedDictionary<string, object> Normalize(YamlMappingNode manifest)
    {
        var data = Data(manifest);
        var metadata = (SortedDictionary<string, object>)data["metadata"];
        if (!metadata.ContainsKey("labels"))
        {
            metadata["labels"] = new SortedDictionary<string, object>(StringComparer.Ordinal);
        }

        var labels = (SortedDictionary<string, object>)metadata["labels"];
        labels.TryAdd("app.kubernetes.io/managed-by", "str:hevlayer-generators");
        var spec = (SortedDictionary<string, object>)data["spec"];
        spec.TryAdd("paused", "bool:false");
        var scaling = (SortedDictionary<string, object>)spec["scaling"];
        scaling.TryAdd("mode", "str:autoscale");
        var replicas = (SortedDictionary<string, object>)scaling["replicas"];
        replicas.TryAdd("min", "int:0");
        return data;
    }

    /// <summary>YAML as plain data: plain decimal numbers and booleans typed, everything else a string.</summary>
    internal static SortedDictionary<string, object> Data(YamlMappingNode map)
    {
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            result[((YamlScalarNode)key).Value!] = Value(value);
        }

        return result;
    }

    internal static object Value(YamlNode node) => node switch
    {
        YamlMappingNode map => Data(map),
        YamlSequenceNode list => list.Select(Value).ToList(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } b => "bool:" + b.Value,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => "int:" + n.ToString(CultureInfo.InvariantCulture),
        YamlScalarNode s => "str:" + s.Value,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    internal static string Key(SortedDictionary<string, object> manifest) => Render(manifest["kind"]) + Render(manifest["metadata"]);

    internal static string Render(object value) => value switch
    {
        SortedDictionary<string, object> map => "{" + string.Join(", ", map.Select(p => p.Key + ": " + Render(p.Value))) + "}",
        List<object> list => "[" + string.Join(", ", list.Select(Render)) + "]",
        _ => (string)value,
    };
}

#if NET
using System.Globalization;
using System.IO;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Build;

/// <summary>
/// Writes the object the API server returned (JSON) as the YAML snapshot the analyzers read, with
/// YamlDotNet's emitter: string values double-quoted (so no value changes type on the way back: "20" stays a
/// string and is reported as one), numbers and booleans plain, empty maps and lists in flow style, keys
/// in the server's order, <c>\n</c> line endings. The product's own YAML writer is kept for manifests.
/// </summary>
public static class ClusterSnapshotYaml
{
    /// <summary>The YAML text of <paramref name="root"/>.</summary>
    public static string Write(JsonElement root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(Node(root))).Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // The emitter closes the document with "..."; a snapshot is one document, so it is left off.
        return text.EndsWith("...\n", System.StringComparison.Ordinal) ? text.Substring(0, text.Length - 4) : text;
    }

    private static YamlNode Node(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new YamlMappingNode();
                foreach (var property in value.EnumerateObject())
                {
                    map.Add(new YamlScalarNode(property.Name), Node(property.Value));
                }

                if (map.Children.Count == 0)
                {
                    map.Style = MappingStyle.Flow;
                }

                return map;
            case JsonValueKind.Array:
                var list = new YamlSequenceNode();
                foreach (var item in value.EnumerateArray())
                {
                    list.Add(Node(item));
                }

                if (list.Children.Count == 0)
                {
                    list.Style = SequenceStyle.Flow;
                }

                return list;
            case JsonValueKind.String:
                return new YamlScalarNode(value.GetString()) { Style = ScalarStyle.DoubleQuoted };
            case JsonValueKind.Number:
                return new YamlScalarNode(value.GetRawText()) { Style = ScalarStyle.Plain };
            case JsonValueKind.True:
                return new YamlScalarNode("true") { Style = ScalarStyle.Plain };
            case JsonValueKind.False:
                return new YamlScalarNode("false") { Style = ScalarStyle.Plain };
            default:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
        }
    }
}
#endif

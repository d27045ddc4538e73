#if NET
using System.Text;
using System.Text.Json;
using HevLayer.Policy.Emit;

namespace HevLayer.Build;

/// <summary>
/// Renders a JSON object (as the Kubernetes API returns it) as block-style YAML, keeping key order,
/// so that the InfraRules snapshot reads like the file a user would keep, with useful line numbers.
/// </summary>
public static class JsonToYaml
{
    /// <summary>The YAML for <paramref name="root"/>, which must be a JSON object.</summary>
    public static string Convert(JsonElement root)
    {
        var sb = new StringBuilder();
        WriteMap(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteMap(StringBuilder sb, JsonElement map, int indent)
    {
        foreach (var property in map.EnumerateObject())
        {
            sb.Append(' ', indent).Append(YamlScalar.Format(property.Name)).Append(':');
            WriteValue(sb, property.Value, indent);
        }
    }

    private static void WriteSequence(StringBuilder sb, JsonElement list, int indent)
    {
        foreach (var item in list.EnumerateArray())
        {
            sb.Append(' ', indent).Append('-');
            if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().GetEnumerator().MoveNext())
            {
                var first = true;
                foreach (var property in item.EnumerateObject())
                {
                    if (first)
                    {
                        sb.Append(' ');
                        first = false;
                    }
                    else
                    {
                        sb.Append(' ', indent + 2);
                    }

                    sb.Append(YamlScalar.Format(property.Name)).Append(':');
                    WriteValue(sb, property.Value, indent + 2);
                }
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0)
            {
                sb.Append('\n');
                WriteSequence(sb, item, indent + 2);
            }
            else
            {
                WriteValue(sb, item, indent);
            }
        }
    }

    private static void WriteValue(StringBuilder sb, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().GetEnumerator().MoveNext():
                sb.Append('\n');
                WriteMap(sb, value, indent + 2);
                break;
            case JsonValueKind.Object:
                sb.Append(" {}\n");
                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                sb.Append('\n');
                WriteSequence(sb, value, indent + 2);
                break;
            case JsonValueKind.Array:
                sb.Append(" []\n");
                break;
            case JsonValueKind.String:
                sb.Append(' ').Append(YamlScalar.Format(value.GetString()!)).Append('\n');
                break;
            case JsonValueKind.Number:
                sb.Append(' ').Append(value.GetRawText()).Append('\n');
                break;
            case JsonValueKind.True:
                sb.Append(" true\n");
                break;
            case JsonValueKind.False:
                sb.Append(" false\n");
                break;
            default:
                sb.Append(" null\n");
                break;
        }
    }
}
#endif

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HevLayer.Manifests;

/// <summary>
/// Reads back the YAML that HevLayer.Generators writes for a workload, and nothing else: block
/// mappings with two-space indent, block sequences of scalars, <c>#</c> comment lines, and scalars
/// that are plain or double-quoted with the escapes <c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>,
/// <c>\t</c> and <c>\uXXXX</c>. The typed manifest is built from this text at run time, so that the
/// generated code carries the manifest once (as YAML) instead of once as YAML and again as C#.
/// </summary>
internal static class ManifestYaml
{
    /// <summary>A mapping, in document order of its keys; values are strings, string lists or mappings.</summary>
    internal sealed class Map
    {
        private readonly Dictionary<string, object> entries = new(StringComparer.Ordinal);

        public List<string> Keys { get; } = new();

        public void Add(string key, object value, int line)
        {
            if (entries.ContainsKey(key))
            {
                throw Error(line, "duplicate key '" + key + "'");
            }

            entries.Add(key, value);
            Keys.Add(key);
        }

        public object? this[string key] => entries.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Parses <paramref name="yaml"/> into its root mapping.</summary>
    public static Map Parse(string yaml)
    {
        if (yaml is null)
        {
            throw new ArgumentNullException(nameof(yaml));
        }

        var lines = new List<(int Number, int Indent, string Text)>();
        var number = 0;
        foreach (var raw in yaml.Split('\n'))
        {
            number++;
            var indent = 0;
            while (indent < raw.Length && raw[indent] == ' ')
            {
                indent++;
            }

            if (indent == raw.Length || raw[indent] == '#')
            {
                continue;
            }

            lines.Add((number, indent, raw.Substring(indent)));
        }

        var position = 0;
        var root = ParseMap(lines, ref position, 0);
        if (position < lines.Count)
        {
            throw Error(lines[position].Number, "unexpected indentation");
        }

        return root;
    }

    private static Map ParseMap(List<(int Number, int Indent, string Text)> lines, ref int position, int indent)
    {
        var map = new Map();
        while (position < lines.Count && lines[position].Indent == indent)
        {
            var (number, _, text) = lines[position];
            if (text.StartsWith("- ", StringComparison.Ordinal))
            {
                throw Error(number, "a sequence item where a key was expected");
            }

            var index = 0;
            var key = ReadScalar(text, ref index, number, isKey: true);
            if (index >= text.Length || text[index] != ':')
            {
                throw Error(number, "expected ':' after the key");
            }

            index++;
            position++;
            if (index < text.Length)
            {
                if (text[index] != ' ')
                {
                    throw Error(number, "expected a space after ':'");
                }

                index++;
                var value = ReadScalar(text, ref index, number, isKey: false);
                if (index != text.Length)
                {
                    throw Error(number, "unexpected text after the value");
                }

                map.Add(key, value, number);
            }
            else if (position < lines.Count && lines[position].Indent > indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
            {
                map.Add(key, ParseSequence(lines, ref position, lines[position].Indent), number);
            }
            else if (position < lines.Count && lines[position].Indent > indent)
            {
                map.Add(key, ParseMap(lines, ref position, lines[position].Indent), number);
            }
            else
            {
                map.Add(key, new Map(), number);
            }
        }

        return map;
    }

    private static List<string> ParseSequence(List<(int Number, int Indent, string Text)> lines, ref int position, int indent)
    {
        var items = new List<string>();
        while (position < lines.Count && lines[position].Indent == indent && lines[position].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            var (number, _, text) = lines[position];
            var index = 2;
            items.Add(ReadScalar(text, ref index, number, isKey: false));
            if (index != text.Length)
            {
                throw Error(number, "unexpected text after the item");
            }

            position++;
        }

        return items;
    }

    private static string ReadScalar(string text, ref int index, int line, bool isKey)
    {
        if (index < text.Length && text[index] == '"')
        {
            return ReadQuoted(text, ref index, line);
        }

        var start = index;
        while (index < text.Length && !(isKey && text[index] == ':'))
        {
            index++;
        }

        if (index == start)
        {
            throw Error(line, isKey ? "empty key" : "empty value");
        }

        return text.Substring(start, index - start);
    }

    private static string ReadQuoted(string text, ref int index, int line)
    {
        var sb = new StringBuilder();
        index++;
        while (index < text.Length)
        {
            var c = text[index++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (index >= text.Length)
            {
                break;
            }

            var e = text[index++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when index + 4 <= text.Length
                    && int.TryParse(text.Substring(index, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    index += 4;
                    break;
                default:
                    throw Error(line, "unsupported escape '\\" + e + "'");
            }
        }

        throw Error(line, "unterminated quoted scalar");
    }

    /// <summary>The mapping at <paramref name="key"/>; an error when it is missing and <paramref name="required"/>.</summary>
    public static Map? MapAt(Map map, string key, bool required = true) => map[key] switch
    {
        Map m => m,
        null when !required => null,
        _ => throw Error(0, "'" + key + "' must be a mapping"),
    };

    /// <summary>The string at <paramref name="key"/>; an error when it is missing and <paramref name="required"/>.</summary>
    public static string? StringAt(Map map, string key, bool required = true) => map[key] switch
    {
        string s => s,
        null when !required => null,
        _ => throw Error(0, "'" + key + "' must be a scalar"),
    };

    /// <summary>The integer at <paramref name="key"/>, or null when it is absent.</summary>
    public static int? IntAt(Map map, string key) =>
        StringAt(map, key, required: false) is { } s
            ? int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Error(0, "'" + key + "' must be an integer")
            : null;

    /// <summary>The boolean at <paramref name="key"/> (absent is false).</summary>
    public static bool BoolAt(Map map, string key) => StringAt(map, key, required: false) switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw Error(0, "'" + key + "' must be true or false"),
    };

    /// <summary>The string list at <paramref name="key"/> (absent is empty).</summary>
    public static IReadOnlyList<string> ListAt(Map map, string key) => map[key] switch
    {
        null => Array.Empty<string>(),
        List<string> items => items.AsReadOnly(),
        _ => throw Error(0, "'" + key + "' must be a sequence"),
    };

    /// <summary>The string-to-string mapping at <paramref name="key"/>, ordinal (absent is empty).</summary>
    public static IReadOnlyDictionary<string, string> StringMapAt(Map map, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (MapAt(map, key, required: false) is { } m)
        {
            foreach (var k in m.Keys)
            {
                result.Add(k, StringAt(m, k)!);
            }
        }

        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(result);
    }

    private static FormatException Error(int line, string message) =>
        new("Not a manifest written by HevLayer.Generators" + (line > 0 ? " (line " + line.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty) + ": " + message + ".");
}

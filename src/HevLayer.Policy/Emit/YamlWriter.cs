using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HevLayer.Policy.Emit;

/// <summary>
/// A minimal block-style YAML writer with deterministic output: two-space indent, <c>\n</c> line
/// endings, invariant numbers, and conservative quoting (a scalar is plain only when it cannot be
/// read back as anything but the same string).
/// </summary>
public sealed class YamlWriter
{
    private readonly StringBuilder builder = new();
    private int depth;
    private bool itemOpen;

    /// <summary>Writes a <c># comment</c> line.</summary>
    public YamlWriter Comment(string text)
    {
        Indent();
        builder.Append("# ");
        for (var i = 0; i < text.Length; i++)
        {
            // A comment can hold only printable characters, and a line break would end it early: anything
            // else (control characters, NEL and the Unicode separators, a BOM, a lone surrogate) is a space.
            var c = text[i];
            var printable = c == '\t'
                || (c >= ' ' && c != 0x7F && !(c >= 0x80 && c <= 0x9F) && c != '\u2028' && c != '\u2029' && c != '\uFEFF'
                    && (!char.IsSurrogate(c) || YamlScalar.IsPairedSurrogate(text, i)));
            builder.Append(printable ? c : ' ');
        }

        builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>key: value</c> with the value quoted as needed.</summary>
    public YamlWriter Scalar(string key, string value)
    {
        Key(key).Append(' ').Append(YamlScalar.Format(value)).Append('\n');
        return this;
    }

    /// <summary>Writes <c>key: 42</c>.</summary>
    public YamlWriter Scalar(string key, int value)
    {
        Key(key).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    /// <summary>Writes <c>key: true</c> or <c>key: false</c>.</summary>
    public YamlWriter Scalar(string key, bool value)
    {
        Key(key).Append(value ? " true\n" : " false\n");
        return this;
    }

    /// <summary>Writes <c>key: value</c> when <paramref name="value"/> is set.</summary>
    public YamlWriter Optional(string key, int? value) => value is int v ? Scalar(key, v) : this;

    /// <summary>Writes <c>key: value</c> for a 64-bit number, or nothing when <paramref name="value"/> is null.</summary>
    public YamlWriter Optional(string key, long? value)
    {
        if (value is long v)
        {
            Key(key).Append(' ').Append(v.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return this;
    }

    /// <summary>Starts a list of mappings under <paramref name="key"/>; each item is written between <see cref="BeginItem"/> and <see cref="EndItem"/>.</summary>
    public YamlWriter BeginList(string key)
    {
        Key(key).Append('\n');
        depth++;
        return this;
    }

    /// <summary>Starts a mapping item of the list: its first key follows the item's <c>- </c>.</summary>
    public YamlWriter BeginItem()
    {
        depth++;
        itemOpen = true;
        return this;
    }

    /// <summary>Ends a mapping item (an item with no key is written <c>- {}</c>).</summary>
    public YamlWriter EndItem()
    {
        if (itemOpen)
        {
            builder.Append(' ', (depth - 1) * 2).Append("- {}\n");
            itemOpen = false;
        }

        depth--;
        return this;
    }

    /// <summary>Ends the list <see cref="BeginList"/> started.</summary>
    public YamlWriter EndList()
    {
        depth--;
        return this;
    }

    /// <summary>Writes <c>key: value</c> when <paramref name="value"/> is not null or empty.</summary>
    public YamlWriter Optional(string key, string? value) => string.IsNullOrEmpty(value) ? this : Scalar(key, value!);

    /// <summary>Opens a nested mapping under <paramref name="key"/>; close it with <see cref="EndMap"/>.</summary>
    public YamlWriter BeginMap(string key)
    {
        Key(key).Append('\n');
        depth++;
        return this;
    }

    /// <summary>Closes the mapping opened last.</summary>
    public YamlWriter EndMap()
    {
        depth--;
        return this;
    }

    /// <summary>Writes a block sequence of strings under <paramref name="key"/>; nothing when it is empty.</summary>
    public YamlWriter Sequence(string key, IReadOnlyCollection<string> items)
    {
        if (items.Count == 0)
        {
            return this;
        }

        Key(key).Append('\n');
        foreach (var item in items)
        {
            Indent();
            builder.Append("  - ").Append(YamlScalar.Format(item)).Append('\n');
        }

        return this;
    }

    /// <summary>Writes a mapping of strings under <paramref name="key"/>, keys in ordinal order; nothing when it is empty.</summary>
    public YamlWriter SortedMap(string key, IReadOnlyDictionary<string, string> entries)
    {
        if (entries.Count == 0)
        {
            return this;
        }

        var keys = new List<string>(entries.Keys);
        keys.Sort(System.StringComparer.Ordinal);
        BeginMap(key);
        foreach (var k in keys)
        {
            Scalar(k, entries[k]);
        }

        return EndMap();
    }

    /// <inheritdoc />
    public override string ToString() => builder.ToString();

    private StringBuilder Key(string key)
    {
        if (itemOpen)
        {
            builder.Append(' ', (depth - 1) * 2).Append("- ");
            itemOpen = false;
            return builder.Append(YamlScalar.Format(key)).Append(':');
        }

        Indent();
        return builder.Append(YamlScalar.Format(key)).Append(':');
    }

    private void Indent() => builder.Append(' ', depth * 2);
}

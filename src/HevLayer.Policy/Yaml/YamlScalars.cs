using System;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Policy.Yaml;

/// <summary>What a plain or quoted scalar is, as kubectl (go-yaml, YAML 1.1) reads it.</summary>
internal enum ScalarType
{
    Null,
    Boolean,
    Integer,
    Float,
    Text,
}

/// <summary>Scalars typed as kubectl types them (YAML 1.1): <c>on</c> is a boolean, <c>010</c> is 8.</summary>
internal static class YamlScalars
{
    /// <summary>The type kubectl gives <paramref name="node"/>: a quoted or block scalar is text; a plain one is resolved as YAML 1.1.</summary>
    internal static ScalarType TypeOf(YamlScalarNode node)
    {
        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return ScalarType.Text;
        }

        var value = node.Value ?? string.Empty;
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarType.Null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO"
                or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
                or "on" or "On" or "ON" or "off" or "Off" or "OFF":
                return ScalarType.Boolean;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                return ScalarType.Float;
        }

        if (System.Text.RegularExpressions.Regex.IsMatch(value, "^[-+]?(0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|0|[1-9][0-9_]*)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant))
        {
            return ScalarType.Integer;
        }

        // go-yaml's float pattern, on the value without '_': "1.5", ".5", "1e3", "08"; not "1.2.3" (a string).
        return System.Text.RegularExpressions.Regex.IsMatch(value.Replace("_", string.Empty), @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)
            ? ScalarType.Float
            : ScalarType.Text;
    }

    /// <summary>A whole number as kubectl reads a plain scalar (YAML 1.1: <c>0x</c>, <c>0o</c>/leading-0 octal, <c>0b</c>, underscores), or null when it is outside <see cref="int"/>.</summary>
    internal static int? ParseInteger(string text) => ParseLong(text) is long value and >= int.MinValue and <= int.MaxValue ? (int)value : null;

    /// <summary>A whole number as kubectl reads a plain scalar, or null when it is outside <see cref="long"/>.</summary>
    internal static long? ParseLong(string text)
    {
        var value = text.Replace("_", string.Empty);
        var negative = value.StartsWith("-", StringComparison.Ordinal);
        if (negative || value.StartsWith("+", StringComparison.Ordinal))
        {
            value = value.Substring(1);
        }

        var radix = 10;
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            (radix, value) = (16, value.Substring(2));
        }
        else if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            (radix, value) = (2, value.Substring(2));
        }
        else if (value.Length > 1 && value[0] == '0')
        {
            (radix, value) = (8, value.Substring(1));
        }

        // The magnitude may reach 2^63 (long.MinValue's); anything past it is out of range.
        ulong result = 0;
        const ulong limit = (ulong)long.MaxValue + 1;
        foreach (var c in value)
        {
            var digit = (ulong)(c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10);
            if (result > (limit - digit) / (ulong)radix)
            {
                return null;
            }

            result = (result * (ulong)radix) + digit;
        }

        if (negative)
        {
            return result == limit ? long.MinValue : -(long)result;
        }

        return result == limit ? null : (long)result;
    }
}

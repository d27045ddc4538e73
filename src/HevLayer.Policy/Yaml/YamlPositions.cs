using System;
using HevLayer.Policy.Rules;
using YamlDotNet.Core;

namespace HevLayer.Policy.Yaml;

/// <summary>Where a YAML node is, and what the YAML parser said, as the readers report them.</summary>
internal static class YamlPositions
{
    /// <summary>The span from <paramref name="start"/> to <paramref name="end"/> in <paramref name="path"/>.</summary>
    public static SourceSpan Span(string path, Mark start, Mark end) => new(
        path,
        ToInt(start.Index),
        Math.Max(ToInt(start.Index), ToInt(end.Index)),
        ToInt(start.Line),
        ToInt(start.Column),
        ToInt(end.Line),
        ToInt(end.Column));

    private static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : value < 0 ? 0 : (int)value;

    /// <summary>A YAML parser message as a sentence fragment: the position prefix and the final period removed.</summary>
    public static string Sentence(string message)
    {
        var trimmed = message.Trim();
        var close = trimmed.IndexOf("): ", StringComparison.Ordinal);
        if (trimmed.StartsWith("(", StringComparison.Ordinal) && close > 0)
        {
            trimmed = trimmed.Substring(close + 3);
        }

        return trimmed.TrimEnd('.');
    }
}

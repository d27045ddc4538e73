using System.Globalization;
using System.IO;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

using HevLayer.Policy.Yaml;

namespace HevLayer.Policy.Yaml;

/// <summary>
/// Limits that keep reading hand-edited, rendered or fetched YAML bounded in time and memory, inside the
/// compiler and the editor. Checked by a streaming pass before any tree is built.
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest file read: 1 MiB of text. A real InfraRules object is a few KiB.</summary>
    public const int MaxCharacters = 1024 * 1024;

    /// <summary>The deepest nesting of mappings and sequences. InfraRules needs 7.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most alias references (<c>*name</c>). Kubernetes objects need none; this stops alias bombs.</summary>
    public const int MaxAliases = 64;

    /// <summary>The longest scalar. Names, quantities and modes are short.</summary>
    public const int MaxScalarLength = 16 * 1024;

    /// <summary>The first limit <paramref name="text"/> exceeds, as a finding; null when it is within all.</summary>
    /// <exception cref="YamlException">The text is not YAML; the caller reports it as a syntax error.</exception>
    public static Finding? Check(string path, string text) => Check(path, text, InfraRulesFileRules.InputOverLimit);

    /// <summary>The first limit <paramref name="text"/> exceeds, as a finding of <paramref name="rule"/> (whose holes are <c>what</c> and <c>limit</c>).</summary>
    /// <exception cref="YamlException">The text is not YAML; the caller reports it as a syntax error.</exception>
    public static Finding? Check(string path, string text, Rule rule)
    {
        if (text.Length > MaxCharacters)
        {
            var start = new SourceSpan(path, 0, 0, 1, 1, 1, 1);
            return rule.In(start, ("what", "the file is " + Count(text.Length) + " characters long"), ("limit", "at most " + Count(MaxCharacters) + " (1 MiB)"));
        }

        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var aliases = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return Over(rule, path, current, "nesting is deeper than " + Count(MaxDepth) + " levels", "at most " + Count(MaxDepth));
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case AnchorAlias when ++aliases > MaxAliases:
                    return Over(rule, path, current, "more than " + Count(MaxAliases) + " aliases", "at most " + Count(MaxAliases));
                case Scalar scalar when scalar.Value.Length > MaxScalarLength:
                    return Over(rule, path, current, "a value is " + Count(scalar.Value.Length) + " characters long", "at most " + Count(MaxScalarLength));
            }
        }

        return null;
    }

    private static Finding Over(Rule rule, string path, ParsingEvent at, string what, string allowed) =>
        rule.In(YamlPositions.Span(path, at.Start, at.Start), ("what", what), ("limit", allowed));

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Generators.Emit;

/// <summary>
/// Names as generated C# must spell them. A class may be named <c>@event</c> or sit in <c>namespace
/// @class.Workers</c>; the symbols' names carry no <c>@</c>, so the emitter adds it to every name that is a
/// keyword of any kind. Contextual keywords (<c>record</c>, <c>var</c>, <c>async</c>) are escaped too:
/// <c>@</c> is valid before any identifier, in every language version, and never changes what it names.
/// </summary>
internal static class CSharpNames
{
    /// <summary><paramref name="name"/>, with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>A dotted namespace name, each part escaped as <see cref="Identifier"/> does.</summary>
    public static string Dotted(string name)
    {
        if (name.IndexOf('.') < 0)
        {
            return Identifier(name);
        }

        var parts = name.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Identifier(parts[i]);
        }

        return string.Join(".", parts);
    }
}

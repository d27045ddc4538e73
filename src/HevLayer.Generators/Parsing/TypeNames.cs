using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Generators.Parsing;

/// <summary>
/// A workload class's names, as <see cref="ISymbol.ToDisplayString(SymbolDisplayFormat)"/> would write them.
/// The generator's transform runs for every attributed class on every new compilation (each keystroke in
/// the editor), and four display-string calls were half of its time; for the common case (no generics, no
/// keyword used as a name) the names are joined here from the symbols' own names in one pass. Anything
/// else goes to the compiler's formatter, so the result is the same either way (a test compares them).
/// </summary>
/// <param name="Namespace">The containing namespace, empty for the global namespace.</param>
/// <param name="Display">The name in diagnostics: <see cref="SymbolDisplayFormat.CSharpErrorMessageFormat"/>.</param>
/// <param name="FullyQualified">The name in generated code: <see cref="SymbolDisplayFormat.FullyQualifiedFormat"/>.</param>
public readonly record struct TypeNames(string Namespace, string Display, string FullyQualified)
{
    private const string GlobalPrefix = "global::";

    [System.ThreadStatic]
    private static StringBuilder? cachedBuilder;

    /// <summary>The names of <paramref name="type"/>.</summary>
    public static TypeNames Of(INamedTypeSymbol type)
    {
        if (!IsPlain(type))
        {
            return Formatted(type);
        }

        // One builder per thread, reused, so that each class costs only its three names (half the bytes of a
        // new builder per class; the transform runs for every class on every compilation).
        var builder = cachedBuilder ??= new StringBuilder(128);
        builder.Clear();
        var namespaceLength = AppendNamespace(builder, type.ContainingNamespace);
        if (namespaceLength < 0)
        {
            return Formatted(type);
        }

        if (namespaceLength > 0)
        {
            builder.Append('.');
        }

        AppendContainingTypes(builder, type);
        var display = builder.ToString();
        if (builder.Capacity > 1024)
        {
            cachedBuilder = null;
        }

        return new TypeNames(namespaceLength == 0 ? string.Empty : display.Substring(0, namespaceLength), display, GlobalPrefix + display);
    }

    /// <summary>What the compiler's formatter writes; the reference <see cref="Of"/> agrees with.</summary>
    public static TypeNames Formatted(INamedTypeSymbol type) => new(
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
        type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));

    /// <summary>No type parameters (which also rules out tuples) and no name the formatter would escape, in the type and its outer types.</summary>
    private static bool IsPlain(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity != 0 || !IsPlainName(current.Name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends the namespace's dotted name; returns its length, or -1 when a part needs the formatter.</summary>
    private static int AppendNamespace(StringBuilder builder, INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return 0;
        }

        if (!IsPlainName(ns.Name))
        {
            return -1;
        }

        var outer = AppendNamespace(builder, ns.ContainingNamespace);
        if (outer < 0)
        {
            return -1;
        }

        if (outer > 0)
        {
            builder.Append('.');
        }

        builder.Append(ns.Name);
        return builder.Length;
    }

    private static void AppendContainingTypes(StringBuilder builder, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            AppendContainingTypes(builder, outer);
            builder.Append('.');
        }

        builder.Append(type.Name);
    }

    /// <summary>An identifier that is no keyword of any kind (so never escaped with <c>@</c>) and not <c>global</c>.</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;
}

using Microsoft.CodeAnalysis;

namespace HevLayer.Generators.Parsing;

/// <summary>The metadata names of the attributes users write, and a cheap way to recognise them.</summary>
public static class AttributeNames
{
    /// <summary>The namespace of every HevLayer attribute.</summary>
    public const string Namespace = "HevLayer";

    /// <summary><c>[Pipeline]</c>.</summary>
    public const string Pipeline = "HevLayer.PipelineAttribute";

    /// <summary><c>[Function]</c>.</summary>
    public const string Function = "HevLayer.FunctionAttribute";

    /// <summary><c>[assembly: HevLayerDefaults]</c>.</summary>
    public const string Defaults = "HevLayer.HevLayerDefaultsAttribute";

    /// <summary>True when <paramref name="attribute"/> is <c>HevLayer.&lt;typeName&gt;</c>.</summary>
    public static bool Is(AttributeData attribute, string typeName) =>
        attribute.AttributeClass is { } type
        && type.Name == typeName
        && IsInNamespace(type);

    /// <summary>True when <paramref name="type"/> is a top-level type of the <c>HevLayer</c> namespace.</summary>
    public static bool IsInNamespace(INamedTypeSymbol type) =>
        type.ContainingType is null
        && type.ContainingNamespace is { Name: Namespace } ns
        && ns.ContainingNamespace is { IsGlobalNamespace: true };
}

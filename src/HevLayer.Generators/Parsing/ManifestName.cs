using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators.Parsing;

/// <summary>
/// What stands in the way of the code the generator adds to a workload class: a <c>file</c> modifier on
/// the class or an outer type (generated code lives in a file of its own, and a file-local type cannot be
/// extended from another file), and any other member named <c>Manifest</c> where the generator adds its
/// typed <c>Manifest</c> property. The generator and the analyzer ask the same questions, so the one skips
/// exactly what the other reports. The analyzer sees the generated code too: a generated <c>Manifest</c> is
/// recognised (<see cref="IsGenerated"/>) and never counts.
/// </summary>
internal static class ManifestName
{
    /// <summary>The name of the typed property the generator adds.</summary>
    public const string Member = "Manifest";

    /// <summary>The per-environment method a project with environments gets.</summary>
    public const string ForEnvironment = "ManifestFor";

    /// <summary>How <paramref name="type"/> is file-local, or null when neither it nor an outer type is.</summary>
    public static string? FileLocal(INamedTypeSymbol type)
    {
        if (type.IsFileLocal)
        {
            return "is file-local";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsFileLocal)
            {
                return "is nested in file-local type '" + outer.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "'";
            }
        }

        return null;
    }

    /// <summary>
    /// Why the generator cannot declare <c>Manifest</c> in <paramref name="type"/>, or null when it can.
    /// <paramref name="hidesInherited"/> is true when a base class is a workload class, whose generated
    /// <c>Manifest</c> the type's own hides on purpose.
    /// </summary>
    public static string? Taken(INamedTypeSymbol type, out bool hidesInherited)
    {
        hidesInherited = false;
        if (type.Name == Member)
        {
            // CS0542: a member cannot have its enclosing type's name.
            return "is itself named 'Manifest'";
        }

        // MemberNames comes from the declarations, without building the member symbols GetMembers would:
        // this runs for every workload class on every compilation, and almost never finds the name.
        foreach (var member in Declares(type) ? type.GetMembers(Member) : ImmutableArray<ISymbol>.Empty)
        {
            if (!IsGenerated(member))
            {
                return IsPositionalParameter(member)
                    ? "has a positional parameter named 'Manifest'"
                    : "already declares " + KindText(member) + " named 'Manifest'";
            }
        }

        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            var isWorkload = IsWorkload(baseType);
            hidesInherited |= isWorkload;
            foreach (var member in Declares(baseType) ? baseType.GetMembers(Member) : ImmutableArray<ISymbol>.Empty)
            {
                if (!(isWorkload && IsGenerated(member)) && IsInherited(member, type))
                {
                    // Hiding it would silently change what 'Manifest' means in the class's own code.
                    return "inherits " + KindText(member) + " named 'Manifest' from '" + baseType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "'";
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="type"/> declares something named <c>Manifest</c> (MemberNames leaves nested types out).</summary>
    /// <summary>
    /// True when the class, or a base class that is no workload, declares something named <c>ManifestFor</c> (the
    /// per-environment method of a project with environments): the generator then leaves the method out rather
    /// than clash with it. A workload base's own generated <c>ManifestFor</c> is hidden on purpose, like <c>Manifest</c>.
    /// </summary>
    public static bool ForEnvironmentTaken(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if ((ReferenceEquals(t, type) || !IsWorkload(t)) && (t.Name == ForEnvironment || t.MemberNames.Contains(ForEnvironment)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Declares(INamedTypeSymbol type)
    {
        if (!type.GetTypeMembers(Member).IsEmpty)
        {
            return true;
        }

        foreach (var name in type.MemberNames)
        {
            if (name == Member)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The generator's own <c>Manifest</c>: a static property in one of its files (the analyzer sees them), or,
    /// on a workload class from metadata, the static property its generated half declared there.
    /// </summary>
    private static bool IsGenerated(ISymbol member)
    {
        if (member is not IPropertySymbol { IsStatic: true } property || !IsWorkload(property.ContainingType))
        {
            return false;
        }

        var references = property.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return !property.ContainingType.Locations.IsEmpty && property.ContainingType.Locations[0].IsInMetadata;
        }

        foreach (var reference in references)
        {
            // The file name without cutting it out of the path: this runs for every workload class on every analyzer pass.
            var path = reference.SyntaxTree.FilePath;
            var start = path.LastIndexOfAny(Separators) + 1;
            if (string.CompareOrdinal(path, start, GeneratedPrefix, 0, GeneratedPrefix.Length) != 0 || !path.EndsWith(".g.cs", System.StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private const string GeneratedPrefix = "HevLayer.Workloads.";

    private static readonly char[] Separators = { '/', '\\' };

    private static bool IsWorkload(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass
                && (attributeClass.Name is "PipelineAttribute" or "FunctionAttribute" && AttributeNames.IsInNamespace(attributeClass)
                    || attributeClass.Name == "GeneratedWorkloadAttribute" && attributeClass.ContainingNamespace is { Name: "Manifests" } ns && ns.ContainingNamespace is { Name: AttributeNames.Namespace }))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="member"/> of a base class is visible in <paramref name="type"/>, so a new member of that name would hide it.</summary>
    private static bool IsInherited(ISymbol member, INamedTypeSymbol type) => member.DeclaredAccessibility switch
    {
        Accessibility.Private or Accessibility.NotApplicable => false,
        Accessibility.Internal or Accessibility.ProtectedAndInternal =>
            SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, type.ContainingAssembly)
            || member.ContainingAssembly.GivesAccessTo(type.ContainingAssembly),
        _ => true,
    };

    private static bool IsPositionalParameter(ISymbol member)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is ParameterSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static string KindText(ISymbol member) => member switch
    {
        IPropertySymbol => "a property",
        IMethodSymbol => "a method",
        IFieldSymbol => "a field",
        IEventSymbol => "an event",
        ITypeSymbol => "a nested type",
        _ => "a member",
    };
}

using System.Collections.Generic;
using System.Linq;
using HevLayer.Generators.Parsing;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The generator joins a class's names itself instead of asking the compiler's formatter (four formatter
/// calls were half of what it did per class on every keystroke). These tests hold it to the formatter's
/// output for every kind of declaration the formatter treats specially.
/// </summary>
public class TypeNamesTests
{
    private const string Source = """
        namespace Acme.Workers
        {
            public partial class Plain { public partial class Inner { public class Deepest { } } }
            public partial record Recorded;
            public partial struct Valued;
            public partial record struct Both;
            public class @class { public class @int { } }
            public class @record { }
            public class async { public class var { } }
            public class nameof { }
            public class dynamic { }
            public class Generic<T> { public class Inside { } }
            public interface IVariant<out T> { public class Nested { } }
            public class Ünïcödé { }
        }

        namespace @namespace.@global.Keywords { public class InKeywordNamespace { } }
        namespace record.async { public class InContextualNamespace { } }
        namespace A { namespace B.C { public class Nested3 { } } }

        public class InGlobalNamespace { public class Inner { } }
        public class GlobalGeneric<T1, T2> { }
        """;

    public static IEnumerable<object[]> Types()
    {
        var compilation = GeneratorHarness.Compile(Source);
        return AllTypes(compilation.Assembly.GlobalNamespace)
            .Select(t => new object[] { t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) });
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Joined_names_equal_the_compilers_formatter(string fullyQualified)
    {
        var compilation = GeneratorHarness.Compile(Source);
        var type = AllTypes(compilation.Assembly.GlobalNamespace)
            .Single(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == fullyQualified);

        Assert.Equal(TypeNames.Formatted(type), TypeNames.Of(type));
    }

    [Fact]
    public void The_source_covers_plain_and_formatter_only_names()
    {
        var types = AllTypes(GeneratorHarness.Compile(Source).Assembly.GlobalNamespace).ToList();

        // Both paths are exercised: plain names are joined by hand, the rest go to the formatter.
        Assert.Contains(types, t => t.Name == "Deepest");
        Assert.Contains(types, t => t.Name == "class");
        Assert.Contains(types, t => t.Name == "Inside" && t.ContainingType!.IsGenericType);
        Assert.Contains(types, t => t.Name == "InGlobalNamespace");
        Assert.True(types.Count >= 20, $"only {types.Count} types");
    }

    [Fact]
    public void Global_namespace_types_have_an_empty_namespace()
    {
        var type = GeneratorHarness.Compile(Source).GetTypeByMetadataName("InGlobalNamespace+Inner")!;

        Assert.Equal(new TypeNames(string.Empty, "InGlobalNamespace.Inner", "global::InGlobalNamespace.Inner"), TypeNames.Of(type));
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in AllTypes(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var deeper in WithNested(nested))
            {
                yield return deeper;
            }
        }
    }
}

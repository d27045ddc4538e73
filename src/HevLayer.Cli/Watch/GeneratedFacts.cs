using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Build;
using HevLayer.Policy.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Reads the <c>[GeneratedWorkload(...)]</c> facts of one generated file, without emitting it. The generator
/// writes every argument as a C# literal (<c>true</c>, <c>"text"</c>, <c>-3</c>, <c>null</c>,
/// <c>new string[] { ... }</c>), whose value is the compiler's own parse of that token, which is the
/// constant it serializes into the assembly where the build task's <see cref="ManifestReader"/> decodes it
/// (in the constructor's order, which <see cref="WorkloadFacts"/> documents); the declaring type is the
/// class the attribute sits on, as the build task reads it from metadata. No binding is needed; an
/// argument of any other shape (a newer generator) is read through the compiler's binding instead. The
/// manifests are rendered by the same <see cref="ManifestWriter"/>.
/// </summary>
internal static class GeneratedFacts
{
    private const string AttributeName = "HevLayer.Manifests.GeneratedWorkloadAttribute";
    private const int ArgumentCount = 18;

    // HevLayer.Generators 0.1.0 before the type name left the attribute wrote it as a 19th argument; the
    // type is the class the attribute sits on either way, so that argument is not read.
    private const int ArgumentCountWithTypeName = 19;

    /// <summary>The manifests of the workload classes in generated file <paramref name="tree"/>.</summary>
    /// <param name="bind">The compilation to bind with, for an attribute the syntax alone does not give.</param>
    public static IReadOnlyList<EmbeddedManifest> Read(SyntaxTree tree, Func<Compilation> bind, CancellationToken cancellationToken)
    {
        var result = new List<EmbeddedManifest>();
        foreach (var type in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
        {
            foreach (var attribute in type.AttributeLists.SelectMany(l => l.Attributes).Where(a => a.Name.ToString().EndsWith("GeneratedWorkload", StringComparison.Ordinal)))
            {
                var facts = FromSyntax(attribute) ?? FromBinding(bind(), tree, type, cancellationToken);
                if (facts is not null)
                {
                    // The declaring type is the class the attribute sits on, as the build task reads it from metadata.
                    facts.SourceType = SourceIndex.FullName(type);
                    var workload = facts.ToModel();
                    result.Add(new EmbeddedManifest(ManifestWriter.FileName(workload), ManifestWriter.Write(workload), workload));
                }
            }
        }

        return result;
    }

    /// <summary>The facts from the literal arguments, or null when one is not a literal of the expected type.</summary>
    internal static WorkloadFacts? FromSyntax(AttributeSyntax attribute)
    {
        var a = attribute.ArgumentList?.Arguments;
        if (a is not { Count: ArgumentCount or ArgumentCountWithTypeName } || a.Value.Any(x => x.NameEquals is not null || x.NameColon is not null))
        {
            return null;
        }

        try
        {
            return FromValues(a.Value.Select(x => Value(x.Expression)).ToArray());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The facts as the compiler binds them.</summary>
    private static WorkloadFacts? FromBinding(Compilation compilation, SyntaxTree tree, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var symbol = compilation.GetSemanticModel(tree).GetDeclaredSymbol(type, cancellationToken);
        var attribute = symbol?.GetAttributes().FirstOrDefault(a => a.ApplicationSyntaxReference?.SyntaxTree == tree && a.AttributeClass?.ToDisplayString() == AttributeName);
        if (attribute is null)
        {
            return null;
        }

        var a = attribute.ConstructorArguments;
        try
        {
            if (a.Length is not (ArgumentCount or ArgumentCountWithTypeName))
            {
                throw new FormatException();
            }

            return FromValues(a.Select(Value).ToArray());
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{tree.FilePath}: a [GeneratedWorkload] attribute has {a.Length} arguments of a shape this hevlayer tool does not read; install the hevlayer tool of the project's HevLayer.Generators version (dotnet tool update HevLayer.Cli --version <version>).");
        }
    }

    /// <summary>The facts from the arguments' values (bool, int, string, null, or an array of them), in the constructor's order.</summary>
    private static WorkloadFacts FromValues(IReadOnlyList<object?> v) => new()
    {
        Function = Get<bool>(v[0]),
        Name = Get<string>(v[1]),
        Namespace = Get<string>(v[2]),
        Paused = Get<bool>(v[3]),
        Labels = Strings(v[4]),
        Annotations = Strings(v[5]),
        Image = Get<string>(v[6]),
        Pool = Get<string>(v[7]),
        Mode = Get<int>(v[8]),
        MinReplicas = Get<int>(v[9]),
        MaxReplicas = Get<int>(v[10]),
        Set = Get<int>(v[11]),
        Values = v[12] is null ? Array.Empty<int>() : Get<object?[]>(v[12]).Select(Get<int>).ToArray(),
        Triggers = Get<int>(v[13]),
        TargetNamespaces = Strings(v[14]),
        Inputs = Strings(v[15]),
        Version = v[16] is null ? null : Get<string>(v[16]),
        Filter = Strings(v[17]),
    };

    private static T Get<T>(object? value) => value is T typed ? typed : throw new FormatException();

    /// <summary>A string array argument: null is empty, a null element an empty string (as the metadata decoder reads them).</summary>
    private static string[] Strings(object? value) =>
        value is null ? Array.Empty<string>() : Get<object?[]>(value).Select(e => e is null ? string.Empty : Get<string>(e)).ToArray();

    /// <summary>A literal's value, as the compiler parses the token.</summary>
    private static object? Value(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } => true,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.FalseLiteralExpression } => false,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } => null,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal when !literal.Token.ContainsDiagnostics => literal.Token.ValueText,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: int value } => value,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int value } } => checked(-value),
        ArrayCreationExpressionSyntax { Type.RankSpecifiers.Count: 1, Initializer: { } init } => init.Expressions.Select(Value).ToArray(),
        _ => throw new FormatException(),
    };

    /// <summary>A bound constant's value, arrays as arrays of their elements' values.</summary>
    private static object? Value(TypedConstant constant) => constant.Kind switch
    {
        TypedConstantKind.Error => throw new FormatException(),
        TypedConstantKind.Array => constant.IsNull ? null : constant.Values.Select(Value).ToArray(),
        _ => constant.Value,
    };
}

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

        var e = a.Value.Select(x => x.Expression).ToArray();
        try
        {
            return new WorkloadFacts
            {
                Function = Bool(e[0]),
                Name = String(e[1]) ?? throw new FormatException(),
                Namespace = String(e[2]) ?? throw new FormatException(),
                Paused = Bool(e[3]),
                Labels = Strings(e[4]),
                Annotations = Strings(e[5]),
                Image = String(e[6]) ?? throw new FormatException(),
                Pool = String(e[7]) ?? throw new FormatException(),
                Mode = Int(e[8]),
                MinReplicas = Int(e[9]),
                MaxReplicas = Int(e[10]),
                Set = Int(e[11]),
                Values = Elements(e[12], "int").Select(Int).ToArray(),
                Triggers = Int(e[13]),
                TargetNamespaces = Strings(e[14]),
                Inputs = Strings(e[15]),
                Version = String(e[16]),
                Filter = Strings(e[17]),
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Bool(ExpressionSyntax e) => e.Kind() switch
    {
        SyntaxKind.TrueLiteralExpression => true,
        SyntaxKind.FalseLiteralExpression => false,
        _ => throw new FormatException(),
    };

    private static string? String(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } => null,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal when !literal.Token.ContainsDiagnostics => literal.Token.ValueText,
        _ => throw new FormatException(),
    };

    private static int Int(ExpressionSyntax e) => e switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } literal when literal.Token.Value is int value => value,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: LiteralExpressionSyntax { Token.Value: int value } } => checked(-value),
        _ => throw new FormatException(),
    };

    private static string[] Strings(ExpressionSyntax e) => Elements(e, "string").Select(x => String(x) ?? string.Empty).ToArray();

    private static IEnumerable<ExpressionSyntax> Elements(ExpressionSyntax e, string elementType) => e switch
    {
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } => Array.Empty<ExpressionSyntax>(),
        ArrayCreationExpressionSyntax { Type: { ElementType: PredefinedTypeSyntax element, RankSpecifiers.Count: 1 }, Initializer: { } init } when element.Keyword.ValueText == elementType => init.Expressions,
        _ => throw new FormatException(),
    };

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
        if (a.Length is not (ArgumentCount or ArgumentCountWithTypeName) || a.Any(c => c.Kind == TypedConstantKind.Error))
        {
            throw new InvalidDataException($"{tree.FilePath}: a [GeneratedWorkload] attribute has {a.Length} arguments, which this hevlayer tool does not read; install the hevlayer tool of the project's HevLayer.Generators version (dotnet tool update HevLayer.Cli --version <version>).");
        }

        return new WorkloadFacts
        {
            Function = (bool)a[0].Value!,
            Name = (string)a[1].Value!,
            Namespace = (string)a[2].Value!,
            Paused = (bool)a[3].Value!,
            Labels = Strings(a[4]),
            Annotations = Strings(a[5]),
            Image = (string)a[6].Value!,
            Pool = (string)a[7].Value!,
            Mode = (int)a[8].Value!,
            MinReplicas = (int)a[9].Value!,
            MaxReplicas = (int)a[10].Value!,
            Set = (int)a[11].Value!,
            Values = a[12].IsNull ? Array.Empty<int>() : a[12].Values.Select(v => (int)v.Value!).ToArray(),
            Triggers = (int)a[13].Value!,
            TargetNamespaces = Strings(a[14]),
            Inputs = Strings(a[15]),
            Version = (string?)a[16].Value,
            Filter = Strings(a[17]),
        };
    }

    private static string[] Strings(TypedConstant constant) =>
        constant.IsNull ? Array.Empty<string>() : constant.Values.Select(v => (string?)v.Value ?? string.Empty).ToArray();
}

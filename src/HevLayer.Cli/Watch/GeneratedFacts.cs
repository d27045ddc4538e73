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
/// writes the packed facts as one C# string literal, whose value is the compiler's own parse of that token:
/// the constant it serializes into the assembly, where the build task's <see cref="AssemblyFactsReader"/> reads
/// it, and both unpack it with <see cref="WorkloadFacts.Unpack"/>. The declaring type is the class the
/// attribute sits on, as the build task reads it from metadata. No binding is needed; an argument of any
/// other shape is read through the compiler's binding instead. The manifests are rendered by the same
/// <see cref="ManifestWriter"/>. Facts in a format this tool does not know (a newer generator) name the tool
/// version to install.
/// </summary>
internal static class GeneratedFacts
{
    private const string AttributeName = "HevLayer.Manifests.GeneratedWorkloadAttribute";

    /// <summary>The manifests of the workload classes in generated file <paramref name="tree"/>.</summary>
    /// <param name="bind">The compilation to bind with, for an attribute the syntax alone does not give.</param>
    public static IReadOnlyList<RenderedManifest> Read(SyntaxTree tree, Func<Compilation> bind, CancellationToken cancellationToken)
    {
        var result = new List<RenderedManifest>();
        foreach (var type in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
        {
            foreach (var attribute in type.AttributeLists.SelectMany(l => l.Attributes).Where(a => a.Name.ToString().EndsWith("GeneratedWorkload", StringComparison.Ordinal)))
            {
                var facts = FromSyntax(attribute) ?? FromBinding(bind(), tree, type, cancellationToken);
                // A library's workload with no image is left to the application that hosts it: no manifest here either.
                if (facts is not null && facts.Text(FactSlot.Image).Length > 0)
                {
                    // The declaring type is the class the attribute sits on, as the build task reads it from metadata,
                    // or the library class a hosted workload names (SourceType = "...").
                    facts.SourceType = HostedSourceType(attribute) ?? SourceIndex.FullName(type);
                    result.Add(RenderedManifest.Of(facts.ToModel()));
                }
            }
        }

        return result;
    }

    /// <summary>The facts from the one string literal argument, or null when the argument is anything else or not packed facts.</summary>
    internal static WorkloadFacts? FromSyntax(AttributeSyntax attribute)
    {
        if (attribute.ArgumentList?.Arguments is not [{ NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal }, ..]
            || literal.Token.ContainsDiagnostics)
        {
            return null;
        }

        try
        {
            return WorkloadFacts.Unpack(literal.Token.ValueText);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>SourceType = "..."</c> of a workload an application hosts from a library, or null.</summary>
    private static string? HostedSourceType(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments
            .Where(a => a.NameEquals?.Name.Identifier.ValueText == "SourceType" && a.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression })
            .Select(a => ((LiteralExpressionSyntax)a.Expression).Token.ValueText)
            .FirstOrDefault(t => t.Length > 0);

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
            return a is [{ Kind: TypedConstantKind.Primitive, Value: string packed }] ? WorkloadFacts.Unpack(packed) : throw new FormatException($"{a.Length} argument(s), not one string.");
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{tree.FilePath}: a [GeneratedWorkload] attribute this hevlayer tool does not read ({e.Message}); install the hevlayer tool of the project's HevLayer.Generators version (dotnet tool update HevLayer.Cli --version <version>).");
        }
    }
}

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

    private const string EnvironmentAttributeName = "HevLayer.Manifests.GeneratedEnvironmentAttribute";

    /// <summary>The manifests of the workload classes in generated file <paramref name="tree"/>, with no environment applied.</summary>
    /// <param name="tree">The generated file.</param>
    /// <param name="bind">The compilation to bind with, for an attribute the syntax alone does not give.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static IReadOnlyList<RenderedManifest> Read(SyntaxTree tree, Func<Compilation> bind, CancellationToken cancellationToken) =>
        ReadTypes(tree, bind, cancellationToken).Select(t => RenderedManifest.Of(t.Shared.ToModel())).ToList();

    /// <summary>
    /// The facts of the workload classes in generated file <paramref name="tree"/>: the shared ones of
    /// <c>[GeneratedWorkload]</c>, and the class's own in each environment it overrides (<c>[GeneratedEnvironment]</c>),
    /// as the build task's <see cref="AssemblyFactsReader"/> reads them from metadata.
    /// </summary>
    /// <param name="tree">The generated file.</param>
    /// <param name="bind">The compilation to bind with, for an attribute the syntax alone does not give.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static IReadOnlyList<TypeFacts> ReadTypes(SyntaxTree tree, Func<Compilation> bind, CancellationToken cancellationToken)
    {
        var result = new List<TypeFacts>();
        foreach (var type in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>())
        {
            WorkloadFacts? shared = null;
            string? sourceType = null;
            Dictionary<string, WorkloadFacts>? environments = null;
            foreach (var attribute in type.AttributeLists.SelectMany(l => l.Attributes))
            {
                var name = attribute.Name.ToString();
                if (name.EndsWith("GeneratedWorkload", StringComparison.Ordinal))
                {
                    var facts = FromSyntax(attribute) ?? FromBinding(bind(), tree, type, AttributeName, cancellationToken).Facts;

                    // A library's workload with no image is left to the application that hosts it: no manifest here either.
                    if (facts is not null && facts.Text(FactSlot.Image).Length > 0)
                    {
                        shared = facts;

                        // The declaring type is the class the attribute sits on, as the build task reads it from metadata,
                        // or the library class a hosted workload names (SourceType = "...").
                        sourceType = HostedSourceType(attribute) ?? SourceIndex.FullName(type);
                    }
                }
                else if (name.EndsWith("GeneratedEnvironment", StringComparison.Ordinal))
                {
                    var (environment, facts) = EnvironmentFromSyntax(attribute) is { } read ? read : FromBinding(bind(), tree, type, EnvironmentAttributeName, cancellationToken, attribute);
                    if (environment is not null && facts is not null)
                    {
                        (environments ??= new Dictionary<string, WorkloadFacts>(StringComparer.Ordinal))[environment] = facts;
                    }
                }
            }

            if (shared is not null)
            {
                shared.SourceType = sourceType ?? SourceIndex.FullName(type);
                foreach (var facts in environments?.Values ?? Enumerable.Empty<WorkloadFacts>())
                {
                    facts.SourceType = shared.SourceType;
                }

                result.Add(new TypeFacts(shared, environments));
            }
        }

        return result;
    }

    /// <summary>The environment and facts of a <c>[GeneratedEnvironment("prod", "...")]</c> of two string literals, or null.</summary>
    internal static (string Environment, WorkloadFacts Facts)? EnvironmentFromSyntax(AttributeSyntax attribute)
    {
        if (attribute.ArgumentList?.Arguments is not [{ NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } name }, { NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal }]
            || name.Token.ContainsDiagnostics || literal.Token.ContainsDiagnostics)
        {
            return null;
        }

        try
        {
            return (name.Token.ValueText, WorkloadFacts.Unpack(literal.Token.ValueText));
        }
        catch (FormatException)
        {
            return null;
        }
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

    /// <summary>The facts as the compiler binds them: of the attribute <paramref name="attributeName"/> (the one at <paramref name="at"/>, else the first).</summary>
    private static (string? Environment, WorkloadFacts? Facts) FromBinding(Compilation compilation, SyntaxTree tree, TypeDeclarationSyntax type, string attributeName, CancellationToken cancellationToken, AttributeSyntax? at = null)
    {
        var symbol = compilation.GetSemanticModel(tree).GetDeclaredSymbol(type, cancellationToken);
        var attribute = symbol?.GetAttributes().FirstOrDefault(a => a.ApplicationSyntaxReference?.SyntaxTree == tree && a.AttributeClass?.ToDisplayString() == attributeName
            && (at is null || a.ApplicationSyntaxReference.Span == at.Span));
        if (attribute is null)
        {
            return (null, null);
        }

        var a = attribute.ConstructorArguments;
        try
        {
            return at is null
                ? (null, a is [{ Kind: TypedConstantKind.Primitive, Value: string packed }] ? WorkloadFacts.Unpack(packed) : throw new FormatException($"{a.Length} argument(s), not one string."))
                : a is [{ Kind: TypedConstantKind.Primitive, Value: string environment }, { Kind: TypedConstantKind.Primitive, Value: string facts }]
                    ? (environment, WorkloadFacts.Unpack(facts))
                    : throw new FormatException($"{a.Length} argument(s), not two strings.");
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{tree.FilePath}: a [{(at is null ? "GeneratedWorkload" : "GeneratedEnvironment")}] attribute this hevlayer tool does not read ({e.Message}); install the hevlayer tool of the project's HevLayer.Generators version (dotnet tool update HevLayer.Cli --version <version>).");
        }
    }
}

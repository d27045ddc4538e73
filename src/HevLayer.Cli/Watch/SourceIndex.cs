using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Cli.Watch;

/// <summary>What a source file declares, read from its syntax alone: its types' names, and whether one is a workload.</summary>
/// <param name="Types">The full names of the types it declares (namespace and containing types, as C# displays them).</param>
/// <param name="DeclaresWorkload">True when a type carries an attribute named Pipeline or Function.</param>
/// <param name="DeclaresConstants">True when it declares a constant or an enum, which another file's attributes may use.</param>
internal sealed record SourceIndex(IReadOnlyCollection<string> Types, bool DeclaresWorkload, bool DeclaresConstants)
{
    private static readonly string[] WorkloadAttributes = { "Pipeline", "PipelineAttribute", "Function", "FunctionAttribute" };

    public static SourceIndex Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var declared = Declared(tree, nested: true, cancellationToken);
        return new SourceIndex(
            declared.Select(FullName).ToHashSet(StringComparer.Ordinal),
            declared.Any(HasWorkloadAttribute),
            declared.Any(t => t is EnumDeclarationSyntax
                || (t is TypeDeclarationSyntax declaration && declaration.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Modifiers.Any(m => m.ValueText == "const")))));
    }

    /// <summary>
    /// A type's full name as the generator writes the declaring type (and C# displays it): namespace,
    /// containing types and name, dot-separated.
    /// </summary>
    public static string FullName(BaseTypeDeclarationSyntax type) =>
        string.Join(".", type.AncestorsAndSelf().Reverse().Select(n => n switch
        {
            BaseNamespaceDeclarationSyntax ns => ns.Name.ToString().Replace(" ", string.Empty, StringComparison.Ordinal),
            BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
            _ => null,
        }).Where(part => part is not null));

    /// <summary>
    /// The full names of the workload types an edit at <paramref name="span"/> touched, with their nested types;
    /// every workload type when the edit is outside them all (a using, the namespace line).
    /// </summary>
    public static IReadOnlyCollection<string> Touched(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        var all = Declared(tree, nested: false, cancellationToken);
        var touched = all.Where(t => t.FullSpan.IntersectsWith(span) || t.FullSpan.End == span.Start || t.FullSpan.Start == span.End).ToList();
        var inside = touched.Count > 0 && touched.Min(t => t.FullSpan.Start) <= span.Start && touched.Max(t => t.FullSpan.End) >= span.End;
        return (inside ? touched : all)
            .SelectMany(t => t.DescendantNodesAndSelf().OfType<BaseTypeDeclarationSyntax>())
            .Select(FullName)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="tree"/> with every outermost workload type not named in <paramref name="keep"/> blanked
    /// out (each character a space, line breaks kept), so the kept types sit at the same lines and columns and
    /// a diagnostic reads as it would in the file; the tree itself when nothing is blanked.
    /// </summary>
    public static SyntaxTree WithOnly(SyntaxTree tree, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        var blank = Declared(tree, nested: false, cancellationToken)
            .Where(t => !keep.Contains(FullName(t)) && t.DescendantNodesAndSelf(n => n is not BlockSyntax).OfType<BaseTypeDeclarationSyntax>().Any(HasWorkloadAttribute))
            .Select(t => t.FullSpan)
            .ToList();
        if (blank.Count == 0)
        {
            return tree;
        }

        var text = tree.GetText(cancellationToken);
        var chars = text.ToString().ToCharArray();
        foreach (var span in blank)
        {
            for (var i = span.Start; i < span.End; i++)
            {
                if (chars[i] is not '\r' and not '\n')
                {
                    chars[i] = ' ';
                }
            }
        }

        return CSharpSyntaxTree.ParseText(SourceText.From(new string(chars), text.Encoding, text.ChecksumAlgorithm), (CSharpParseOptions)tree.Options, tree.FilePath, cancellationToken);
    }

    private static bool HasWorkloadAttribute(BaseTypeDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(l => l.Attributes).Any(a => WorkloadAttributes.Contains(LastName(a.Name), StringComparer.Ordinal));

    /// <summary>The types declared directly in the file or its namespaces, and with <paramref name="nested"/> those inside them too.</summary>
    private static List<BaseTypeDeclarationSyntax> Declared(SyntaxTree tree, bool nested, CancellationToken cancellationToken) =>
        tree.GetRoot(cancellationToken)
            .DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax || (nested && n is BaseTypeDeclarationSyntax))
            .OfType<BaseTypeDeclarationSyntax>()
            .ToList();

    private static string LastName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => name.ToString(),
    };
}

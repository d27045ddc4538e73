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
        var types = new HashSet<string>(StringComparer.Ordinal);
        var workload = false;
        var constants = false;
        foreach (var (type, name) in Declared(tree, nested: true, cancellationToken))
        {
            types.Add(name);
            workload |= type.AttributeLists.SelectMany(l => l.Attributes).Any(a => WorkloadAttributes.Contains(LastName(a.Name), StringComparer.Ordinal));
            constants |= type is EnumDeclarationSyntax
                || (type is TypeDeclarationSyntax declaration && declaration.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Modifiers.Any(m => m.ValueText == "const")));
        }

        return new SourceIndex(types, workload, constants);
    }

    /// <summary>
    /// The full names of the workload types an edit at <paramref name="span"/> touched, with their nested types;
    /// every workload type when the edit is outside them all (a using, the namespace line).
    /// </summary>
    public static IReadOnlyCollection<string> Touched(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        var all = Declared(tree, nested: false, cancellationToken);
        var touched = all.Where(t => t.Node.FullSpan.IntersectsWith(span) || t.Node.FullSpan.End == span.Start || t.Node.FullSpan.Start == span.End).ToList();
        var inside = touched.Count > 0 && touched.Min(t => t.Node.FullSpan.Start) <= span.Start && touched.Max(t => t.Node.FullSpan.End) >= span.End;
        var chosen = inside ? touched : all;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, name) in chosen)
        {
            names.Add(name);
            foreach (var nested in node.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                names.Add(name + "." + string.Join(".", nested.AncestorsAndSelf().TakeWhile(n => n != node).OfType<BaseTypeDeclarationSyntax>().Reverse().Select(n => n.Identifier.ValueText)));
            }
        }

        return names;
    }

    /// <summary>
    /// <paramref name="tree"/> with every outermost workload type not named in <paramref name="keep"/> blanked
    /// out (each character a space, line breaks kept), so the kept types sit at the same lines and columns and
    /// a diagnostic reads as it would in the file; the tree itself when nothing is blanked.
    /// </summary>
    public static SyntaxTree WithOnly(SyntaxTree tree, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        var blank = Declared(tree, nested: false, cancellationToken).Where(t => !keep.Contains(t.Name) && IsWorkload(t.Node)).Select(t => t.Node.FullSpan).ToList();
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

    private static bool IsWorkload(BaseTypeDeclarationSyntax type) =>
        type.DescendantNodesAndSelf(n => n is not BlockSyntax).OfType<BaseTypeDeclarationSyntax>()
            .Any(t => t.AttributeLists.SelectMany(l => l.Attributes).Any(a => WorkloadAttributes.Contains(LastName(a.Name), StringComparer.Ordinal)));

    /// <summary>The types declared in the file with their full names: those directly in the file or its namespaces, and with <paramref name="nested"/> those inside them too.</summary>
    private static List<(BaseTypeDeclarationSyntax Node, string Name)> Declared(SyntaxTree tree, bool nested, CancellationToken cancellationToken)
    {
        var found = new List<(BaseTypeDeclarationSyntax, string)>();
        Visit(tree.GetRoot(cancellationToken), string.Empty);
        return found;

        void Visit(SyntaxNode node, string prefix)
        {
            foreach (var child in node.ChildNodes())
            {
                switch (child)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        Visit(ns, prefix + ns.Name.ToString().Replace(" ", string.Empty, StringComparison.Ordinal) + ".");
                        break;
                    case BaseTypeDeclarationSyntax type:
                        found.Add((type, prefix + type.Identifier.ValueText));
                        if (nested)
                        {
                            Visit(type, prefix + type.Identifier.ValueText + ".");
                        }

                        break;
                }
            }
        }
    }

    private static string LastName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax q => q.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => name.ToString(),
    };
}

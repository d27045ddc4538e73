using System.Collections.Immutable;
using System.Threading.Tasks;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators.CodeFixes;

/// <summary>HEVL001: replace an unknown pool with each existing pool, the closest name first.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownPoolFix))]
[System.Composition.Shared]
public sealed class UnknownPoolFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnknownPool);

    /// <summary>The pool to use is a choice, so there is no Fix All.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument
                || !diagnostic.Properties.TryGetValue(PropertyNames.Pools, out var pools) || string.IsNullOrEmpty(pools))
            {
                continue;
            }

            foreach (var pool in pools!.Split(','))
            {
                var replacement = argument.WithExpression(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(pool)).WithTriviaFrom(argument.Expression));
                context.RegisterCodeFix(
                    CodeAction.Create($"Use pool '{pool}'", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument, replacement))), equivalenceKey: RuleIds.UnknownPool + ":" + pool),
                    diagnostic);
            }
        }
    }
}

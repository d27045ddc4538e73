using System.Collections.Immutable;
using System.Threading.Tasks;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Scaling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators.CodeFixes;

/// <summary>
/// HEVL001: replace an unknown pool with each existing pool, the closest name first. The first action
/// ("the closest pool") shares one equivalence key across diagnostics, so Fix All and
/// <c>dotnet format analyzers --diagnostics HEVL001</c> replace every unknown pool with its closest match.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownPoolFix))]
[System.Composition.Shared]
public sealed class UnknownPoolFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(UnknownPool.DiagnosticId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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

            var ordered = pools!.Split(',');
            for (var i = 0; i < ordered.Length; i++)
            {
                var pool = ordered[i];
                var replacement = argument.WithExpression(
                    SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(pool)).WithTriviaFrom(argument.Expression));
                context.RegisterCodeFix(
                    CodeAction.Create(
                        i == 0 ? $"Use pool '{pool}' (closest)" : $"Use pool '{pool}'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument, replacement))),
                        equivalenceKey: i == 0 ? UnknownPool.DiagnosticId : UnknownPool.DiagnosticId + ":" + pool),
                    diagnostic);
            }
        }
    }
}

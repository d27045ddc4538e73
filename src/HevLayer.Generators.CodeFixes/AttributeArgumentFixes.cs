using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
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
/// Fixes that rewrite one attribute argument: clamp replicas to the pool's ceiling (HEVL002), remove
/// MaxReplicas in fixed mode (HEVL008), switch fixed mode with MinReplicas 0 to Disabled (HEVL007).
/// Each has a single, deterministic outcome, so Fix All (and <c>dotnet format analyzers</c>) applies it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AttributeArgumentFixes))]
[System.Composition.Shared]
public sealed class AttributeArgumentFixes : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(ReplicasAboveCeiling.DiagnosticId, FixedMaxIgnored.DiagnosticId, FixedMinZero.DiagnosticId);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<AttributeArgumentSyntax>() is not { } argument)
            {
                continue;
            }

            switch (diagnostic.Id)
            {
                case ReplicasAboveCeiling.DiagnosticId
                    when diagnostic.Properties.TryGetValue(PropertyNames.Ceiling, out var ceilingText)
                    && int.TryParse(ceilingText, NumberStyles.None, CultureInfo.InvariantCulture, out var ceiling):
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Clamp to the pool's ceiling ({ceiling})",
                            ct => Replace(context.Document, argument, argument.WithExpression(Literal(ceiling, argument.Expression)), ct),
                            equivalenceKey: ReplicasAboveCeiling.DiagnosticId),
                        diagnostic);
                    break;

                case FixedMaxIgnored.DiagnosticId:
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove MaxReplicas", ct => Remove(context.Document, argument, ct), equivalenceKey: FixedMaxIgnored.DiagnosticId),
                        diagnostic);
                    break;

                case FixedMinZero.DiagnosticId when argument.Expression is MemberAccessExpressionSyntax member:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use ScalingMode.Disabled",
                            ct => Replace(context.Document, argument, argument.WithExpression(member.WithName(SyntaxFactory.IdentifierName("Disabled").WithTriviaFrom(member.Name))), ct),
                            equivalenceKey: FixedMinZero.DiagnosticId),
                        diagnostic);
                    break;
            }
        }
    }

    private static ExpressionSyntax Literal(int value, ExpressionSyntax old) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(old);

    private static async Task<Document> Replace(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
    }

    private static async Task<Document> Remove(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || argument.Parent is not AttributeArgumentListSyntax list)
        {
            return document;
        }

        var remaining = list.Arguments.Remove(argument);
        var newList = remaining.Count == 0 ? null : list.WithArguments(remaining);
        var attribute = (AttributeSyntax)list.Parent!;
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(newList)));
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Benchmarks;

/// <summary>
/// The other floor: a do-nothing generator that finds the same classes by syntax alone (a class or record with
/// attribute lists), binding nothing and producing nothing, as a generator that skips
/// ForAttributeWithMetadataName would start.
/// </summary>
public sealed class SyntacticFloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var classes = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } and (ClassDeclarationSyntax or RecordDeclarationSyntax),
            static (ctx, _) => 0);
        context.RegisterSourceOutput(classes, static (_, _) => { });
    }
}

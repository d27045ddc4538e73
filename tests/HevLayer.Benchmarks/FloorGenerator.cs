using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Benchmarks;

/// <summary>
/// Roslyn's floor for this job: ForAttributeWithMetadataName on the same two attributes over the same
/// compilation, producing nothing. No generator that finds these classes can be cheaper.
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var pipelines = context.SyntaxProvider.ForAttributeWithMetadataName(
            "HevLayer.PipelineAttribute", static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, _) => 0);
        var functions = context.SyntaxProvider.ForAttributeWithMetadataName(
            "HevLayer.FunctionAttribute", static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, _) => 0);
        context.RegisterSourceOutput(pipelines, static (_, _) => { });
        context.RegisterSourceOutput(functions, static (_, _) => { });
    }
}

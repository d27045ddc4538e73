using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// The floor for a generator that writes one file per class: <see cref="FloorGenerator"/>'s two
/// ForAttributeWithMetadataName calls, with each class's name as its model and a one-line file per class.
/// What the driver itself charges for carrying N generated files from run to run, before any work of ours.
/// </summary>
public sealed class OutputFloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var pipelines = context.SyntaxProvider.ForAttributeWithMetadataName(
            "HevLayer.PipelineAttribute", static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, _) => ctx.TargetSymbol.Name);
        var functions = context.SyntaxProvider.ForAttributeWithMetadataName(
            "HevLayer.FunctionAttribute", static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(pipelines, static (spc, name) => spc.AddSource(name + ".g.cs", SourceText.From("// " + name, System.Text.Encoding.UTF8)));
        context.RegisterSourceOutput(functions, static (spc, name) => spc.AddSource(name + ".g.cs", SourceText.From("// " + name, System.Text.Encoding.UTF8)));
    }
}

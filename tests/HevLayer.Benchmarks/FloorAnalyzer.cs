using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Benchmarks;

/// <summary>
/// Roslyn's floor for analyzers of this kind: a compilation-start action that looks up the two attribute
/// types and a named-type symbol action that reads each type's attributes, reporting nothing. What the
/// analyzer driver and attribute binding cost before any HEVL rule runs.
/// </summary>
/// <remarks>Attached by hand to CompilationWithAnalyzers, never loaded by a compiler, so it carries no
/// [DiagnosticAnalyzer] attribute and no release tracking.</remarks>
#pragma warning disable RS1001, RS2008 // No attribute, no release tracking: a benchmark-only analyzer that is never loaded by a compiler.
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("FLOOR001", "Never reported", "Never reported", "Floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

#pragma warning restore RS1001, RS2008

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var pipeline = start.Compilation.GetTypeByMetadataName("HevLayer.PipelineAttribute");
            var function = start.Compilation.GetTypeByMetadataName("HevLayer.FunctionAttribute");
            start.RegisterSymbolAction(
                symbol =>
                {
                    foreach (var attribute in symbol.Symbol.GetAttributes())
                    {
                        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, pipeline) || SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, function))
                        {
                            return;
                        }
                    }
                },
                SymbolKind.NamedType);
        });
    }
}

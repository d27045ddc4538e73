using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HevLayer.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Benchmarks;

/// <summary>
/// The analyzers. Compile: binding and checking the whole synthetic project, the baseline. CompileWithAnalyzers:
/// the same with both HEVL analyzers attached (Roslyn re-binds under an analyzer event queue, so the
/// difference is the analyzers' share). OneFileEdit: what the editor pays per keystroke, the analyzers'
/// diagnostics for the one edited file of a new compilation. <see cref="AnalyzerTelemetry"/> adds the
/// analyzers' own execution time as Roslyn measures it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 9)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer());

    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private Compilation fresh = null!;
    private SyntaxTree editedTree = null!;
    private AnalyzerOptions options = null!;

    [Params(100, 1000, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Synthetic.Compilation(N);
        edited = Synthetic.EditOne(compilation, N / 2);
        editedTree = edited.SyntaxTrees.Except(compilation.SyntaxTrees).Single();
        options = Synthetic.AnalyzerOptions();
    }

    [IterationSetup(Targets = new[] { nameof(Compile), nameof(CompileWithAnalyzers) })]
    public void Unbound() => fresh = compilation.Clone();

    [IterationSetup(Target = nameof(OneFileEdit))]
    public void Edited() => fresh = edited.Clone();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Whole project")]
    public int Compile() => fresh.GetDiagnostics().Length;

    [Benchmark]
    [BenchmarkCategory("Whole project")]
    public int CompileWithAnalyzers() =>
        fresh.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;

    [Benchmark]
    [BenchmarkCategory("Keystroke")]
    public int OneFileEdit()
    {
        var withAnalyzers = fresh.WithAnalyzers(Analyzers, options);
        return withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(fresh.GetSemanticModel(fresh.SyntaxTrees.Single(t => t.FilePath == editedTree.FilePath)), null, CancellationToken.None)
            .GetAwaiter().GetResult().Length;
    }
}

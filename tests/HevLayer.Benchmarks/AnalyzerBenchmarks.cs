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
/// diagnostics for the one edited file of a compilation made from the previous, bound one; beside it,
/// OneFileCompile, the compiler's own diagnostics for that file.The compiler's own per-analyzer times
/// come from the real build (<see cref="BuildBenchmark"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 9)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer());

    private CSharpCompilation compilation = null!;
    private Compilation fresh = null!;
    private AnalyzerOptions options = null!;

    [Params(100, 1000, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Synthetic.Compilation(N);
        options = Synthetic.AnalyzerOptions();
        compilation.GetDiagnostics();
    }

    [IterationSetup(Targets = new[] { nameof(Compile), nameof(CompileWithAnalyzers) })]
    public void Unbound() => fresh = compilation.Clone();

    [IterationSetup(Targets = new[] { nameof(OneFileCompile), nameof(OneFileEdit) })]
    public void Edited() => fresh = Synthetic.EditOne(compilation, Synthetic.EditedIndex(N));

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Whole project")]
    public int Compile() => fresh.GetDiagnostics().Length;

    [Benchmark]
    [BenchmarkCategory("Whole project")]
    public int CompileWithAnalyzers() =>
        fresh.WithAnalyzers(Analyzers, options).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Keystroke")]
    public int OneFileCompile() => fresh.GetSemanticModel(EditedTree()).GetDiagnostics().Length;

    [Benchmark]
    [BenchmarkCategory("Keystroke")]
    public int OneFileEdit()
    {
        var withAnalyzers = fresh.WithAnalyzers(Analyzers, options);
        return withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(fresh.GetSemanticModel(EditedTree()), null, CancellationToken.None)
            .GetAwaiter().GetResult().Length;
    }

    private SyntaxTree EditedTree()
    {
        var path = "Worker" + Synthetic.EditedIndex(N).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".cs";
        return fresh.SyntaxTrees.Single(t => t.FilePath == path);
    }
}

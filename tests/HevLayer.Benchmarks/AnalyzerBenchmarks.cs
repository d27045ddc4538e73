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
/// The analyzers, on the synthetic project together with the generator's output (what the compiler and
/// the editor analyze). Compile: binding and checking the whole project, the baseline.
/// CompileWithAnalyzers: the same with both HEVL analyzers attached (Roslyn re-binds under an analyzer
/// event queue, so the difference is the analyzers' share). Keystroke: the one edited file of a
/// compilation made from the previous, bound one, as the editor makes one per keystroke: OneFileCompile,
/// the compiler's own diagnostics for that file; OneFileFloor, a do-nothing analyzer's
/// (<see cref="FloorAnalyzer"/>: the analyzer driver and attribute binding); OneFileEdit, ours. The
/// compiler's own per-analyzer times come from the real build (<see cref="BuildBenchmark"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
[SimpleJob(warmupCount: 6, iterationCount: 9)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer());

    private static readonly ImmutableArray<DiagnosticAnalyzer> Floor = ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer());

    private Compilation compilation = null!;
    private Compilation fresh = null!;
    private AnalyzerOptions options = null!;

    [Params(100, 1000, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Synthetic.WithGeneratedSources(Synthetic.Compilation(N));
        options = Synthetic.AnalyzerOptions();
        compilation.GetDiagnostics();
    }

    [IterationSetup(Targets = new[] { nameof(Compile), nameof(CompileWithAnalyzers) })]
    public void Unbound() => fresh = compilation.Clone();

    [IterationSetup(Targets = new[] { nameof(OneFileCompile), nameof(OneFileFloor), nameof(OneFileEdit) })]
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
    public int OneFileFloor() => OneFile(Floor);

    [Benchmark]
    [BenchmarkCategory("Keystroke")]
    public int OneFileEdit() => OneFile(Analyzers);

    private int OneFile(ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        fresh.WithAnalyzers(analyzers, options)
            .GetAnalyzerSemanticDiagnosticsAsync(fresh.GetSemanticModel(EditedTree()), null, CancellationToken.None)
            .GetAwaiter().GetResult().Length;

    private SyntaxTree EditedTree()
    {
        var path = "Worker" + Synthetic.EditedIndex(N).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".cs";
        return fresh.SyntaxTrees.Single(t => t.FilePath == path);
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HevLayer.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Benchmarks;

/// <summary>
/// The generator against Roslyn's floor. Cold: a new driver on a compilation nobody has bound yet (a
/// fresh clone each iteration), beside <see cref="FloorGenerator"/> on the same. Cached: a driver that has
/// seen this compilation runs again. Edit: a driver that has seen the compilation runs after one
/// workload's replica count changed (the edited compilation is cloned each iteration, as every keystroke
/// makes a new one).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 9)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private GeneratorDriver warm = null!;
    private Compilation fresh = null!;

    [Params(100, 1000, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Synthetic.Compilation(N);
        edited = Synthetic.EditOne(compilation, N / 2);
        warm = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
    }

    [IterationSetup(Targets = new[] { nameof(Floor), nameof(Cold) })]
    public void FreshCompilation() => fresh = compilation.Clone();

    [IterationSetup(Target = nameof(EditOne))]
    public void FreshEdit() => fresh = edited.Clone();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver Floor() => Synthetic.Driver(new FloorGenerator()).RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver Cold() => Synthetic.Driver(new WorkloadGenerator()).RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("Cached")]
    public GeneratorDriver Cached() => warm.RunGenerators(compilation);

    [Benchmark]
    [BenchmarkCategory("Edit")]
    public GeneratorDriver EditOne() => warm.RunGenerators(fresh);
}

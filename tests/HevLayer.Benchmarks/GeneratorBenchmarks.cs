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
/// workload's MaxReplicas changed, on a compilation made from the previous one by ReplaceSyntaxTree each
/// iteration, as the editor makes one per keystroke; the floor generator does the same beside it.
/// EditBound and EditBoundFloor: the same edit after another generator has already run on the new
/// compilation, as in a real build or editor where several generators share it, so that the attribute
/// binding whichever generator comes first pays is out of both figures; their difference is what this
/// generator adds to an edit.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[MaxColumn]
[SimpleJob(warmupCount: 6, iterationCount: 9)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private CSharpCompilation compilation = null!;
    private GeneratorDriver warm = null!;
    private GeneratorDriver warmFloor = null!;
    private Compilation fresh = null!;
    private GeneratorDriver binder = null!;

    [Params(100, 1000, 5000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        compilation = Synthetic.Compilation(N);
        warm = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
        Synthetic.EnsureRan(warm.GetRunResult().Results[0], N);

        warmFloor = Synthetic.Driver(new FloorGenerator()).RunGenerators(compilation);
        binder = Synthetic.Driver(new FloorGenerator()).RunGenerators(compilation);
    }

    [IterationSetup(Targets = new[] { nameof(Floor), nameof(Cold) })]
    public void FreshCompilation() => fresh = compilation.Clone();

    [IterationSetup(Targets = new[] { nameof(EditFloor), nameof(EditOne) })]
    public void FreshEdit() => fresh = Synthetic.EditOne(compilation, Synthetic.EditedIndex(N));

    [IterationSetup(Targets = new[] { nameof(EditBoundFloor), nameof(EditBound) })]
    public void FreshBoundEdit()
    {
        fresh = Synthetic.EditOne(compilation, Synthetic.EditedIndex(N));
        binder.RunGenerators(fresh);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver Floor() => Synthetic.Driver(new FloorGenerator()).RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver Cold() => Synthetic.Driver(new WorkloadGenerator()).RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("Cached")]
    public GeneratorDriver Cached() => warm.RunGenerators(compilation);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Edit")]
    public GeneratorDriver EditFloor() => warmFloor.RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("Edit")]
    public GeneratorDriver EditOne() => warm.RunGenerators(fresh);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EditBound")]
    public GeneratorDriver EditBoundFloor() => warmFloor.RunGenerators(fresh);

    [Benchmark]
    [BenchmarkCategory("EditBound")]
    public GeneratorDriver EditBound() => warm.RunGenerators(fresh);
}

using System.Collections.Immutable;
using System.Linq;
using HevLayer.Generators.Emit;
using HevLayer.Generators.Model;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Model;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>Which generated file carries a workload's code: stable, spread, and the same on every machine.</summary>
public sealed class SourceShardsTests
{
    [Theory]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void The_shard_is_the_published_FNV_1a_hash_modulo_the_count(string name, uint fnv1a)
    {
        // The FNV-1a 32-bit test vectors (ASCII: one UTF-16 code unit per byte): nothing per-process in it.
        Assert.Equal((int)(fnv1a % SourceShards.Count), SourceShards.Of(name));
    }

    [Fact]
    public void Thousands_of_workloads_spread_over_every_shard()
    {
        var counts = Enumerable.Range(0, 5000)
            .Select(i => SourceShards.Of("global::Acme.Workers.Generated" + (i % 10) + ".Worker" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(s => s)
            .Select(g => g.Count())
            .ToList();

        Assert.Equal(SourceShards.Count, counts.Count);
        Assert.True(counts.Max() <= 3 * 5000 / SourceShards.Count, $"the fullest shard holds {counts.Max()}");
    }

    [Fact]
    public void Grouping_keeps_every_shard_in_place_and_orders_each_by_type_name()
    {
        var names = new[] { "global::B.Second", "global::A.First", "global::C.Third", "global::A.Skipped" };
        var resolved = names.Select(n => Resolved(n, emitted: n != "global::A.Skipped")).ToImmutableArray();

        var shards = SourceShards.Group(resolved, ImmutableArray.Create(new ResolvedWorkload?[] { null }));

        Assert.Equal(Enumerable.Range(0, SourceShards.Count), shards.Select(s => s.Index));
        var placed = shards.SelectMany(s => s.Workloads.Select(w => (s.Index, w.Type.FullyQualifiedName))).ToList();
        Assert.Equal(3, placed.Count);
        Assert.All(placed, p => Assert.Equal(SourceShards.Of(p.FullyQualifiedName), p.Index));
        Assert.All(shards, s => Assert.Equal(s.Workloads.Select(w => w.Type.FullyQualifiedName).OrderBy(n => n, System.StringComparer.Ordinal), s.Workloads.Select(w => w.Type.FullyQualifiedName)));
    }

    [Fact]
    public void Six_hundred_workloads_share_files_and_all_compile()
    {
        var files = Enumerable.Range(0, 600).Select(i => (
            "W" + i + ".cs",
            "using HevLayer;\n"
            + "namespace Team" + (i % 5) + (i % 3 == 0 ? ".Nested" : string.Empty) + "\n{\n"
            + (i % 4 == 0 ? "public partial class Outer" + i + "\n{\n" : string.Empty)
            + (i % 2 == 0 ? "[Pipeline(\"p-" + i + "\", Namespace = \"team\")]" : "[Function(\"f-" + i + "\", Namespace = \"team\", Triggers = FunctionTriggers.Write)]") + "\n"
            + "[Scaling(Pool = \"cpu\", MinReplicas = 1, MaxReplicas = " + (1 + (i % 9)) + ")]\n"
            + "public sealed partial class Worker" + i + " { }\n"
            + (i % 4 == 0 ? "}\n" : string.Empty)
            + "}\n"))
            .Append(("Defaults.cs", "[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/w:1\")]"))
            .ToArray();

        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compile(files));

        var sources = GeneratorHarness.GeneratedSources(result);
        var shardFiles = sources.Keys.Where(k => k.StartsWith("HevLayer.Workloads.", System.StringComparison.Ordinal)).ToList();
        Assert.InRange(shardFiles.Count, 200, SourceShards.Count);
        Assert.Equal(600, Emitted.Manifests(output).Count);
        Assert.Equal(600, System.Text.RegularExpressions.Regex.Matches(sources["HevLayer.Generated.HevLayerWorkloads.g.cs"], @"\.Manifest,").Count);
        foreach (var i in new[] { 0, 1, 7, 300, 599 })
        {
            var name = "global::Team" + (i % 5) + (i % 3 == 0 ? ".Nested" : string.Empty) + "." + (i % 4 == 0 ? "Outer" + i + "." : string.Empty) + "Worker" + i;
            Assert.Contains("partial class Worker" + i + "\n", sources[SourceShards.HintName(SourceShards.Of(name))], System.StringComparison.Ordinal);
        }
    }

    private static ResolvedWorkload? Resolved(string fullyQualifiedName, bool emitted)
    {
        var name = fullyQualifiedName.Substring(fullyQualifiedName.LastIndexOf('.') + 1);
        var type = new TypeSpec("N", EquatableArray<ContainingType>.Empty, "class", name, fullyQualifiedName, new DeclarationShape(name, true, null, null, null, false));
        var workload = new WorkloadModel(WorkloadKind.Pipeline, name.ToLowerInvariant(), "team", false, EquatableArray<KeyValue>.Empty, EquatableArray<KeyValue>.Empty, null, new WorkerModel(null, null, null), null, null, name);
        return new ResolvedWorkload(type, workload, emitted ? name + ".yaml" : null, SourceShards.Of(fullyQualifiedName));
    }
}

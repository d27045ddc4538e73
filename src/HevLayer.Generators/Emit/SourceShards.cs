using System.Collections.Generic;
using System.Collections.Immutable;
using HevLayer.Generators.Model;
using HevLayer.Policy.Model;

namespace HevLayer.Generators.Emit;

/// <summary>
/// Spreads the workloads' generated code over a fixed number of files.
/// <para>
/// One file per workload is what generators usually do, and it costs every run of the generator
/// driver time that grows with the square of the file count: Roslyn keeps a generator's added files in
/// a list and checks each new hint name against all earlier ones (a linear scan, case-insensitive), and
/// it re-adds every cached file on every run. Measured with a generator that writes one line per class
/// (`steps N` in the benchmarks): a run with nothing to do took 2.7 ms at 1,000 files and 63-73 ms at 5,000.
/// </para>
/// <para>
/// With a fixed number of files, that cost stays flat, and an edit still re-renders only the shard of the
/// class that changed: its code is rebuilt from the cached models of the few workloads that share the
/// shard, and the driver re-parses that one file. 256 balances the two: the list scan at 256 files is
/// about 33,000 comparisons, and at 5,000 workloads a shard holds about 20 of them.
/// </para>
/// <para>
/// The shard is a hash of the fully qualified type name (FNV-1a over its UTF-16 code units, never
/// <c>string.GetHashCode</c>, which differs per process), so the same classes land in the same files on
/// every machine, and a class keeps its file while others come and go.
/// </para>
/// </summary>
internal static class SourceShards
{
    /// <summary>The number of generated files that workloads are spread over.</summary>
    public const int Count = 256;

    /// <summary>The shard of the class named <paramref name="fullyQualifiedName"/>.</summary>
    public static int Of(string fullyQualifiedName)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in fullyQualifiedName)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash % Count);
        }
    }

    /// <summary>The hint name of shard <paramref name="index"/>.</summary>
    public static string HintName(int index) => "HevLayer.Workloads." + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";

    /// <summary>
    /// All <see cref="Count"/> shards, empty ones included: the driver compares a SelectMany's outputs by
    /// position, so a shard that fills or empties must not move the others.
    /// </summary>
    public static ImmutableArray<WorkloadShard> Group(ImmutableArray<ResolvedWorkload?> pipelines, ImmutableArray<ResolvedWorkload?> functions)
    {
        var buckets = new List<ResolvedWorkload>?[Count];
        Add(buckets, pipelines);
        Add(buckets, functions);

        var shards = ImmutableArray.CreateBuilder<WorkloadShard>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (buckets[i] is { } bucket)
            {
                bucket.Sort(static (a, b) => string.CompareOrdinal(a.Type.FullyQualifiedName, b.Type.FullyQualifiedName));
                shards.Add(new WorkloadShard(i, new EquatableArray<ResolvedWorkload>(bucket.ToArray())));
            }
            else
            {
                shards.Add(new WorkloadShard(i, EquatableArray<ResolvedWorkload>.Empty));
            }
        }

        return shards.MoveToImmutable();
    }

    private static void Add(List<ResolvedWorkload>?[] buckets, ImmutableArray<ResolvedWorkload?> workloads)
    {
        foreach (var workload in workloads)
        {
            if (workload is { IsEmitted: true })
            {
                (buckets[workload.Shard] ??= new List<ResolvedWorkload>()).Add(workload);
            }
        }
    }
}

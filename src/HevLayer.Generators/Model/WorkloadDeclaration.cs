using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;

namespace HevLayer.Generators.Model;

/// <summary>
/// One attributed class: the workload it declares and the type to extend. The root model of the
/// generator's pipeline. Keep it plain, equatable data (strings, numbers, enums, records,
/// <see cref="EquatableArray{T}"/>): a symbol, syntax node, compilation or location here would defeat
/// caching and keep whole compilations alive. A test walks this graph to enforce it.
/// </summary>
public sealed record WorkloadDeclaration(TypeSpec Type, WorkloadModel Workload);

/// <summary>A workload after project defaults are applied, and whether a manifest can be made of it.</summary>
/// <param name="Type">The class to extend.</param>
/// <param name="Workload">The workload, defaults applied.</param>
/// <param name="FileName">The manifest's file name, when it can be emitted; null when it cannot.</param>
/// <param name="Shard">Which generated file carries the class's code (<see cref="Emit.SourceShards"/>).</param>
/// <param name="LeftToHost">What a library that does not host its workloads leaves to the application that does (facts format 3).</param>
public sealed record ResolvedWorkload(TypeSpec Type, WorkloadModel Workload, string? FileName, int Shard, HostDefaults LeftToHost = HostDefaults.None)
{
    /// <summary>True when the generator emits code (and the build a manifest) for this workload.</summary>
    public bool IsEmitted => FileName is not null;
}

/// <summary>
/// The emitted workloads whose code goes into generated file number <paramref name="Index"/>, in ordinal
/// order of type name; empty when no workload hashes there.
/// </summary>
public sealed record WorkloadShard(int Index, EquatableArray<ResolvedWorkload> Workloads);

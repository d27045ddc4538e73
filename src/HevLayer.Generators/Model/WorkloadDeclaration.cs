using HevLayer.Policy.Model;

namespace HevLayer.Generators.Model;

/// <summary>
/// One attributed class: the workload it declares and the type to extend. The root model of the
/// generator's pipeline. Keep it plain, equatable data (strings, numbers, enums, records,
/// <see cref="EquatableArray{T}"/>): a symbol, syntax node, compilation or location here would defeat
/// caching and keep whole compilations alive. A test walks this graph to enforce it.
/// </summary>
/// <param name="Type">The class to extend.</param>
/// <param name="Workload">The workload its shared attributes declare.</param>
/// <param name="Overrides">The workload in each environment that its attributes name (<c>Environment = "prod"</c>), in ordinal order; empty for most classes.</param>
public sealed record WorkloadDeclaration(TypeSpec Type, WorkloadModel Workload, EquatableArray<EnvironmentOverride> Overrides)
{
    /// <summary>A class with no environment overrides.</summary>
    public WorkloadDeclaration(TypeSpec type, WorkloadModel workload)
        : this(type, workload, EquatableArray<EnvironmentOverride>.Empty)
    {
    }

    /// <summary>The workload as <paramref name="environment"/> sees it (defaults not applied): its override, or the shared workload.</summary>
    public WorkloadModel In(string environment)
    {
        foreach (var o in Overrides)
        {
            if (o.Environment == environment)
            {
                return o.Workload;
            }
        }

        return Workload;
    }
}

/// <summary>A workload after project defaults are applied, and whether a manifest can be made of it.</summary>
/// <param name="Type">The class to extend.</param>
/// <param name="Workload">The workload, defaults applied.</param>
/// <param name="FileName">The manifest's file name, when it can be emitted; null when it cannot.</param>
/// <param name="Shard">Which generated file carries the class's code (<see cref="Emit.SourceShards"/>).</param>
/// <param name="Defaulted">Which of the namespace and image came from the project's defaults (<see cref="Policy.Emit.WorkloadFacts.DefaultedNamespace"/>, <see cref="Policy.Emit.WorkloadFacts.DefaultedImage"/>).</param>
/// <param name="Environments">
/// The workload, its environment's defaults applied, in each declared environment that the class overrides; an
/// environment it does not override sees <paramref name="Workload"/> with the environment's namespace and image
/// in place of the <paramref name="Defaulted"/> ones.
/// </param>
/// <param name="HasEnvironments">True when the project declares environments (the class gets <c>ManifestFor</c>).</param>
/// <param name="ImageLeftToHost">
/// True in a library that does not host its workloads when neither the workload nor the library gives an image:
/// the facts carry an empty image, which the application hosting the library fills (README, "Several projects").
/// </param>
public sealed record ResolvedWorkload(TypeSpec Type, WorkloadModel Workload, string? FileName, int Shard, int Defaulted, EquatableArray<EnvironmentOverride> Environments, bool HasEnvironments, bool ImageLeftToHost = false)
{
    /// <summary>A workload of a project without environments.</summary>
    public ResolvedWorkload(TypeSpec type, WorkloadModel workload, string? fileName, int shard)
        : this(type, workload, fileName, shard, 0, EquatableArray<EnvironmentOverride>.Empty, false)
    {
    }

    /// <summary>True when the generator emits code (and the build a manifest) for this workload.</summary>
    public bool IsEmitted => FileName is not null;
}

/// <summary>
/// The emitted workloads whose code goes into generated file number <paramref name="Index"/>, in ordinal
/// order of type name; empty when no workload hashes there.
/// </summary>
public sealed record WorkloadShard(int Index, EquatableArray<ResolvedWorkload> Workloads);

using HevLayer.Policy.Model;

namespace HevLayer.Generators.Model;

/// <summary>
/// One attributed class: the workload it declares and the type to extend. The root model of the
/// generator's pipeline. Keep it plain, equatable data (strings, numbers, enums, records,
/// <see cref="EquatableArray{T}"/>): a symbol, syntax node, compilation or location here would defeat
/// caching and keep whole compilations alive. A test walks this graph to enforce it.
/// </summary>
public sealed record WorkloadDeclaration(TypeSpec Type, WorkloadModel Workload);

/// <summary>A workload after project defaults are applied, with its manifest when it can be emitted.</summary>
public sealed record ResolvedWorkload(TypeSpec Type, WorkloadModel Workload, string? FileName, string? Yaml)
{
    /// <summary>True when the generator emits code and a manifest for this workload.</summary>
    public bool IsEmitted => Yaml is not null;
}

namespace HevLayer.Policy.Model;

/// <summary>
/// One Pipeline or Function as its attributes declare it. Plain, equatable data: no Roslyn symbol,
/// syntax node or location may ever be added here (the generator caches on this record's equality,
/// and a test walks it to prove that).
/// </summary>
/// <param name="Kind">Pipeline or Function.</param>
/// <param name="Name"><c>metadata.name</c>.</param>
/// <param name="Namespace"><c>metadata.namespace</c>; null until <see cref="ProjectDefaults"/> are applied.</param>
/// <param name="Paused"><c>spec.paused</c>.</param>
/// <param name="Labels">User labels, in declaration order.</param>
/// <param name="Annotations">User annotations, in declaration order.</param>
/// <param name="Scaling"><c>spec.scaling</c>; null when the class has no <c>[Scaling]</c>.</param>
/// <param name="Worker"><c>spec.worker</c>.</param>
/// <param name="Retry"><c>spec.retry</c>, when declared.</param>
/// <param name="Function">Function-only settings; null for a Pipeline.</param>
/// <param name="SourceType">The fully qualified C# type name, without <c>global::</c>.</param>
public sealed record WorkloadModel(
    WorkloadKind Kind,
    string Name,
    string? Namespace,
    bool Paused,
    EquatableArray<KeyValue> Labels,
    EquatableArray<KeyValue> Annotations,
    ScalingModel? Scaling,
    WorkerModel Worker,
    RetryModel? Retry,
    FunctionModel? Function,
    string SourceType)
{
    /// <summary>
    /// A workload of <paramref name="kind"/> with nothing set: no namespace, labels, annotations, scaling,
    /// image, retry or Function fields. The parser, the facts and the YAML reader each start from it and set
    /// what they read, field by field, through the table of workload fields.
    /// </summary>
    public static WorkloadModel Empty(WorkloadKind kind, string name, string sourceType) => new(
        kind,
        name,
        null,
        false,
        EquatableArray<KeyValue>.Empty,
        EquatableArray<KeyValue>.Empty,
        null,
        new WorkerModel(null, null, null),
        null,
        kind == WorkloadKind.Function
            ? new FunctionModel(FunctionTriggers.None, EquatableArray<string>.Empty, EquatableArray<string>.Empty, null, EquatableArray<string>.Empty, null)
            : null,
        sourceType);

    /// <summary>Fills what the workload left unset from the project's defaults.</summary>
    public WorkloadModel WithDefaults(ProjectDefaults defaults) => this with
    {
        Namespace = string.IsNullOrEmpty(Namespace) ? defaults.EffectiveNamespace : Namespace,
        Worker = string.IsNullOrEmpty(Worker.Image) ? Worker with { Image = defaults.EffectiveImage } : Worker,
    };
}

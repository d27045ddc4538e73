namespace HevLayer.Policy.Model;

/// <summary><c>spec.worker</c>. Null members were not set; empty lists were not given.</summary>
/// <param name="Image"><c>spec.worker.image</c>.</param>
/// <param name="BatchSize"><c>spec.worker.batchSize</c>.</param>
/// <param name="TimeoutSeconds"><c>spec.worker.timeoutSeconds</c>.</param>
/// <param name="NodeSelector"><c>spec.worker.podSpec.nodeSelector</c>, as declared (a repeated key is kept; the last one wins in the manifest).</param>
/// <param name="Tolerations"><c>spec.worker.podSpec.tolerations</c>, in declaration order.</param>
/// <param name="ServiceAccountName"><c>spec.worker.podSpec.serviceAccountName</c>.</param>
public sealed record WorkerModel(
    string? Image,
    int? BatchSize,
    int? TimeoutSeconds,
    EquatableArray<KeyValue> NodeSelector = default,
    EquatableArray<TolerationModel> Tolerations = default,
    string? ServiceAccountName = null)
{
    /// <summary>True when the worker carries a pod-spec fragment (<c>spec.worker.podSpec</c>).</summary>
    public bool HasPodSpec => NodeSelector.Count > 0 || Tolerations.Count > 0 || !string.IsNullOrEmpty(ServiceAccountName);
}

/// <summary>
/// One entry of <c>spec.worker.podSpec.tolerations</c>, as Kubernetes spells it: an empty string is an unset
/// field (an empty operator means <c>Equal</c>, an empty effect every effect).
/// </summary>
/// <param name="Key">The taint key; empty with operator <c>Exists</c> tolerates every taint.</param>
/// <param name="Operator"><c>Equal</c>, <c>Exists</c>, or empty (Equal).</param>
/// <param name="Value">The taint value; empty with <c>Exists</c>.</param>
/// <param name="Effect"><c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>, or empty (every effect).</param>
/// <param name="Seconds"><c>tolerationSeconds</c>: how long a <c>NoExecute</c> taint is tolerated; null for ever.</param>
public sealed record TolerationModel(string Key, string Operator, string Value, string Effect, long? Seconds)
{
    /// <summary>The operators Kubernetes accepts, as spelled in YAML.</summary>
    public static string[] Operators { get; } = { "Equal", "Exists" };

    /// <summary>The taint effects Kubernetes accepts, as spelled in YAML.</summary>
    public static string[] Effects { get; } = { "NoSchedule", "PreferNoSchedule", "NoExecute" };

    /// <summary>The YAML spelling of <c>TolerationOperator</c> value <paramref name="value"/>; an undefined value is its number, which HEVL128 reports.</summary>
    public static string OperatorName(int value) => value >= 0 && value < Operators.Length ? Operators[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The YAML spelling of <c>TaintEffect</c> value <paramref name="value"/>: empty for All (0); an undefined value is its number, which HEVL128 reports.</summary>
    public static string EffectName(int value) => value == 0 ? string.Empty
        : value >= 1 && value <= Effects.Length ? Effects[value - 1] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>spec.retry</c>. Null members were not set.</summary>
public sealed record RetryModel(int? MaxAttempts, int? InitialBackoffSeconds, int? MaxBackoffSeconds);

/// <summary><c>spec.schedule</c> of a Function. Null members were not set.</summary>
public sealed record ScheduleModel(int? DiscoveryIntervalSeconds, int? LeaseSeconds, int? MaxInFlightBatches, int? MaxConcurrentScans);

namespace HevLayer.Policy.Model;

/// <summary>What only a Function has.</summary>
/// <param name="Triggers"><c>spec.triggers</c>.</param>
/// <param name="TargetNamespaces"><c>spec.targetNamespaces</c>.</param>
/// <param name="Inputs"><c>spec.inputs</c>.</param>
/// <param name="Version"><c>spec.version</c>.</param>
/// <param name="Filter"><c>spec.filter</c>.</param>
/// <param name="Schedule"><c>spec.schedule</c>.</param>
/// <param name="IndexSelector"><c>spec.indexSelector.matchLabels</c>, as declared (the last value of a repeated key wins in the manifest).</param>
public sealed record FunctionModel(
    FunctionTriggers Triggers,
    EquatableArray<string> TargetNamespaces,
    EquatableArray<string> Inputs,
    string? Version,
    EquatableArray<string> Filter,
    ScheduleModel? Schedule,
    EquatableArray<KeyValue> IndexSelector = default);

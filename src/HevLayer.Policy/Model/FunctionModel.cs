namespace HevLayer.Policy.Model;

/// <summary>What only a Function has.</summary>
public sealed record FunctionModel(
    FunctionTriggers Triggers,
    EquatableArray<string> TargetNamespaces,
    EquatableArray<string> Inputs,
    string? Version,
    EquatableArray<string> Filter,
    ScheduleModel? Schedule);

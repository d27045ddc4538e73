namespace HevLayer.Policy.Model;

/// <summary>A label or annotation.</summary>
public sealed record KeyValue(string Key, string Value);

using System;

namespace HevLayer;

/// <summary>Adds a label to the workload's <c>metadata.labels</c>. Repeat it for more labels.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LabelAttribute : Attribute
{
    /// <summary>Adds the label <paramref name="key"/>: <paramref name="value"/>.</summary>
    public LabelAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The label key, for example <c>team</c> or <c>app.kubernetes.io/part-of</c>.</summary>
    public string Key { get; }

    /// <summary>The label value.</summary>
    public string Value { get; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

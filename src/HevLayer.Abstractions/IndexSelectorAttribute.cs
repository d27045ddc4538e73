using System;

namespace HevLayer;

/// <summary>
/// Adds a label to the Function's <c>spec.indexSelector.matchLabels</c>: the Function works on the indexes
/// whose labels match every pair. Repeat it for more labels; only a Function has an index selector.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IndexSelectorAttribute : Attribute
{
    /// <summary>Selects indexes labelled <paramref name="key"/>: <paramref name="value"/>.</summary>
    public IndexSelectorAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The label key, for example <c>tier</c> or <c>hevlayer.com/corpus</c>.</summary>
    public string Key { get; }

    /// <summary>The label value.</summary>
    public string Value { get; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

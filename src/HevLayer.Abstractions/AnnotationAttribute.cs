using System;

namespace HevLayer;

/// <summary>Adds an annotation to the workload's <c>metadata.annotations</c>. Repeat it for more annotations.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AnnotationAttribute : Attribute
{
    /// <summary>Adds the annotation <paramref name="key"/>: <paramref name="value"/>.</summary>
    public AnnotationAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The annotation key.</summary>
    public string Key { get; }

    /// <summary>The annotation value.</summary>
    public string Value { get; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

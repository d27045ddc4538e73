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
}

using System;

namespace HevLayer;

/// <summary>
/// Adds a node label to the worker pods' <c>spec.worker.podSpec.nodeSelector</c>: the pods run only on nodes
/// that carry every pair, on top of the selector of the pool they choose. Repeat it for more labels.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NodeSelectorAttribute : Attribute
{
    /// <summary>Runs the worker only on nodes labelled <paramref name="key"/>: <paramref name="value"/>.</summary>
    public NodeSelectorAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The node label key, for example <c>kubernetes.io/arch</c>.</summary>
    public string Key { get; }

    /// <summary>The node label value, for example <c>amd64</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

using System;

namespace HevLayer;

/// <summary>
/// Adds a toleration to the worker pods' <c>spec.worker.podSpec.tolerations</c>, so they may run on nodes
/// with a matching taint. Repeat it for more tolerations. <c>[Toleration("dedicated", "search")]</c>
/// tolerates the taint <c>dedicated=search</c> of every effect; <c>[Toleration("gpu", Operator =
/// TolerationOperator.Exists)]</c> any <c>gpu</c> taint; <c>[Toleration(Operator = TolerationOperator.Exists)]</c>
/// every taint.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TolerationAttribute : Attribute
{
    /// <summary>A toleration with no key: with <see cref="TolerationOperator.Exists"/>, it tolerates every taint.</summary>
    public TolerationAttribute()
        : this(string.Empty, string.Empty)
    {
    }

    /// <summary>Tolerates the taint <paramref name="key"/> (set <see cref="Operator"/> to <see cref="TolerationOperator.Exists"/> for any value).</summary>
    public TolerationAttribute(string key)
        : this(key, string.Empty)
    {
    }

    /// <summary>Tolerates the taint <paramref name="key"/>=<paramref name="value"/>.</summary>
    public TolerationAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary><c>key</c>: the taint key, a label key; empty matches every key (only with <see cref="TolerationOperator.Exists"/>).</summary>
    public string Key { get; }

    /// <summary><c>value</c>: the taint value, a label value; empty with <see cref="TolerationOperator.Exists"/>.</summary>
    public string Value { get; }

    /// <summary><c>operator</c>: <see cref="TolerationOperator.Equal"/> (the default) or <see cref="TolerationOperator.Exists"/>.</summary>
    public TolerationOperator Operator { get; set; }

    /// <summary><c>effect</c>: the taint effect tolerated; <see cref="TaintEffect.All"/> (the default) tolerates every effect.</summary>
    public TaintEffect Effect { get; set; }

    /// <summary><c>tolerationSeconds</c>: how long a <see cref="TaintEffect.NoExecute"/> taint is tolerated before the pod is evicted; not set, for ever.</summary>
    public long TolerationSeconds { get; set; }

    /// <summary>
    /// The environment (a <c>&lt;HevLayerEnvironment&gt;</c> item of the project) this attribute applies to; null for
    /// every environment. An environment's attribute overrides only the arguments it sets; the shared one supplies the rest.
    /// </summary>
    public string? Environment { get; set; }
}

using System;

namespace HevLayer;

/// <summary>
/// Declares the class as a Layer <c>Function</c>: a worker that reacts to what is already indexed
/// (discovery, writes, or a schedule) and writes derived results back.
/// The class must be <c>partial</c>; the generator adds a static <c>Manifest</c> property to it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FunctionAttribute : WorkloadAttribute
{
    /// <summary>Declares a Function named <paramref name="name"/>.</summary>
    /// <param name="name">The resource name (<c>metadata.name</c>).</param>
    public FunctionAttribute(string name)
        : base(name)
    {
    }

    /// <summary><c>spec.triggers</c>: what starts the Function's work. At least one is needed.</summary>
    public FunctionTriggers Triggers { get; set; }

    /// <summary><c>spec.targetNamespaces</c>: the index namespaces the Function reads and writes.</summary>
    public string[]? TargetNamespaces { get; set; }

    /// <summary><c>spec.inputs</c>: the attribute names the worker reads, for example <c>{ "id", "title" }</c>.</summary>
    public string[]? Inputs { get; set; }

    /// <summary><c>spec.version</c>: the Function's version, for example <c>v1</c>.</summary>
    public string? Version { get; set; }

    /// <summary><c>spec.filter</c>: a filter expression as a list, for example <c>{ "category", "Eq", "outdoor" }</c>.</summary>
    public string[]? Filter { get; set; }
}

using System;
using System.ComponentModel;

namespace HevLayer.Manifests;

/// <summary>
/// Carries a workload's facts out of the compiler: the generator puts one on each workload class; the build
/// reads it back from the compiled assembly's metadata (never loading it) and renders the manifest with the
/// one YAML writer, and <see cref="Generated"/> builds the typed manifest from it at run time. No YAML
/// travels in the assembly. It sits on the class, not on the assembly, so that nothing which reads the
/// assembly's attributes (the compiler does, for every file it checks in the editor) has to bind one
/// attribute per workload. Not meant to be applied by hand.
/// </summary>
/// <remarks>
/// The facts are one packed string (the format is documented on the generator's side, with the one
/// encoder and decoder both sides compile): one constant per workload is what keeps the user's compile
/// cheap. The declaring type's name is not in it: it is the type the attribute sits on.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedWorkloadAttribute : Attribute
{
    /// <summary>Creates the attribute. Called by generated code.</summary>
    /// <param name="facts">The workload's facts, packed.</param>
    public GeneratedWorkloadAttribute(string facts)
    {
        Facts = facts;
    }

    /// <summary>The workload's facts, packed.</summary>
    public string Facts { get; }

    /// <summary>
    /// The declaring C# type, when it is not the type the attribute sits on: an application that hosts the
    /// workloads of the libraries it references puts their facts, resolved with its own defaults, on holder
    /// classes of its own (<c>HevLayer.Generated.HevLayerHostedWorkloads</c>) and names the library's class here.
    /// </summary>
    public string? SourceType { get; set; }
}

using System;
using System.ComponentModel;

namespace HevLayer.Manifests;

/// <summary>
/// Carries a workload's manifest out of the compiler: the generator puts one on each workload class, and
/// the build reads it back from the compiled assembly's metadata (never loading it) to write the file.
/// It sits on the class, not on the assembly, so that nothing which reads the assembly's attributes (the
/// compiler does, for every file it checks in the editor) has to bind one attribute per workload.
/// Not meant to be applied by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedManifestAttribute : Attribute
{
    /// <summary>Creates the attribute. Called by generated code.</summary>
    /// <param name="fileName">The file the build writes the manifest to, inside the manifests folder.</param>
    /// <param name="yaml">The manifest, exactly as the build writes it.</param>
    /// <param name="summary">Kind, namespace/name, pool, mode, min and max, tab-separated: the build summary's row.</param>
    public GeneratedManifestAttribute(string fileName, string yaml, string summary)
    {
        FileName = fileName;
        Yaml = yaml;
        Summary = summary;
    }

    /// <summary>The file the build writes the manifest to, inside the manifests folder.</summary>
    public string FileName { get; }

    /// <summary>The manifest, exactly as the build writes it.</summary>
    public string Yaml { get; }

    /// <summary>Kind, namespace/name, pool, mode, min and max, tab-separated: the build summary's row.</summary>
    public string Summary { get; }
}

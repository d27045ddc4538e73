using System;
using System.ComponentModel;

namespace HevLayer.Manifests;

/// <summary>
/// Carries a workload's facts in one environment that the class overrides (<c>[Scaling(Environment = "prod", ...)]</c>):
/// the whole workload as that environment sees it, its defaults applied. The build writes that environment's
/// manifest from it, and <c>ManifestFor</c> builds the typed manifest from it. An environment the class does not
/// override takes the class's <see cref="GeneratedWorkloadAttribute"/> with the environment's namespace and image
/// (<see cref="GeneratedEnvironmentsAttribute"/>). Not meant to be applied by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedEnvironmentAttribute : Attribute
{
    /// <summary>Creates the attribute. Called by generated code.</summary>
    /// <param name="environment">The environment's name.</param>
    /// <param name="facts">The workload's facts in that environment, packed.</param>
    public GeneratedEnvironmentAttribute(string environment, string facts)
    {
        Environment = environment;
        Facts = facts;
    }

    /// <summary>The environment's name.</summary>
    public string Environment { get; }

    /// <summary>The workload's facts in that environment, packed.</summary>
    public string Facts { get; }
}

/// <summary>
/// The environments the project declares, with each one's own namespace and image, as one table
/// (<c>name|namespace|image</c>, <c>,</c>-separated, in declaration order). One per assembly, on the assembly.
/// Not meant to be applied by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedEnvironmentsAttribute : Attribute
{
    /// <summary>Creates the attribute. Called by generated code.</summary>
    /// <param name="table">The environments.</param>
    public GeneratedEnvironmentsAttribute(string table)
    {
        Table = table;
    }

    /// <summary>The environments, as a table.</summary>
    public string Table { get; }
}

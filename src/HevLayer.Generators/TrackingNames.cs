namespace HevLayer.Generators;

/// <summary>Names of the generator's pipeline steps, so that tests can prove what is cached.</summary>
public static class TrackingNames
{
    /// <summary>Classes with <c>[Pipeline]</c>, parsed into models.</summary>
    public const string Pipelines = nameof(Pipelines);

    /// <summary>Classes with <c>[Function]</c>, parsed into models.</summary>
    public const string Functions = nameof(Functions);

    /// <summary>The <c>HevLayerNamespace</c> and <c>HevLayerImage</c> MSBuild properties.</summary>
    public const string BuildProperties = nameof(BuildProperties);

    /// <summary>The environments the project declares (<c>HevLayerEnvironmentTable</c>).</summary>
    public const string Environments = nameof(Environments);

    /// <summary><c>[assembly: HevLayerDefaults]</c>.</summary>
    public const string AssemblyDefaults = nameof(AssemblyDefaults);

    /// <summary>The merged project defaults.</summary>
    public const string Defaults = nameof(Defaults);

    /// <summary>Workloads with the project defaults applied.</summary>
    public const string Resolved = nameof(Resolved);

    /// <summary>The emitted workloads grouped into the generated files that carry their code.</summary>
    public const string Shards = nameof(Shards);

    /// <summary>Each workload's type name when it is emitted, else null.</summary>
    public const string EmittedNames = nameof(EmittedNames);

    /// <summary>The list of emitted workload types, for the registry.</summary>
    public const string RegistryEntries = nameof(RegistryEntries);

    /// <summary>Whether the project hosts its workloads (HevLayerHostsWorkloads).</summary>
    public const string Hosting = nameof(Hosting);

    /// <summary>The workloads one referenced assembly declares, read from its metadata.</summary>
    public const string ReferencedWorkloads = nameof(ReferencedWorkloads);

    /// <summary>The referenced workloads an application hosts, resolved with its defaults.</summary>
    public const string Hosted = nameof(Hosted);
}

using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace HevLayer.Manifests;

/// <summary>
/// Builds a workload's typed manifest, once per type, from the <see cref="GeneratedWorkloadAttribute"/> the
/// generator put on its class: the facts' plain values, read with reflection on first use. No YAML is
/// parsed or carried at run time. Called by generated code; not meant to be called by hand.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class Generated
{
    /// <summary>The label every generated manifest carries unless the workload sets it.</summary>
    public const string ManagedByLabel = WorkloadSpelling.ManagedByLabel;

    /// <summary>The value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedByValue = WorkloadSpelling.ManagedByValue;

    // Weak keys: a type in a collectible load context can still be unloaded after its manifest was asked for.
    private static readonly ConditionalWeakTable<Type, WorkloadManifest> Built = new();

    /// <summary>The Pipeline manifest of <paramref name="type"/>, built on first use.</summary>
    public static PipelineManifest Pipeline(Type type) =>
        Of(type) as PipelineManifest ?? throw new InvalidOperationException(type.FullName + " is not a Pipeline.");

    /// <summary>The Function manifest of <paramref name="type"/>, built on first use.</summary>
    public static FunctionManifest Function(Type type) =>
        Of(type) as FunctionManifest ?? throw new InvalidOperationException(type.FullName + " is not a Function.");

    /// <summary>The Pipeline manifest that <paramref name="facts"/> describe, declared by the C# type named <paramref name="sourceType"/>.</summary>
    public static PipelineManifest Pipeline(GeneratedWorkloadAttribute facts, string sourceType) => Pipeline(Unpack(facts), sourceType);

    /// <summary>The Function manifest that <paramref name="facts"/> describe, declared by the C# type named <paramref name="sourceType"/>.</summary>
    public static FunctionManifest Function(GeneratedWorkloadAttribute facts, string sourceType) => Function(Unpack(facts), sourceType);

    /// <summary>The Pipeline manifest of <paramref name="type"/> in <paramref name="environment"/>, one of the environments its project declares.</summary>
    public static PipelineManifest Pipeline(Type type, string environment) =>
        Of(type, environment) as PipelineManifest ?? throw new InvalidOperationException(type.FullName + " is not a Pipeline.");

    /// <summary>The Function manifest of <paramref name="type"/> in <paramref name="environment"/>, one of the environments its project declares.</summary>
    public static FunctionManifest Function(Type type, string environment) =>
        Of(type, environment) as FunctionManifest ?? throw new InvalidOperationException(type.FullName + " is not a Function.");

    private static readonly ConditionalWeakTable<Type, Dictionary<string, WorkloadManifest>> BuiltIn = new();

    /// <summary>
    /// The manifest of <paramref name="type"/> in <paramref name="environment"/>: the class's own facts for that
    /// environment when it overrides something there, else its shared facts with the environment's namespace and
    /// image in place of the project's defaults.
    /// </summary>
    private static WorkloadManifest Of(Type type, string environment)
    {
        if (type is null)
        {
            throw new ArgumentNullException(nameof(type));
        }

        if (environment is null)
        {
            throw new ArgumentNullException(nameof(environment));
        }

        var built = BuiltIn.GetValue(type, static _ => new Dictionary<string, WorkloadManifest>(StringComparer.Ordinal));
        lock (built)
        {
            if (built.TryGetValue(environment, out var manifest))
            {
                return manifest;
            }

            var (name, ns, image) = Environment(type.Assembly, environment);
            WorkloadFacts? facts = null;
            foreach (var own in type.GetCustomAttributes<GeneratedEnvironmentAttribute>(inherit: false))
            {
                if (own.Environment == name)
                {
                    facts = Unpack(own.Facts);
                }
            }

            facts ??= Unpack(type.GetCustomAttribute<GeneratedWorkloadAttribute>(inherit: false)
                ?? throw new InvalidOperationException(type.FullName + " carries no [GeneratedWorkload]; it was not compiled with HevLayer.Generators.")).InEnvironment(ns, image);
            manifest = facts.Function ? Function(facts, SourceType(type)) : Pipeline(facts, SourceType(type));
            built[environment] = manifest;
            return manifest;
        }
    }

    /// <summary>The environment <paramref name="environment"/> of the project that built <paramref name="assembly"/>: its name, namespace and image.</summary>
    private static (string Name, string? Namespace, string? Image) Environment(Assembly assembly, string environment)
    {
        var table = assembly.GetCustomAttribute<GeneratedEnvironmentsAttribute>()?.Table ?? string.Empty;
        var names = new List<string>();
        foreach (var entry in table.Split(','))
        {
            var parts = entry.Split('|');
            if (parts[0].Length == 0)
            {
                continue;
            }

            if (parts[0] == environment)
            {
                return (parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
            }

            names.Add(parts[0]);
        }

        throw new ArgumentException(
            names.Count == 0
                ? "The project that built " + assembly.GetName().Name + " declares no environments (<HevLayerEnvironment Include=\"...\" /> items); '" + environment + "' is not one."
                : "'" + environment + "' is not an environment of the project that built " + assembly.GetName().Name + "; its environments are: " + string.Join(", ", names) + ".",
            nameof(environment));
    }

    private static WorkloadManifest Of(Type type) => Built.GetValue(type ?? throw new ArgumentNullException(nameof(type)), static t =>
    {
        var attribute = t.GetCustomAttribute<GeneratedWorkloadAttribute>(inherit: false)
            ?? throw new InvalidOperationException(t.FullName + " carries no [GeneratedWorkload]; it was not compiled with HevLayer.Generators.");
        var facts = Unpack(attribute);

        // A workload an application hosts from a referenced library names the library's class, not the holder it sits on here.
        var sourceType = string.IsNullOrEmpty(attribute.SourceType) ? SourceType(t) : attribute.SourceType!;
        return facts.Function ? Function(facts, sourceType) : Pipeline(facts, sourceType);
    });

    private static WorkloadFacts Unpack(GeneratedWorkloadAttribute attribute) => Unpack(attribute.Facts);

    private static WorkloadFacts Unpack(string packed)
    {
        try
        {
            return WorkloadFacts.Unpack(packed);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("A [GeneratedWorkload] attribute's facts cannot be read (" + e.Message + ") Build with the HevLayer.Generators version of this HevLayer.Abstractions.", e);
        }
    }

    /// <summary>The Pipeline manifest that <paramref name="facts"/> describe, declared by the C# type named <paramref name="sourceType"/>.</summary>
    private static PipelineManifest Pipeline(WorkloadFacts facts, string sourceType) => new(
        Metadata(facts),
        new PipelineSpec(facts.Flag(FactSlot.Paused), Worker(facts), Retry(facts), Scaling(facts)),
        sourceType,
        FileName("pipeline", facts));

    /// <summary>The Function manifest that <paramref name="facts"/> describe, declared by the C# type named <paramref name="sourceType"/>.</summary>
    private static FunctionManifest Function(WorkloadFacts facts, string sourceType) => new(
        Metadata(facts),
        new FunctionSpec(
            facts.Flag(FactSlot.Paused),
            Array.AsReadOnly(facts.Texts(FactSlot.TargetNamespaces)),
            Triggers(facts.Number(FactSlot.Triggers)),
            Array.AsReadOnly(facts.Texts(FactSlot.Inputs)),
            facts.OptionalText(FactSlot.Version),
            Array.AsReadOnly(facts.Texts(FactSlot.Filter)),
            Worker(facts),
            facts.Any(FactSlot.DiscoveryIntervalSeconds, FactSlot.LeaseSeconds, FactSlot.MaxInFlightBatches, FactSlot.MaxConcurrentScans)
                ? new ScheduleSpec(facts.OptionalNumber(FactSlot.DiscoveryIntervalSeconds), facts.OptionalNumber(FactSlot.LeaseSeconds), facts.OptionalNumber(FactSlot.MaxInFlightBatches), facts.OptionalNumber(FactSlot.MaxConcurrentScans))
                : null,
            Retry(facts),
            Scaling(facts),
            facts.Any(FactSlot.IndexSelector) ? new IndexSelector(Map(facts.Texts(FactSlot.IndexSelector))) : null),
        sourceType,
        FileName("function", facts));

    /// <summary>
    /// The type's C# name as the generator writes it: namespace, containing types and name, dot-separated
    /// (workload types are never generic, and their names are plain).
    /// </summary>
    private static string SourceType(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>The manifest's file name: <c>&lt;kind&gt;.&lt;namespace&gt;.&lt;name&gt;.yaml</c>, as the build writes it.</summary>
    private static string FileName(string kind, WorkloadFacts facts) => kind + "." + facts.Namespace + "." + facts.Name + ".yaml";

    private static ManifestMetadata Metadata(WorkloadFacts facts)
    {
        var labels = Map(facts.Texts(FactSlot.Labels));
        if (!labels.ContainsKey(ManagedByLabel))
        {
            labels[ManagedByLabel] = ManagedByValue;
        }

        return new ManifestMetadata(facts.Name, facts.Namespace, labels, Map(facts.Texts(FactSlot.Annotations)));
    }

    private static SortedDictionary<string, string> Map(string[] pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return map;
    }

    private static WorkerSpec Worker(WorkloadFacts facts) => new(
        facts.Text(FactSlot.Image),
        facts.OptionalNumber(FactSlot.BatchSize),
        facts.OptionalNumber(FactSlot.TimeoutSeconds),
        facts.Any(FactSlot.NodeSelector, FactSlot.Tolerations, FactSlot.ServiceAccountName)
            ? new PodSpec(Map(facts.Texts(FactSlot.NodeSelector)), Tolerations(facts.Texts(FactSlot.Tolerations)), facts.OptionalText(FactSlot.ServiceAccountName))
            : null);

    private static IReadOnlyList<Toleration> Tolerations(string[] flat)
    {
        var result = new Toleration[flat.Length / WorkloadFacts.TolerationWidth];
        for (var i = 0; i < result.Length; i++)
        {
            var at = i * WorkloadFacts.TolerationWidth;
            var seconds = long.TryParse(flat[at + 4], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : (long?)null;
            result[i] = new Toleration(flat[at], flat[at + 1], flat[at + 2], flat[at + 3], seconds);
        }

        return Array.AsReadOnly(result);
    }

    private static RetrySpec? Retry(WorkloadFacts facts) =>
        facts.Any(FactSlot.MaxAttempts, FactSlot.InitialBackoffSeconds, FactSlot.MaxBackoffSeconds)
            ? new RetrySpec(facts.OptionalNumber(FactSlot.MaxAttempts), facts.OptionalNumber(FactSlot.InitialBackoffSeconds), facts.OptionalNumber(FactSlot.MaxBackoffSeconds))
            : null;

    private static ScalingSpec Scaling(WorkloadFacts facts) =>
        new(facts.Text(FactSlot.Pool), (ScalingMode)facts.Number(FactSlot.Mode), facts.Number(FactSlot.MinReplicas), facts.Number(FactSlot.MaxReplicas));

    private static IReadOnlyList<string> Triggers(int triggers) => Array.AsReadOnly(WorkloadSpelling.TriggerNames((FunctionTriggers)triggers));
}

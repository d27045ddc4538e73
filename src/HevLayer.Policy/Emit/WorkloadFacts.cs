using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Emit;

/// <summary>
/// A workload's manifest as the compact typed values the generator writes into the assembly
/// (<c>[HevLayer.Manifests.GeneratedWorkload(...)]</c>, one per workload class) and the build task reads
/// back to render the YAML with <see cref="ManifestWriter"/>. The values are the manifest's, not the
/// declaration's: defaults applied, labels and annotations as written (sorted, last value of a repeated
/// key), <c>replicas.max</c> as written. <see cref="ToModel"/> of <see cref="From"/> renders the same bytes
/// as the workload it came from. The field order is the attribute's constructor order, but for
/// <see cref="SourceType"/>, which is the class the attribute sits on.
/// </summary>
public sealed class WorkloadFacts
{
    /// <summary>The optional counts, in the order of <see cref="Set"/>'s bits.</summary>
    public const int OptionalCount = 9;

    /// <summary>True for a Function.</summary>
    public bool Function { get; set; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary><c>spec.paused</c>.</summary>
    public bool Paused { get; set; }

    /// <summary>Labels as written, key and value in turn, in ordinal key order, without the managed-by label when it has its default value.</summary>
    public string[] Labels { get; set; } = Array.Empty<string>();

    /// <summary>Annotations as written, key and value in turn, in ordinal key order.</summary>
    public string[] Annotations { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.worker.image</c>.</summary>
    public string Image { get; set; } = string.Empty;

    /// <summary><c>spec.scaling.pool</c>.</summary>
    public string Pool { get; set; } = string.Empty;

    /// <summary><c>spec.scaling.mode</c>.</summary>
    public int Mode { get; set; }

    /// <summary><c>spec.scaling.replicas.min</c>.</summary>
    public int MinReplicas { get; set; }

    /// <summary><c>spec.scaling.replicas.max</c> as written.</summary>
    public int MaxReplicas { get; set; }

    /// <summary>Bit i set: optional count i is set (batchSize, timeoutSeconds, retry x3, schedule x4).</summary>
    public int Set { get; set; }

    /// <summary>The set optional counts, in order.</summary>
    public int[] Values { get; set; } = Array.Empty<int>();

    /// <summary><c>spec.triggers</c> as flags.</summary>
    public int Triggers { get; set; }

    /// <summary><c>spec.targetNamespaces</c>.</summary>
    public string[] TargetNamespaces { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.inputs</c>.</summary>
    public string[] Inputs { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.version</c>, or null.</summary>
    public string? Version { get; set; }

    /// <summary><c>spec.filter</c>.</summary>
    public string[] Filter { get; set; } = Array.Empty<string>();

    /// <summary>The declaring C# type: not an attribute argument, but the class the attribute sits on.</summary>
    public string SourceType { get; set; } = string.Empty;

    /// <summary>The facts of <paramref name="resolved"/>, which must pass <see cref="ManifestWriter.CanEmit"/>.</summary>
    public static WorkloadFacts From(WorkloadModel resolved)
    {
        if (!ManifestWriter.CanEmit(resolved))
        {
            throw new ArgumentException("The workload is missing a valid name, namespace, pool or image.", nameof(resolved));
        }

        var scaling = resolved.Scaling!;
        var function = resolved.Function;
        var optional = new int?[]
        {
            resolved.Worker.BatchSize, resolved.Worker.TimeoutSeconds,
            resolved.Retry?.MaxAttempts, resolved.Retry?.InitialBackoffSeconds, resolved.Retry?.MaxBackoffSeconds,
            function?.Schedule?.DiscoveryIntervalSeconds, function?.Schedule?.LeaseSeconds, function?.Schedule?.MaxInFlightBatches, function?.Schedule?.MaxConcurrentScans,
        };
        var set = 0;
        var values = new List<int>();
        for (var i = 0; i < optional.Length; i++)
        {
            if (optional[i] is int value)
            {
                set |= 1 << i;
                values.Add(value);
            }
        }

        var labels = ManifestWriter.EffectiveLabels(resolved)
            .Where(l => !(l.Key == ManifestWriter.ManagedByLabel && l.Value == ManifestWriter.ManagedByValue));
        // Strings are scrubbed as the writer scrubs them (a lone surrogate cannot travel as UTF-8 in metadata),
        // so the typed manifest at run time says what the YAML says.
        return new WorkloadFacts
        {
            Function = resolved.Kind == WorkloadKind.Function,
            Name = resolved.Name,
            Namespace = resolved.Namespace!,
            Paused = resolved.Paused,
            Labels = Pairs(labels),
            Annotations = Pairs(ManifestWriter.EffectiveAnnotations(resolved)),
            Image = YamlScalar.Scrub(resolved.Worker.Image!),
            Pool = YamlScalar.Scrub(scaling.Pool!),
            Mode = (int)scaling.Mode,
            MinReplicas = scaling.MinReplicas,
            MaxReplicas = scaling.EmittedMaxReplicas,
            Set = set,
            Values = values.ToArray(),
            Triggers = (int)(function?.Triggers ?? FunctionTriggers.None),
            TargetNamespaces = Scrubbed(function?.TargetNamespaces),
            Inputs = Scrubbed(function?.Inputs),
            Version = string.IsNullOrEmpty(function?.Version) ? null : YamlScalar.Scrub(function!.Version!),
            Filter = Scrubbed(function?.Filter),
            SourceType = resolved.SourceType,
        };
    }

    /// <summary>The optional count <paramref name="index"/>, or null when not set.</summary>
    public int? Get(int index)
    {
        if ((Set & (1 << index)) == 0)
        {
            return null;
        }

        var position = 0;
        for (var i = 0; i < index; i++)
        {
            position += (Set >> i) & 1;
        }

        return position < Values.Length ? Values[position] : null;
    }

    /// <summary>The workload these facts describe; <see cref="ManifestWriter.Write"/> renders it as the manifest the facts came from.</summary>
    public WorkloadModel ToModel()
    {
        var retry = Any(2, 5) ? new RetryModel(Get(2), Get(3), Get(4)) : null;
        var function = Function
            ? new FunctionModel(
                (FunctionTriggers)Triggers,
                new EquatableArray<string>(TargetNamespaces),
                new EquatableArray<string>(Inputs),
                Version,
                new EquatableArray<string>(Filter),
                Any(5, 9) ? new ScheduleModel(Get(5), Get(6), Get(7), Get(8)) : null)
            : null;
        return new WorkloadModel(
            Function ? WorkloadKind.Function : WorkloadKind.Pipeline,
            Name,
            Namespace,
            Paused,
            KeyValues(Labels),
            KeyValues(Annotations),
            new ScalingModel(Pool, (ScalingMode)Mode, MinReplicas, MaxReplicas),
            new WorkerModel(Image, Get(0), Get(1)),
            retry,
            function,
            SourceType);
    }

    private bool Any(int from, int to) => ((Set >> from) & ((1 << (to - from)) - 1)) != 0;

    private static string[] Scrubbed(EquatableArray<string>? values) =>
        values is { } list ? list.Select(YamlScalar.Scrub).ToArray() : Array.Empty<string>();

    private static string[] Pairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new List<string>();
        foreach (var pair in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result.Add(pair.Key);
            result.Add(pair.Value);
        }

        return result.ToArray();
    }

    private static EquatableArray<KeyValue> KeyValues(string[] pairs)
    {
        var result = new KeyValue[pairs.Length / 2];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new KeyValue(pairs[2 * i], pairs[(2 * i) + 1]);
        }

        return new EquatableArray<KeyValue>(result);
    }
}

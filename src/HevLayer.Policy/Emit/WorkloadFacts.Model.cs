using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Emit;

/// <summary>
/// The policy core's side of <see cref="WorkloadFacts"/> (the fields and their packed form are in
/// src/Shared/WorkloadFacts.cs, shared with the runtime): the facts of a resolved workload, and the workload
/// that facts describe. <see cref="ToModel"/> of <see cref="From"/> renders the same bytes as the workload
/// it came from.
/// </summary>
public sealed partial class WorkloadFacts
{
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

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Emit;

/// <summary>
/// The policy core's side of <see cref="WorkloadFacts"/> (the slots and their packed form are in
/// src/Shared/WorkloadFacts.cs, shared with the runtime): the facts of a resolved workload, and the workload
/// that facts describe, slot by slot through the table of workload fields (<see cref="WorkloadFields"/>).
/// <see cref="ToModel"/> of <see cref="From(WorkloadModel)"/> renders the same bytes as the workload it came from.
/// </summary>
public sealed partial class WorkloadFacts
{
    /// <summary>The declaring C# type: not an attribute argument, but the class the attribute sits on.</summary>
    public string SourceType { get; set; } = string.Empty;

    /// <summary>The facts of <paramref name="resolved"/>, which must pass <see cref="ManifestWriter.CanEmit"/>.</summary>
    public static WorkloadFacts From(WorkloadModel resolved) => From(resolved, imageLeftToHost: false);

    /// <summary>
    /// The facts of <paramref name="resolved"/>; with <paramref name="imageLeftToHost"/> (a library that does not
    /// host its workloads, and has no image for this one) the image may be empty, for the application that hosts
    /// the library to fill (<see cref="ToHostedModel"/>). It must pass <see cref="CanEmitForHost"/>.
    /// </summary>
    public static WorkloadFacts From(WorkloadModel resolved, bool imageLeftToHost)
    {
        if (!CanEmitForHost(resolved, imageLeftToHost))
        {
            throw new ArgumentException("The workload is missing a valid name, namespace, pool or image.", nameof(resolved));
        }

        // Strings are scrubbed as the writer scrubs them (a lone surrogate cannot travel as UTF-8 in metadata),
        // so the typed manifest at run time says what the YAML says.
        var facts = new WorkloadFacts { Function = resolved.Kind == WorkloadKind.Function, SourceType = resolved.SourceType };
        foreach (var field in WorkloadFields.All)
        {
            // Not a negated pattern that binds: Stryker could not mutate the method then (docs/mutation-testing.md).
            if (field.Slot is null || field.Get is null)
            {
                continue;
            }

            var slot = field.Slot.Value;

            var value = field.Get(resolved);
            facts.Set(slot, slot switch
            {
                // The managed-by label at its default is what every manifest carries: the readers add it back.
                FactSlot.Labels => Pairs(ManifestWriter.EffectiveLabels(resolved).Where(l => !(l.Key == ManifestWriter.ManagedByLabel && l.Value == ManifestWriter.ManagedByValue))),
                FactSlot.MaxReplicas => resolved.Scaling!.EmittedMaxReplicas,
                FactSlot.Mode => (int)resolved.Scaling!.Mode,
                FactSlot.Triggers => (int)(resolved.Function?.Triggers ?? FunctionTriggers.None),
                _ => field.Shape switch
                {
                    // A required text the library left to its host (the image) travels empty.
                    FieldShape.Text => value is string text && (text.Length > 0 || ShapeOf(slot) == FactShape.Text) ? YamlScalar.Scrub(text) : ShapeOf(slot) == FactShape.Text ? string.Empty : null,
                    FieldShape.Integer => value as int? ?? (ShapeOf(slot) == FactShape.Number ? 0 : null),
                    FieldShape.Boolean => value is true,
                    FieldShape.TextList => value is EquatableArray<string> list ? list.Select(YamlScalar.Scrub).ToArray() : Array.Empty<string>(),
                    FieldShape.TextMap => Pairs(ManifestWriter.Effective(value is EquatableArray<KeyValue> pairs ? pairs : default)),
                    FieldShape.MappingList => Tolerations(value is EquatableArray<TolerationModel> items ? items : default),
                    _ => throw new InvalidOperationException("Field " + field.Path + " has a slot but no facts shape."),
                },
            });
        }

        return facts;
    }

    /// <summary>
    /// True when <paramref name="resolved"/> can be packed: <see cref="ManifestWriter.CanEmit"/>, except that with
    /// <paramref name="imageLeftToHost"/> the image may be missing.
    /// </summary>
    public static bool CanEmitForHost(WorkloadModel resolved, bool imageLeftToHost) =>
        ManifestWriter.CanEmit(
            imageLeftToHost && string.IsNullOrEmpty(resolved.Worker.Image)
                ? resolved with { Worker = resolved.Worker with { Image = "left-to-host" } }
                : resolved);

    /// <summary>
    /// The workload these facts describe as the application that hosts it (it references the library that
    /// declares it) deploys it: the namespace and image that came from the library's defaults, or from nowhere
    /// (<see cref="FactSlot.Defaulted"/>), take the application's defaults when it has them, else stay the
    /// library's. Null when the workload still has no image (HEVL110, reported at the application).
    /// </summary>
    public WorkloadModel? ToHostedModel(ProjectDefaults host)
    {
        var hosted = InEnvironment(host.Namespace, host.Image);
        hosted.SourceType = SourceType;
        var model = hosted.ToModel();
        return ManifestWriter.CanEmit(model) ? model : null;
    }

    /// <summary>The workload these facts describe; <see cref="ManifestWriter.Write"/> renders it as the manifest the facts came from.</summary>
    public WorkloadModel ToModel()
    {
        var values = new object?[WorkloadFields.All.Count];
        foreach (var field in WorkloadFields.All)
        {
            // Not a negated pattern that binds: Stryker could not mutate the method then (docs/mutation-testing.md).
            if (field.Slot is null || field.Get is null)
            {
                continue;
            }

            var slot = field.Slot.Value;

            values[field.Index] = slot switch
            {
                FactSlot.Mode => (ScalingMode)Number(slot),
                FactSlot.Triggers => (FunctionTriggers)Number(slot),
                _ => field.Shape switch
                {
                    FieldShape.Text => OptionalText(slot),
                    FieldShape.Integer => ShapeOf(slot) == FactShape.Number ? Number(slot) : OptionalNumber(slot),
                    FieldShape.Boolean => Flag(slot),
                    FieldShape.TextList => new EquatableArray<string>(Texts(slot)),
                    FieldShape.TextMap => KeyValues(Texts(slot)),
                    _ => Tolerations(Texts(slot)),
                },
            };
        }

        // A block (retry, schedule) exists only when something in it is set; scaling always has a pool.
        return WorkloadFields.Compose(
            Function ? WorkloadKind.Function : WorkloadKind.Pipeline,
            Name,
            SourceType,
            values,
            hasScaling: true,
            hasRetry: Any(FactSlot.MaxAttempts, FactSlot.InitialBackoffSeconds, FactSlot.MaxBackoffSeconds),
            hasSchedule: Any(FactSlot.DiscoveryIntervalSeconds, FactSlot.LeaseSeconds, FactSlot.MaxInFlightBatches, FactSlot.MaxConcurrentScans));
    }

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

    private static string[] Tolerations(EquatableArray<TolerationModel> tolerations)
    {
        var result = new string[tolerations.Count * TolerationWidth];
        for (var i = 0; i < tolerations.Count; i++)
        {
            var t = tolerations[i];
            result[(i * TolerationWidth) + 0] = YamlScalar.Scrub(t.Key);
            result[(i * TolerationWidth) + 1] = YamlScalar.Scrub(t.Operator);
            result[(i * TolerationWidth) + 2] = YamlScalar.Scrub(t.Value);
            result[(i * TolerationWidth) + 3] = YamlScalar.Scrub(t.Effect);
            result[(i * TolerationWidth) + 4] = t.Seconds is long seconds ? seconds.ToString(CultureInfo.InvariantCulture) : string.Empty;
        }

        return result;
    }

    private static EquatableArray<TolerationModel> Tolerations(string[] flat)
    {
        var result = new TolerationModel[flat.Length / TolerationWidth];
        for (var i = 0; i < result.Length; i++)
        {
            var at = i * TolerationWidth;
            var seconds = long.TryParse(flat[at + 4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : (long?)null;
            result[i] = new TolerationModel(flat[at], flat[at + 1], flat[at + 2], flat[at + 3], seconds);
        }

        return new EquatableArray<TolerationModel>(result);
    }
}

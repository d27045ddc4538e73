using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL115. Tool: a manifest holds each key of a map (labels, annotations, node and index selectors) once, so a repeated key keeps only its last value.</summary>
public sealed class RepeatedKey : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL115";

    private RepeatedKey()
        : base(DiagnosticId, RuleSeverity.Warning, RuleArea.Declaration, RuleBasis.Tool, "Key given twice", "{what} '{key}' is given more than once; only the last value, '{value}', is written")
    {
    }

    /// <summary>The rule.</summary>
    public static RepeatedKey Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // A map of fewer than two pairs repeats nothing: no dictionaries for it (most workloads have one label or none).
        List<Finding>? findings = null;
        foreach (var field in Maps)
        {
            if (field.Get!(context.Declared) is EquatableArray<KeyValue> { Count: > 1 } pairs)
            {
                (findings ??= new List<Finding>()).AddRange(Repeated(field.Target!.Value.Attribute!, pairs));
            }
        }

        return findings ?? Enumerable.Empty<Finding>();
    }

    // The key-value rows, chosen once: the rule runs for every workload on every analyzer pass.
    private static readonly WorkloadField[] Maps = WorkloadFields.All
        .Where(f => f.Shape == FieldShape.TextMap && f.Target is { Attribute: not null } && f.Get is not null)
        .ToArray();

    private IEnumerable<Finding> Repeated(string what, EquatableArray<KeyValue> pairs)
    {
        var last = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var count = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            last[pair.Key] = pair.Value;
            count[pair.Key] = count.TryGetValue(pair.Key, out var n) ? n + 1 : 1;
        }

        foreach (var pair in count)
        {
            if (pair.Value > 1)
            {
                yield return At(WorkloadTarget.Pair(what, pair.Key), ("what", what), ("key", pair.Key), ("value", last[pair.Key]));
            }
        }
    }
}

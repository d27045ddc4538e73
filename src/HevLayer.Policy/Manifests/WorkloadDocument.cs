using System.Collections.Generic;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.Manifests;

/// <summary>A field that is set in a manifest, with where its key and value are.</summary>
/// <param name="Path">The dotted YAML path (for a label or annotation, <c>metadata.labels.&lt;key&gt;</c>).</param>
/// <param name="Key">The key's place.</param>
/// <param name="Value">The value's place.</param>
/// <param name="IsScalar">True when the value is a scalar (findings point at the value, else at the key).</param>
public sealed record FieldPlace(string Path, SourceSpan Key, SourceSpan Value, bool IsScalar)
{
    /// <summary>Where a finding about the field points: a scalar's value, or the key of a list or mapping.</summary>
    public SourceSpan Target => IsScalar ? Value : Key;
}

/// <summary>
/// One Pipeline or Function read from a hand-written manifest: the workload as the workload rules see it,
/// where each of its fields is in the file, and what the reader itself found.
/// </summary>
public sealed class WorkloadDocument
{
    private readonly Dictionary<string, FieldPlace> places;

    internal WorkloadDocument(string path, WorkloadModel declared, SourceSpan start, Dictionary<string, FieldPlace> places, IReadOnlyList<Finding> findings, IReadOnlyList<FieldPlace> opaque)
    {
        Path = path;
        Declared = declared;
        Start = start;
        this.places = places;
        Findings = findings;
        Opaque = opaque;
    }

    /// <summary>The file the document is in.</summary>
    public string Path { get; }

    /// <summary>The workload as declared (project defaults not applied: a manifest has none).</summary>
    public WorkloadModel Declared { get; }

    /// <summary>Where the document's <c>kind</c> is (its start when it has none).</summary>
    public SourceSpan Start { get; }

    /// <summary>What the reader found (unknown fields, wrongly typed values, unknown modes and triggers), located.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Fields the product knows but no attribute can express (a <c>spec.worker.podSpec</c> field the product does not model, such as <c>affinity</c>), in file order.</summary>
    public IReadOnlyList<FieldPlace> Opaque { get; }

    /// <summary>The fields set in the document, by YAML path.</summary>
    public IReadOnlyDictionary<string, FieldPlace> Places => places;

    /// <summary>The shape the workload rules see: a manifest is always "extensible", so the C#-only rules stay quiet.</summary>
    public DeclarationShape Shape => new(Describe(), true, null, null, null, false);

    /// <summary><c>kind/name</c>, as kubectl names an object.</summary>
    public string Describe() => Emit.ManifestWriter.KindName(Declared.Kind) + "/" + Declared.Name;

    /// <summary>Where a finding about <paramref name="target"/> points: its field, else the closest field above it that is set, else <c>kind</c>.</summary>
    public SourceSpan Locate(WorkloadTarget target) => Find(WorkloadFields.PathOf(target))?.Target ?? Start;

    /// <summary>The place of <paramref name="path"/>, or of the closest field above it that is set.</summary>
    public FieldPlace? Find(string path)
    {
        if (places.TryGetValue(path, out var place))
        {
            return place;
        }

        foreach (var map in new[] { "metadata.labels.", "metadata.annotations." })
        {
            if (path.StartsWith(map, System.StringComparison.Ordinal))
            {
                return Find(map.Substring(0, map.Length - 1));
            }
        }

        var dot = path.LastIndexOf('.');
        return dot < 0 ? null : Find(path.Substring(0, dot));
    }
}

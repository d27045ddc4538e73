using System;
using System.Collections.Generic;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.Manifests;

/// <summary>The YAML shape a manifest field takes.</summary>
public enum FieldShape
{
    /// <summary>A string scalar.</summary>
    Text,

    /// <summary>A whole number (a plain scalar, as kubectl reads it).</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A list of strings.</summary>
    TextList,

    /// <summary>A map of string keys to string values (labels, annotations).</summary>
    TextMap,

    /// <summary>A mapping whose fields are listed in this table.</summary>
    Mapping,

    /// <summary>Anything: a field the product knows but does not model (it is kept by the operator, never checked).</summary>
    Opaque,
}

/// <summary>
/// One field of a Pipeline or Function manifest as the product understands it: its YAML path, shape, the
/// kind that has it (null for both), and the attribute argument that declares it in C# (null when no
/// attribute can express it). The reader of hand-written manifests, the locator of their findings and
/// <c>hevlayer import</c> all read this one table; the writer (<see cref="Emit.ManifestWriter"/>) emits
/// exactly the fields that have a <see cref="Target"/>, which a test holds.
/// </summary>
public sealed class ManifestField
{
    internal ManifestField(string path, FieldShape shape, WorkloadKind? only, WorkloadTarget? target)
    {
        Path = path;
        Shape = shape;
        Only = only;
        Target = target;
    }

    /// <summary>The dotted YAML path, for example <c>spec.scaling.replicas.max</c>.</summary>
    public string Path { get; }

    /// <summary>The field's YAML shape.</summary>
    public FieldShape Shape { get; }

    /// <summary>The only kind that has the field, or null when both have it.</summary>
    public WorkloadKind? Only { get; }

    /// <summary>The attribute (and argument) that declares the field in C#; null when no attribute can.</summary>
    public WorkloadTarget? Target { get; }

    /// <summary>True when an attribute can express the field.</summary>
    public bool Expressible => Target is not null;

    /// <summary>True when <paramref name="kind"/> has the field.</summary>
    public bool AppliesTo(WorkloadKind kind) => Only is null || Only == kind;
}

/// <summary>The table of every manifest field (<see cref="ManifestField"/>), and lookups over it.</summary>
public static class ManifestFields
{
    /// <summary>Every field of a Pipeline or Function the product knows, parents before children.</summary>
    public static IReadOnlyList<ManifestField> All { get; } = new[]
    {
        Field("kind", FieldShape.Text, null, WorkloadTarget.Workload),
        Field("apiVersion", FieldShape.Text, null, WorkloadTarget.Workload),
        Field("metadata", FieldShape.Mapping, null, WorkloadTarget.Workload),
        Field("metadata.name", FieldShape.Text, null, WorkloadTarget.Name),
        Field("metadata.namespace", FieldShape.Text, null, WorkloadTarget.WorkloadArgument("Namespace")),
        Field("metadata.labels", FieldShape.TextMap, null, WorkloadTarget.On("Label")),
        Field("metadata.annotations", FieldShape.TextMap, null, WorkloadTarget.On("Annotation")),
        Field("spec", FieldShape.Mapping, null, WorkloadTarget.Workload),
        Field("spec.paused", FieldShape.Boolean, null, WorkloadTarget.WorkloadArgument("Paused")),
        Field("spec.targetNamespaces", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("TargetNamespaces")),
        Field("spec.indexSelector", FieldShape.Opaque, WorkloadKind.Function, null),
        Field("spec.triggers", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Triggers")),
        Field("spec.inputs", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Inputs")),
        Field("spec.version", FieldShape.Text, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Version")),
        Field("spec.filter", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Filter")),
        Field("spec.worker", FieldShape.Mapping, null, WorkloadTarget.On("Worker")),
        Field("spec.worker.image", FieldShape.Text, null, WorkloadTarget.On("Worker", "Image")),
        Field("spec.worker.batchSize", FieldShape.Integer, null, WorkloadTarget.On("Worker", "BatchSize")),
        Field("spec.worker.timeoutSeconds", FieldShape.Integer, null, WorkloadTarget.On("Worker", "TimeoutSeconds")),
        Field("spec.worker.podSpec", FieldShape.Opaque, null, null),
        Field("spec.schedule", FieldShape.Mapping, WorkloadKind.Function, WorkloadTarget.On("Schedule")),
        Field("spec.schedule.discoveryIntervalSeconds", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "DiscoveryIntervalSeconds")),
        Field("spec.schedule.leaseSeconds", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "LeaseSeconds")),
        Field("spec.schedule.maxInFlightBatches", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "MaxInFlightBatches")),
        Field("spec.schedule.maxConcurrentScans", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "MaxConcurrentScans")),
        Field("spec.retry", FieldShape.Mapping, null, WorkloadTarget.On("Retry")),
        Field("spec.retry.maxAttempts", FieldShape.Integer, null, WorkloadTarget.On("Retry", "MaxAttempts")),
        Field("spec.retry.initialBackoffSeconds", FieldShape.Integer, null, WorkloadTarget.On("Retry", "InitialBackoffSeconds")),
        Field("spec.retry.maxBackoffSeconds", FieldShape.Integer, null, WorkloadTarget.On("Retry", "MaxBackoffSeconds")),
        Field("spec.scaling", FieldShape.Mapping, null, WorkloadTarget.On("Scaling")),
        Field("spec.scaling.pool", FieldShape.Text, null, WorkloadTarget.On("Scaling", "Pool")),
        Field("spec.scaling.mode", FieldShape.Text, null, WorkloadTarget.On("Scaling", "Mode")),
        Field("spec.scaling.replicas", FieldShape.Mapping, null, WorkloadTarget.On("Scaling")),
        Field("spec.scaling.replicas.min", FieldShape.Integer, null, WorkloadTarget.On("Scaling", "MinReplicas")),
        Field("spec.scaling.replicas.max", FieldShape.Integer, null, WorkloadTarget.On("Scaling", "MaxReplicas")),
    };

    /// <summary>
    /// Fields the API server or kubectl owns: <c>status</c> and the server-set metadata. A manifest read back
    /// from a cluster carries them; they are neither checked nor imported.
    /// </summary>
    public static IReadOnlyList<string> ServerOwned { get; } = new[]
    {
        "status", "metadata.uid", "metadata.resourceVersion", "metadata.generation", "metadata.creationTimestamp",
        "metadata.deletionTimestamp", "metadata.deletionGracePeriodSeconds", "metadata.managedFields",
        "metadata.finalizers", "metadata.ownerReferences", "metadata.generateName", "metadata.selfLink",
    };

    private static readonly Dictionary<string, ManifestField> ByPath = Index();

    /// <summary>The field at <paramref name="path"/>, or null when the product does not know it.</summary>
    public static ManifestField? Find(string path) => ByPath.TryGetValue(path, out var field) ? field : null;

    /// <summary>True when <paramref name="path"/> is owned by the server (see <see cref="ServerOwned"/>).</summary>
    public static bool IsServerOwned(string path)
    {
        foreach (var owned in ServerOwned)
        {
            if (string.Equals(owned, path, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the known fields directly under <paramref name="parent"/> (empty for the root) that <paramref name="kind"/> has.</summary>
    public static IEnumerable<string> ChildrenOf(string parent, WorkloadKind kind)
    {
        var prefix = parent.Length == 0 ? string.Empty : parent + ".";
        foreach (var field in All)
        {
            if (field.AppliesTo(kind) && field.Path.StartsWith(prefix, StringComparison.Ordinal) && field.Path.IndexOf('.', prefix.Length) < 0)
            {
                yield return field.Path.Substring(prefix.Length);
            }
        }
    }

    /// <summary>
    /// The YAML path a finding's target points at in a manifest: the argument's field, or the attribute's
    /// mapping; for a label or annotation, its key under <c>metadata.labels</c> or <c>metadata.annotations</c>.
    /// </summary>
    public static string PathOf(WorkloadTarget target)
    {
        if (target.Kind == TargetKind.Pair)
        {
            return (target.Attribute == "Annotation" ? "metadata.annotations." : "metadata.labels.") + target.Key;
        }

        foreach (var field in All)
        {
            if (field.Target is { } t && t.Kind == target.Kind && t.Attribute == target.Attribute && t.Argument == target.Argument)
            {
                return field.Path;
            }
        }

        return target.Kind == TargetKind.Name ? "metadata.name" : "kind";
    }

    private static ManifestField Field(string path, FieldShape shape, WorkloadKind? only, WorkloadTarget? target) => new(path, shape, only, target);

    private static Dictionary<string, ManifestField> Index()
    {
        var index = new Dictionary<string, ManifestField>(StringComparer.Ordinal);
        foreach (var field in All)
        {
            index.Add(field.Path, field);
        }

        return index;
    }
}

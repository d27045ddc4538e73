using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.Model;

/// <summary>The YAML shape a workload field takes.</summary>
public enum FieldShape
{
    /// <summary>A string scalar.</summary>
    Text,

    /// <summary>A whole number of 32 bits (a plain scalar, as kubectl reads it).</summary>
    Integer,

    /// <summary>A whole number of 64 bits (Kubernetes' <c>int64</c> fields, such as <c>tolerationSeconds</c>).</summary>
    LongInteger,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A list of strings.</summary>
    TextList,

    /// <summary>A map of string keys to string values (labels, annotations, selectors).</summary>
    TextMap,

    /// <summary>A mapping whose fields are listed in this table.</summary>
    Mapping,

    /// <summary>A list of mappings whose fields are listed in this table under the list's path.</summary>
    MappingList,

    /// <summary>Anything: a field the product knows but does not model (it is kept by the operator, never checked).</summary>
    Opaque,
}

/// <summary>
/// One field of a Pipeline or Function manifest, declared once: its YAML path, shape and kind; the attribute
/// argument that expresses it in C#; its slot in the packed facts; its default and when it is left out of
/// the manifest; the rules that check it; the description the schemas and the README use; and how to read
/// and set its value on a <see cref="WorkloadModel"/>. The parser, the facts, the manifest reader, import's
/// C# writer, the range rule and the schemas read these rows; the writer and the typed runtime mapping are
/// held to them by tests that set every row.
/// </summary>
public sealed class WorkloadField
{
    internal WorkloadField(string path, FieldShape shape, WorkloadKind? only, WorkloadTarget? target)
    {
        Path = path;
        Shape = shape;
        Only = only;
        Target = target;
    }

    /// <summary>The row's position in <see cref="WorkloadFields.All"/>.</summary>
    public int Index { get; internal set; }

    /// <summary>The dotted YAML path, for example <c>spec.scaling.replicas.max</c>; the fields of a list's items are under the list's path.</summary>
    public string Path { get; }

    /// <summary>The field's YAML shape.</summary>
    public FieldShape Shape { get; }

    /// <summary>The only kind that has the field, or null when both have it.</summary>
    public WorkloadKind? Only { get; }

    /// <summary>The attribute (and argument) that declares the field in C#; null when no attribute can.</summary>
    public WorkloadTarget? Target { get; }

    /// <summary>The facts slot that carries the field's value from the build to the manifest and the typed API; null for mappings and the fields of list items.</summary>
    public FactSlot? Slot { get; private set; }

    /// <summary>What the field means, for the schemas and the README.</summary>
    public string Description { get; private set; } = string.Empty;

    /// <summary>The value the operator assumes when the field is missing (as the README says it), or null when there is none to tell.</summary>
    public string? Default { get; private set; }

    /// <summary>When the writer leaves the field out of the manifest: null when it is always written.</summary>
    public string? Omitted { get; private set; }

    /// <summary>The ids of the rules that check the field's value.</summary>
    public IReadOnlyList<string> Rules { get; private set; } = Array.Empty<string>();

    /// <summary>The YAML spellings the field takes, for a field of a fixed set of values; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; private set; } = Array.Empty<string>();

    /// <summary>The smallest value that means something (HEVL120 checks it); null when any value may.</summary>
    public int? Minimum { get; private set; }

    /// <summary>What one unit of the value is, for messages ("a batch size"); null when <see cref="Minimum"/> is.</summary>
    public string? Meaning { get; private set; }

    /// <summary>True when fields under this mapping that the table does not list are kept as they are (a pod-spec fragment), not reported as unknown.</summary>
    public bool OpenChildren { get; private set; }

    /// <summary>
    /// The field's value on a workload, in the model's own type: <see cref="string"/> or null (Text),
    /// <see cref="int"/>? (Integer), <see cref="bool"/> (Boolean), <see cref="EquatableArray{T}"/> of
    /// <see cref="string"/> (TextList) or <see cref="KeyValue"/> (TextMap), of <see cref="TolerationModel"/>
    /// (MappingList), <see cref="ScalingMode"/> or <see cref="FunctionTriggers"/> for the choices; null for mappings.
    /// </summary>
    public Func<WorkloadModel, object?>? Get { get; private set; }

    /// <summary>The workload with the field set to a value of <see cref="Get"/>'s type (a Function field on a Pipeline is left alone).</summary>
    public Func<WorkloadModel, object?, WorkloadModel>? Set { get; private set; }

    /// <summary>True when an attribute can express the field.</summary>
    public bool Expressible => Target is not null;

    /// <summary>True when <paramref name="kind"/> has the field.</summary>
    public bool AppliesTo(WorkloadKind kind) => Only is null || Only == kind;

    /// <summary>The path of the mapping or list this field is in; empty at the root.</summary>
    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path.Substring(0, dot) : string.Empty;

    /// <summary>The field's own key.</summary>
    public string Key => Path.Substring(Path.LastIndexOf('.') + 1);

    internal WorkloadField Says(string description, string? defaultValue = null, string? omitted = null)
    {
        Description = description;
        Default = defaultValue;
        Omitted = omitted;
        return this;
    }

    internal WorkloadField In(FactSlot slot)
    {
        Slot = slot;
        return this;
    }

    internal WorkloadField CheckedBy(params string[] rules)
    {
        Rules = rules;
        return this;
    }

    internal WorkloadField OneOf(params string[] choices)
    {
        Choices = choices;
        return this;
    }

    internal WorkloadField AtLeast(int minimum, string meaning)
    {
        Minimum = minimum;
        Meaning = meaning;
        return this;
    }

    internal WorkloadField Open()
    {
        OpenChildren = true;
        return this;
    }

    internal WorkloadField Value(Func<WorkloadModel, object?> get, Func<WorkloadModel, object?, WorkloadModel> set)
    {
        Get = get;
        Set = set;
        return this;
    }
}

/// <summary>The one table of workload fields (<see cref="WorkloadField"/>), and lookups over it.</summary>
public static class WorkloadFields
{
    private const string Count = "When not set (the operator's default applies).";

    /// <summary>Every field of a Pipeline or Function the product knows, parents before children, in the order the writer writes them (apiVersion and kind aside).</summary>
    public static IReadOnlyList<WorkloadField> All { get; } = new[]
    {
        Field("kind", FieldShape.Text, null, WorkloadTarget.Workload).Says("Pipeline or Function: [Pipeline] or [Function] on the class.").In(FactSlot.Function),
        Field("apiVersion", FieldShape.Text, null, WorkloadTarget.Workload).Says("hevlayer.com/v1alpha1."),
        Field("metadata", FieldShape.Mapping, null, WorkloadTarget.Workload).Says("Object metadata."),
        Field("metadata.name", FieldShape.Text, null, WorkloadTarget.Name)
            .Says("The resource name, an RFC 1123 label.").In(FactSlot.Name).CheckedBy("HEVL101", "HEVL103")
            .Value(w => w.Name, (w, v) => w with { Name = (string?)v ?? string.Empty }),
        Field("metadata.namespace", FieldShape.Text, null, WorkloadTarget.WorkloadArgument("Namespace"))
            .Says("The Kubernetes namespace, an RFC 1123 label.", "HevLayerNamespace, then [assembly: HevLayerDefaults(Namespace)], then default").In(FactSlot.Namespace).CheckedBy("HEVL102")
            .Value(w => w.Namespace, (w, v) => w with { Namespace = (string?)v }),
        Field("metadata.labels", FieldShape.TextMap, null, WorkloadTarget.On("Label"))
            .Says("Labels; the build adds app.kubernetes.io/managed-by: hevlayer-generators unless the workload sets that key.").In(FactSlot.Labels).CheckedBy("HEVL111", "HEVL115")
            .Value(w => w.Labels, (w, v) => w with { Labels = Pairs(v) }),
        Field("metadata.annotations", FieldShape.TextMap, null, WorkloadTarget.On("Annotation"))
            .Says("Annotations.", omitted: "When there are none.").In(FactSlot.Annotations).CheckedBy("HEVL112", "HEVL115", "HEVL116")
            .Value(w => w.Annotations, (w, v) => w with { Annotations = Pairs(v) }),
        Field("spec", FieldShape.Mapping, null, WorkloadTarget.Workload).Says("The workload's specification."),
        Field("spec.paused", FieldShape.Boolean, null, WorkloadTarget.WorkloadArgument("Paused"))
            .Says("Paused workloads scale to 0 whatever their mode.", "false").In(FactSlot.Paused).CheckedBy("HEVL009")
            .Value(w => w.Paused, (w, v) => w with { Paused = v is true }),
        Field("spec.targetNamespaces", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("TargetNamespaces"))
            .Says("The index namespaces the Function reads and writes.", omitted: "When empty.").In(FactSlot.TargetNamespaces).CheckedBy("HEVL123")
            .Value(w => w.Function?.TargetNamespaces, (w, v) => OnFunction(w, f => f with { TargetNamespaces = Texts(v) })),
        Field("spec.indexSelector", FieldShape.Mapping, WorkloadKind.Function, WorkloadTarget.On("IndexSelector"))
            .Says("Selects the indexes the Function works on, by their labels.", omitted: "When matchLabels is empty."),
        Field("spec.indexSelector.matchLabels", FieldShape.TextMap, WorkloadKind.Function, WorkloadTarget.On("IndexSelector"))
            .Says("Index labels that must all match; label syntax.", omitted: "When empty.").In(FactSlot.IndexSelector).CheckedBy("HEVL130", "HEVL115")
            .Value(w => w.Function?.IndexSelector, (w, v) => OnFunction(w, f => f with { IndexSelector = Pairs(v) })),
        Field("spec.triggers", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Triggers"))
            .Says("What starts the Function's work; at least one.", omitted: "When empty.").In(FactSlot.Triggers).CheckedBy("HEVL108", "HEVL109", "HEVL114")
            .OneOf("discovery", "write", "schedule")
            .Value(w => w.Function?.Triggers, (w, v) => OnFunction(w, f => f with { Triggers = v is FunctionTriggers t ? t : FunctionTriggers.None })),
        Field("spec.inputs", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Inputs"))
            .Says("The attribute names the worker reads.", omitted: "When empty.").In(FactSlot.Inputs).CheckedBy("HEVL124")
            .Value(w => w.Function?.Inputs, (w, v) => OnFunction(w, f => f with { Inputs = Texts(v) })),
        Field("spec.version", FieldShape.Text, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Version"))
            .Says("The Function's version, for example v1.", omitted: "When not set or empty.").In(FactSlot.Version).CheckedBy("HEVL126")
            .Value(w => w.Function?.Version, (w, v) => OnFunction(w, f => f with { Version = (string?)v })),
        Field("spec.filter", FieldShape.TextList, WorkloadKind.Function, WorkloadTarget.WorkloadArgument("Filter"))
            .Says("One comparison as [attribute, operator, value].", omitted: "When empty.").In(FactSlot.Filter).CheckedBy("HEVL125")
            .Value(w => w.Function?.Filter, (w, v) => OnFunction(w, f => f with { Filter = Texts(v) })),
        Field("spec.worker", FieldShape.Mapping, null, WorkloadTarget.On("Worker")).Says("The container the operator runs."),
        Field("spec.worker.image", FieldShape.Text, null, WorkloadTarget.On("Worker", "Image"))
            .Says("The worker's container image (an OCI reference).", "HevLayerImage, then [assembly: HevLayerDefaults(Image)], then the container image ContainerRegistry/ContainerRepository:tag").In(FactSlot.Image).CheckedBy("HEVL110", "HEVL122")
            .Value(w => w.Worker.Image, (w, v) => w with { Worker = w.Worker with { Image = (string?)v } }),
        Field("spec.worker.batchSize", FieldShape.Integer, null, WorkloadTarget.On("Worker", "BatchSize"))
            .Says("Items handed to the worker per batch.", omitted: Count).In(FactSlot.BatchSize).CheckedBy("HEVL120").AtLeast(1, "a batch size")
            .Value(w => w.Worker.BatchSize, (w, v) => w with { Worker = w.Worker with { BatchSize = (int?)v } }),
        Field("spec.worker.timeoutSeconds", FieldShape.Integer, null, WorkloadTarget.On("Worker", "TimeoutSeconds"))
            .Says("How long one batch may take, in seconds.", omitted: Count).In(FactSlot.TimeoutSeconds).CheckedBy("HEVL120").AtLeast(1, "a timeout")
            .Value(w => w.Worker.TimeoutSeconds, (w, v) => w with { Worker = w.Worker with { TimeoutSeconds = (int?)v } }),
        Field("spec.worker.podSpec", FieldShape.Mapping, null, WorkloadTarget.On("Worker"))
            .Says("A pod-spec fragment merged into the worker pods; fields other than nodeSelector, tolerations and serviceAccountName are kept by the operator but cannot be imported.", omitted: "When none of its fields is set.").Open(),
        Field("spec.worker.podSpec.nodeSelector", FieldShape.TextMap, null, WorkloadTarget.On("NodeSelector"))
            .Says("Node labels the worker pods require, on top of the pool's nodeSelector; label syntax.", omitted: "When empty.").In(FactSlot.NodeSelector).CheckedBy("HEVL127", "HEVL115", "HEVL011")
            .Value(w => w.Worker.NodeSelector, (w, v) => w with { Worker = w.Worker with { NodeSelector = Pairs(v) } }),
        Field("spec.worker.podSpec.tolerations", FieldShape.MappingList, null, WorkloadTarget.On("Toleration"))
            .Says("Taints the worker pods tolerate, on top of the pool's tolerations.", omitted: "When empty.").In(FactSlot.Tolerations).CheckedBy("HEVL128")
            .Value(w => w.Worker.Tolerations, (w, v) => w with { Worker = w.Worker with { Tolerations = v is EquatableArray<TolerationModel> t ? t : EquatableArray<TolerationModel>.Empty } }),
        Field("spec.worker.podSpec.tolerations.key", FieldShape.Text, null, WorkloadTarget.On("Toleration", "Key"))
            .Says("The taint key, a label key; empty matches every key (operator Exists).", omitted: "When empty.").CheckedBy("HEVL128"),
        Field("spec.worker.podSpec.tolerations.operator", FieldShape.Text, null, WorkloadTarget.On("Toleration", "Operator"))
            .Says("Equal (the taint's value equals value) or Exists (any value).", "Equal", "When Equal.").CheckedBy("HEVL128").OneOf(TolerationModel.Operators),
        Field("spec.worker.podSpec.tolerations.value", FieldShape.Text, null, WorkloadTarget.On("Toleration", "Value"))
            .Says("The taint value, a label value; empty with Exists.", omitted: "When empty.").CheckedBy("HEVL128"),
        Field("spec.worker.podSpec.tolerations.effect", FieldShape.Text, null, WorkloadTarget.On("Toleration", "Effect"))
            .Says("The taint effect tolerated; empty tolerates every effect.", omitted: "When every effect is tolerated.").CheckedBy("HEVL128").OneOf(TolerationModel.Effects),
        Field("spec.worker.podSpec.tolerations.tolerationSeconds", FieldShape.LongInteger, null, WorkloadTarget.On("Toleration", "TolerationSeconds"))
            .Says("How long a NoExecute taint is tolerated before eviction; only with effect NoExecute.", omitted: "When not set (tolerated for ever).").CheckedBy("HEVL128"),
        Field("spec.worker.podSpec.serviceAccountName", FieldShape.Text, null, WorkloadTarget.On("Worker", "ServiceAccountName"))
            .Says("The service account the worker pods run as, a DNS subdomain name.", "the namespace's default service account", "When not set.").In(FactSlot.ServiceAccountName).CheckedBy("HEVL129")
            .Value(w => w.Worker.ServiceAccountName, (w, v) => w with { Worker = w.Worker with { ServiceAccountName = (string?)v } }),
        Field("spec.schedule", FieldShape.Mapping, WorkloadKind.Function, WorkloadTarget.On("Schedule")).Says("How a scheduled Function scans.", omitted: "When none of its fields is set."),
        Field("spec.schedule.discoveryIntervalSeconds", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "DiscoveryIntervalSeconds"))
            .Says("Seconds between discovery scans.", omitted: Count).In(FactSlot.DiscoveryIntervalSeconds).CheckedBy("HEVL120").AtLeast(1, "an interval")
            .Value(w => w.Function?.Schedule?.DiscoveryIntervalSeconds, (w, v) => OnSchedule(w, s => s with { DiscoveryIntervalSeconds = (int?)v })),
        Field("spec.schedule.leaseSeconds", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "LeaseSeconds"))
            .Says("How long a worker holds a batch's lease, in seconds.", omitted: Count).In(FactSlot.LeaseSeconds).CheckedBy("HEVL120").AtLeast(1, "a lease")
            .Value(w => w.Function?.Schedule?.LeaseSeconds, (w, v) => OnSchedule(w, s => s with { LeaseSeconds = (int?)v })),
        Field("spec.schedule.maxInFlightBatches", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "MaxInFlightBatches"))
            .Says("Batches in flight at once.", omitted: Count).In(FactSlot.MaxInFlightBatches).CheckedBy("HEVL120").AtLeast(1, "a number of batches")
            .Value(w => w.Function?.Schedule?.MaxInFlightBatches, (w, v) => OnSchedule(w, s => s with { MaxInFlightBatches = (int?)v })),
        Field("spec.schedule.maxConcurrentScans", FieldShape.Integer, WorkloadKind.Function, WorkloadTarget.On("Schedule", "MaxConcurrentScans"))
            .Says("Scans running at once.", omitted: Count).In(FactSlot.MaxConcurrentScans).CheckedBy("HEVL120").AtLeast(1, "a number of scans")
            .Value(w => w.Function?.Schedule?.MaxConcurrentScans, (w, v) => OnSchedule(w, s => s with { MaxConcurrentScans = (int?)v })),
        Field("spec.retry", FieldShape.Mapping, null, WorkloadTarget.On("Retry")).Says("How failed batches are retried.", omitted: "When none of its fields is set."),
        Field("spec.retry.maxAttempts", FieldShape.Integer, null, WorkloadTarget.On("Retry", "MaxAttempts"))
            .Says("Attempts per batch.", omitted: Count).In(FactSlot.MaxAttempts).CheckedBy("HEVL120").AtLeast(1, "a number of attempts")
            .Value(w => w.Retry?.MaxAttempts, (w, v) => OnRetry(w, r => r with { MaxAttempts = (int?)v })),
        Field("spec.retry.initialBackoffSeconds", FieldShape.Integer, null, WorkloadTarget.On("Retry", "InitialBackoffSeconds"))
            .Says("The first backoff, in seconds.", omitted: Count).In(FactSlot.InitialBackoffSeconds).CheckedBy("HEVL120", "HEVL121").AtLeast(1, "a backoff")
            .Value(w => w.Retry?.InitialBackoffSeconds, (w, v) => OnRetry(w, r => r with { InitialBackoffSeconds = (int?)v })),
        Field("spec.retry.maxBackoffSeconds", FieldShape.Integer, null, WorkloadTarget.On("Retry", "MaxBackoffSeconds"))
            .Says("The longest backoff, in seconds.", omitted: Count).In(FactSlot.MaxBackoffSeconds).CheckedBy("HEVL120", "HEVL121").AtLeast(1, "a backoff")
            .Value(w => w.Retry?.MaxBackoffSeconds, (w, v) => OnRetry(w, r => r with { MaxBackoffSeconds = (int?)v })),
        Field("spec.scaling", FieldShape.Mapping, null, WorkloadTarget.On("Scaling"))
            .Says("How the workload scales, inline: a pool from InfraRules/default.spec.computePools, a mode, and replica bounds."),
        Field("spec.scaling.pool", FieldShape.Text, null, WorkloadTarget.On("Scaling", "Pool"))
            .Says("A compute pool of InfraRules/default; an unknown pool leaves the workload unready.").In(FactSlot.Pool).CheckedBy("HEVL001", "HEVL003", "HEVL011")
            .Value(w => w.Scaling?.Pool, (w, v) => OnScaling(w, s => s with { Pool = (string?)v })),
        Field("spec.scaling.mode", FieldShape.Text, null, WorkloadTarget.On("Scaling", "Mode"))
            .Says("autoscale: a KEDA ScaledObject scales the Deployment between min and max by queue depth. fixed: Deployment replicas = replicas.min; no KEDA object. disabled: scaled to 0; no KEDA object.", "autoscale")
            .In(FactSlot.Mode).CheckedBy("HEVL010", "HEVL009").OneOf("autoscale", "fixed", "disabled")
            .Value(w => w.Scaling?.Mode, (w, v) => OnScaling(w, s => s with { Mode = v is ScalingMode m ? m : ScalingMode.Autoscale })),
        Field("spec.scaling.replicas", FieldShape.Mapping, null, WorkloadTarget.On("Scaling")).Says("Replica bounds."),
        Field("spec.scaling.replicas.min", FieldShape.Integer, null, WorkloadTarget.On("Scaling", "MinReplicas"))
            .Says("The fewest replicas; to keep a cold-start-heavy worker warm, set mode: autoscale and replicas.min: 1.", "0").In(FactSlot.MinReplicas).CheckedBy("HEVL004", "HEVL005", "HEVL007")
            .Value(w => w.Scaling?.MinReplicas, (w, v) => OnScaling(w, s => s with { MinReplicas = (int?)v ?? 0 })),
        Field("spec.scaling.replicas.max", FieldShape.Integer, null, WorkloadTarget.On("Scaling", "MaxReplicas"))
            .Says("The most replicas; at most the pool's maxReplicasPerWorkload, in every mode (in fixed mode the build writes replicas.min).").In(FactSlot.MaxReplicas).CheckedBy("HEVL002", "HEVL004", "HEVL005", "HEVL006", "HEVL008")
            .Value(w => w.Scaling?.MaxReplicas, (w, v) => OnScaling(w, s => s with { MaxReplicas = (int?)v })),
    };

    /// <summary>
    /// Fields the API server or kubectl owns: <c>status</c> and the server-set metadata. A manifest read back
    /// from a cluster carries them; they are neither checked, imported nor compared.
    /// </summary>
    public static IReadOnlyList<string> ServerOwned { get; } = new[]
    {
        "status", "metadata.uid", "metadata.resourceVersion", "metadata.generation", "metadata.creationTimestamp",
        "metadata.deletionTimestamp", "metadata.deletionGracePeriodSeconds", "metadata.managedFields",
        "metadata.finalizers", "metadata.ownerReferences", "metadata.generateName", "metadata.selfLink",
    };

    private static readonly Dictionary<string, WorkloadField> ByPath = Index();

    /// <summary>The attributes besides [Pipeline]/[Function] that set fields, in the table's order: [Label], [Worker], [Scaling], ...</summary>
    public static string[] PartAttributes { get; } = All
        .Where(f => f.Target is { Kind: TargetKind.Attribute, Attribute: not null })
        .Select(f => f.Target!.Value.Attribute!)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// The field that the argument <paramref name="argument"/> of attribute <paramref name="attribute"/> sets
    /// (<paramref name="attribute"/> null for [Pipeline]/[Function]); for a repeatable attribute, pass a null
    /// argument to get its list or map. Null when no field has that argument.
    /// </summary>
    public static WorkloadField? ForArgument(string? attribute, string? argument) =>
        ForAttributeClass(attribute is null ? null : attribute + "Attribute", argument);

    /// <summary>
    /// <see cref="ForArgument"/> by the attribute class's metadata name (<c>ScalingAttribute</c>; null for
    /// [Pipeline]/[Function]), which the generator has without building a string.
    /// </summary>
    public static WorkloadField? ForAttributeClass(string? attributeClass, string? argument) =>
        ByArgument.TryGetValue(attributeClass ?? string.Empty, out var arguments) && arguments.TryGetValue(argument ?? string.Empty, out var field) ? field : null;

    /// <summary>True when <paramref name="attributeClass"/> (a metadata name such as <c>ScalingAttribute</c>) sets workload fields.</summary>
    public static bool SetsFields(string attributeClass) => ByArgument.ContainsKey(attributeClass);

    // Attribute short name ("" for [Pipeline]/[Function]) -> argument ("" for a repeatable attribute's list or map) -> field.
    // Two levels, so that a look-up per attribute argument in the generator's transform allocates nothing.
    private static readonly Dictionary<string, Dictionary<string, WorkloadField>> ByArgument = IndexArguments();

    private static Dictionary<string, Dictionary<string, WorkloadField>> IndexArguments()
    {
        var index = new Dictionary<string, Dictionary<string, WorkloadField>>(StringComparer.Ordinal);
        foreach (var field in All)
        {
            if (field.Target is { } t && t.Kind is TargetKind.Attribute or TargetKind.Workload && (t.Argument is not null || field.Shape is FieldShape.TextMap or FieldShape.MappingList))
            {
                var attribute = t.Kind == TargetKind.Workload ? string.Empty : t.Attribute! + "Attribute";
                if (!index.TryGetValue(attribute, out var arguments))
                {
                    index[attribute] = arguments = new Dictionary<string, WorkloadField>(StringComparer.Ordinal);
                }

                var argument = field.Shape is FieldShape.TextMap or FieldShape.MappingList ? string.Empty : t.Argument!;
                if (!arguments.ContainsKey(argument))
                {
                    arguments.Add(argument, field);
                }
            }
        }

        return index;
    }

    /// <summary>
    /// The workload that <paramref name="values"/> (one per row, by <see cref="WorkloadField.Index"/>, in the
    /// type <see cref="WorkloadField.Get"/> returns; null when not given) describe, built in one go: the
    /// generator's transform reads every class on every compilation, and setting rows one by one would copy
    /// the records once per argument. The blocks exist when their attribute is written, even with no argument.
    /// A test (<c>FieldTableTests</c>) holds this to the rows' <see cref="WorkloadField.Set"/>.
    /// </summary>
    public static WorkloadModel Compose(WorkloadKind kind, string name, string sourceType, object?[] values, bool hasScaling, bool hasRetry, bool hasSchedule)
    {
        var function = kind == WorkloadKind.Function
            ? new FunctionModel(
                values[Slots.Triggers] is FunctionTriggers triggers ? triggers : FunctionTriggers.None,
                Texts(values[Slots.TargetNamespaces]),
                Texts(values[Slots.Inputs]),
                values[Slots.Version] as string,
                Texts(values[Slots.Filter]),
                hasSchedule ? new ScheduleModel(values[Slots.DiscoveryIntervalSeconds] as int?, values[Slots.LeaseSeconds] as int?, values[Slots.MaxInFlightBatches] as int?, values[Slots.MaxConcurrentScans] as int?) : null,
                Pairs(values[Slots.IndexSelector]))
            : null;
        return new WorkloadModel(
            kind,
            name,
            values[Slots.Namespace] as string,
            values[Slots.Paused] is true,
            Pairs(values[Slots.Labels]),
            Pairs(values[Slots.Annotations]),
            hasScaling ? new ScalingModel(values[Slots.Pool] as string, values[Slots.Mode] is ScalingMode mode ? mode : ScalingMode.Autoscale, values[Slots.MinReplicas] as int? ?? 0, values[Slots.MaxReplicas] as int?) : null,
            new WorkerModel(
                values[Slots.Image] as string,
                values[Slots.BatchSize] as int?,
                values[Slots.TimeoutSeconds] as int?,
                Pairs(values[Slots.NodeSelector]),
                values[Slots.Tolerations] is EquatableArray<TolerationModel> tolerations ? tolerations : EquatableArray<TolerationModel>.Empty,
                values[Slots.ServiceAccountName] as string),
            hasRetry ? new RetryModel(values[Slots.MaxAttempts] as int?, values[Slots.InitialBackoffSeconds] as int?, values[Slots.MaxBackoffSeconds] as int?) : null,
            function,
            sourceType);
    }

    /// <summary>The field at <paramref name="path"/>, or null when the product does not know it.</summary>
    public static WorkloadField? Find(string path) => ByPath.TryGetValue(path, out var field) ? field : null;

    /// <summary>The field that carries <paramref name="slot"/>.</summary>
    public static WorkloadField Of(FactSlot slot)
    {
        foreach (var field in All)
        {
            if (field.Slot == slot)
            {
                return field;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(slot), slot, "No workload field carries this slot.");
    }

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
        foreach (var field in All)
        {
            if (field.AppliesTo(kind) && field.Parent == parent)
            {
                yield return field.Key;
            }
        }
    }

    /// <summary>
    /// The YAML path a finding's target points at in a manifest: the argument's field, or the attribute's
    /// mapping; for a pair, its key under the pair's map; for a list item, the item (and its field).
    /// </summary>
    public static string PathOf(WorkloadTarget target)
    {
        if (target.Kind == TargetKind.Pair)
        {
            foreach (var field in All)
            {
                if (field.Shape == FieldShape.TextMap && field.Target is { } pairs && pairs.Attribute == target.Attribute)
                {
                    return field.Path + "." + target.Key;
                }
            }
        }

        if (target.Kind == TargetKind.Item)
        {
            foreach (var field in All)
            {
                if (field.Shape == FieldShape.MappingList && field.Target is { } list && list.Attribute == target.Attribute)
                {
                    var item = field.Path + "[" + target.Key + "]";
                    return target.Argument is null ? item : item + "." + Find(field.Path + "." + ArgumentKey(target.Argument))?.Key;
                }
            }
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

    private static string ArgumentKey(string argument) => char.ToLowerInvariant(argument[0]) + argument.Substring(1);

    private static WorkloadField Field(string path, FieldShape shape, WorkloadKind? only, WorkloadTarget? target) => new(path, shape, only, target);

    private static EquatableArray<KeyValue> Pairs(object? value) => value is EquatableArray<KeyValue> pairs ? pairs : EquatableArray<KeyValue>.Empty;

    private static EquatableArray<string> Texts(object? value) => value is EquatableArray<string> texts ? texts : EquatableArray<string>.Empty;

    private static WorkloadModel OnFunction(WorkloadModel w, Func<FunctionModel, FunctionModel> change) =>
        w.Function is { } function ? w with { Function = change(function) } : w;

    private static WorkloadModel OnSchedule(WorkloadModel w, Func<ScheduleModel, ScheduleModel> change) =>
        OnFunction(w, f => f with { Schedule = change(f.Schedule ?? new ScheduleModel(null, null, null, null)) });

    private static WorkloadModel OnRetry(WorkloadModel w, Func<RetryModel, RetryModel> change) =>
        w with { Retry = change(w.Retry ?? new RetryModel(null, null, null)) };

    private static WorkloadModel OnScaling(WorkloadModel w, Func<ScalingModel, ScalingModel> change) =>
        w with { Scaling = change(w.Scaling ?? new ScalingModel(null, ScalingMode.Autoscale, 0, null)) };

    private static Dictionary<string, WorkloadField> Index()
    {
        var index = new Dictionary<string, WorkloadField>(StringComparer.Ordinal);
        for (var i = 0; i < All.Count; i++)
        {
            All[i].Index = i;
            index.Add(All[i].Path, All[i]);
        }

        return index;
    }

    /// <summary>The rows <see cref="Compose"/> reads, by index.</summary>
    private static class Slots
    {
        public static readonly int Namespace = Find("metadata.namespace")!.Index;
        public static readonly int Labels = Find("metadata.labels")!.Index;
        public static readonly int Annotations = Find("metadata.annotations")!.Index;
        public static readonly int Paused = Find("spec.paused")!.Index;
        public static readonly int TargetNamespaces = Find("spec.targetNamespaces")!.Index;
        public static readonly int IndexSelector = Find("spec.indexSelector.matchLabels")!.Index;
        public static readonly int Triggers = Find("spec.triggers")!.Index;
        public static readonly int Inputs = Find("spec.inputs")!.Index;
        public static readonly int Version = Find("spec.version")!.Index;
        public static readonly int Filter = Find("spec.filter")!.Index;
        public static readonly int Image = Find("spec.worker.image")!.Index;
        public static readonly int BatchSize = Find("spec.worker.batchSize")!.Index;
        public static readonly int TimeoutSeconds = Find("spec.worker.timeoutSeconds")!.Index;
        public static readonly int NodeSelector = Find("spec.worker.podSpec.nodeSelector")!.Index;
        public static readonly int Tolerations = Find("spec.worker.podSpec.tolerations")!.Index;
        public static readonly int ServiceAccountName = Find("spec.worker.podSpec.serviceAccountName")!.Index;
        public static readonly int DiscoveryIntervalSeconds = Find("spec.schedule.discoveryIntervalSeconds")!.Index;
        public static readonly int LeaseSeconds = Find("spec.schedule.leaseSeconds")!.Index;
        public static readonly int MaxInFlightBatches = Find("spec.schedule.maxInFlightBatches")!.Index;
        public static readonly int MaxConcurrentScans = Find("spec.schedule.maxConcurrentScans")!.Index;
        public static readonly int MaxAttempts = Find("spec.retry.maxAttempts")!.Index;
        public static readonly int InitialBackoffSeconds = Find("spec.retry.initialBackoffSeconds")!.Index;
        public static readonly int MaxBackoffSeconds = Find("spec.retry.maxBackoffSeconds")!.Index;
        public static readonly int Pool = Find("spec.scaling.pool")!.Index;
        public static readonly int Mode = Find("spec.scaling.mode")!.Index;
        public static readonly int MinReplicas = Find("spec.scaling.replicas.min")!.Index;
        public static readonly int MaxReplicas = Find("spec.scaling.replicas.max")!.Index;
    }
}

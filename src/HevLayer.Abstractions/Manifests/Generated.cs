using System;
using System.Threading;
using static HevLayer.Manifests.ManifestYaml;

namespace HevLayer.Manifests;

/// <summary>
/// What the generated <c>Manifest</c> properties call: each builds its typed manifest, once, from the
/// YAML the generator emitted for that workload. The generated code carries each manifest only once,
/// as YAML, so that it stays short (the compiler parses and binds one generated file per workload).
/// Not meant to be called by hand.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class Generated
{
    /// <summary>The Pipeline manifest in <paramref name="yaml"/>, built on first use and kept in <paramref name="cache"/>.</summary>
    /// <exception cref="FormatException"><paramref name="yaml"/> is not a Pipeline manifest written by HevLayer.Generators.</exception>
    public static PipelineManifest Pipeline(ref PipelineManifest? cache, string yaml, string sourceType, string fileName)
    {
        if (Volatile.Read(ref cache) is { } existing)
        {
            return existing;
        }

        var root = Parse(yaml);
        var spec = Spec(root, "Pipeline");
        var manifest = new PipelineManifest(
            Metadata(root),
            new PipelineSpec(BoolAt(spec, "paused"), Worker(spec), Retry(spec), Scaling(spec)),
            sourceType,
            fileName,
            yaml);
        return Interlocked.CompareExchange(ref cache, manifest, null) ?? manifest;
    }

    /// <summary>The Function manifest in <paramref name="yaml"/>, built on first use and kept in <paramref name="cache"/>.</summary>
    /// <exception cref="FormatException"><paramref name="yaml"/> is not a Function manifest written by HevLayer.Generators.</exception>
    public static FunctionManifest Function(ref FunctionManifest? cache, string yaml, string sourceType, string fileName)
    {
        if (Volatile.Read(ref cache) is { } existing)
        {
            return existing;
        }

        var root = Parse(yaml);
        var spec = Spec(root, "Function");
        var schedule = MapAt(spec, "schedule", required: false) is { } s
            ? new ScheduleSpec(IntAt(s, "discoveryIntervalSeconds"), IntAt(s, "leaseSeconds"), IntAt(s, "maxInFlightBatches"), IntAt(s, "maxConcurrentScans"))
            : null;
        var manifest = new FunctionManifest(
            Metadata(root),
            new FunctionSpec(
                BoolAt(spec, "paused"),
                ListAt(spec, "targetNamespaces"),
                ListAt(spec, "triggers"),
                ListAt(spec, "inputs"),
                StringAt(spec, "version", required: false),
                ListAt(spec, "filter"),
                Worker(spec),
                schedule,
                Retry(spec),
                Scaling(spec)),
            sourceType,
            fileName,
            yaml);
        return Interlocked.CompareExchange(ref cache, manifest, null) ?? manifest;
    }

    private static ManifestYaml.Map Spec(ManifestYaml.Map root, string kind)
    {
        if (StringAt(root, "apiVersion") != WorkloadManifest.LayerApiVersion || StringAt(root, "kind") != kind)
        {
            throw new FormatException("Not a " + kind + " manifest of " + WorkloadManifest.LayerApiVersion + ".");
        }

        return MapAt(root, "spec")!;
    }

    private static ManifestMetadata Metadata(ManifestYaml.Map root)
    {
        var metadata = MapAt(root, "metadata")!;
        return new ManifestMetadata(
            StringAt(metadata, "name")!,
            StringAt(metadata, "namespace")!,
            StringMapAt(metadata, "labels"),
            StringMapAt(metadata, "annotations"));
    }

    private static WorkerSpec Worker(ManifestYaml.Map spec)
    {
        var worker = MapAt(spec, "worker")!;
        return new WorkerSpec(StringAt(worker, "image")!, IntAt(worker, "batchSize"), IntAt(worker, "timeoutSeconds"));
    }

    private static RetrySpec? Retry(ManifestYaml.Map spec) =>
        MapAt(spec, "retry", required: false) is { } r
            ? new RetrySpec(IntAt(r, "maxAttempts"), IntAt(r, "initialBackoffSeconds"), IntAt(r, "maxBackoffSeconds"))
            : null;

    private static ScalingSpec Scaling(ManifestYaml.Map spec)
    {
        var scaling = MapAt(spec, "scaling")!;
        var replicas = MapAt(scaling, "replicas")!;
        var mode = StringAt(scaling, "mode") switch
        {
            "autoscale" => ScalingMode.Autoscale,
            "fixed" => ScalingMode.Fixed,
            "disabled" => ScalingMode.Disabled,
            var other => throw new FormatException("Unknown scaling mode '" + other + "'."),
        };
        return new ScalingSpec(
            StringAt(scaling, "pool")!,
            mode,
            IntAt(replicas, "min") ?? throw new FormatException("'replicas.min' is missing."),
            IntAt(replicas, "max") ?? throw new FormatException("'replicas.max' is missing."));
    }
}

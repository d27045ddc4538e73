using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using HevLayer.Manifests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// A synthetic consumer: N attributed workloads, one per file as real projects keep them, mixing
/// Pipelines and Functions, all three modes and six pools, against a realistic InfraRules.
/// Deterministic: the same N gives the same sources.
/// </summary>
public static class Synthetic
{
    public static readonly string[] Pools = { "cpu", "cpu-large", "memory", "gpu", "gpu-large", "spot" };

    public const string InfraRules = """
        apiVersion: hevlayer.com/v1alpha1
        kind: InfraRules
        metadata:
          name: default
        spec:
          computePools:
            - name: cpu
              kind: cpu
              maxReplicasPerWorkload: 20
              nodeSelector:
                karpenter.sh/nodepool: cpu
              tolerations: []
              resources:
                requests:
                  cpu: "500m"
                  memory: 512Mi
                limits:
                  memory: 1Gi
            - name: cpu-large
              kind: cpu
              maxReplicasPerWorkload: 40
              resources:
                requests:
                  cpu: "2"
                  memory: 4Gi
                limits:
                  memory: 8Gi
            - name: memory
              kind: cpu
              maxReplicasPerWorkload: 10
              resources:
                requests:
                  memory: 16Gi
                limits:
                  memory: 32Gi
            - name: gpu
              kind: gpu
              gpuType: nvidia-l4
              maxReplicasPerWorkload: 4
              tolerations:
                - key: nvidia.com/gpu
                  operator: Exists
                  effect: NoSchedule
            - name: gpu-large
              kind: gpu
              gpuType: nvidia-a100
              maxReplicasPerWorkload: 2
            - name: spot
              kind: cpu
              maxReplicasPerWorkload: 50
              nodeSelector:
                karpenter.sh/capacity-type: spot
          documentCache:
            capGiB: 256
            replicationFactor: 2
            scaling:
              mode: autoscale
              nodes:
                min: 2
                max: 4
        """;

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(WorkloadManifest).Assembly.Location))
            .ToImmutableArray());

    /// <summary>The source of workload <paramref name="i"/>, with its MaxReplicas (or MinReplicas in fixed mode) set to <paramref name="replicas"/>.</summary>
    public static string Workload(int i, int? replicas = null)
    {
        var pool = Pools[i % Pools.Length];
        var ceiling = pool switch { "cpu" => 20, "cpu-large" => 40, "memory" => 10, "gpu" => 4, "gpu-large" => 2, _ => 50 };
        var mode = (i / Pools.Length) % 3;
        var n = (replicas ?? (1 + (i % ceiling))).ToString(CultureInfo.InvariantCulture);
        var scaling = mode switch
        {
            0 => $"[Scaling(Pool = \"{pool}\", MinReplicas = 0, MaxReplicas = {n})]",
            1 => $"[Scaling(Pool = \"{pool}\", Mode = ScalingMode.Fixed, MinReplicas = {n})]",
            _ => $"[Scaling(Pool = \"{pool}\", Mode = ScalingMode.Disabled)]",
        };
        var index = i.ToString("D5", CultureInfo.InvariantCulture);
        var workload = i % 2 == 0
            ? $"[Pipeline(\"ingest-{index}\", Namespace = \"team-{i % 7}\")]\n[Retry(MaxAttempts = 5, InitialBackoffSeconds = 1, MaxBackoffSeconds = 60)]"
            : $"[Function(\"enrich-{index}\", Triggers = FunctionTriggers.Discovery | FunctionTriggers.Write, TargetNamespaces = new[] {{ \"products\" }}, Inputs = new[] {{ \"id\", \"title\" }}, Version = \"v1\")]";
        return $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using HevLayer;

            namespace Acme.Workers.Generated{{i % 10}};

            /// <summary>Synthetic worker {{index}}.</summary>
            {{workload}}
            {{scaling}}
            [Worker(BatchSize = 64, TimeoutSeconds = 120)]
            [Label("team", "team-{{i % 7}}")]
            public sealed partial class Worker{{index}}
            {
                public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
    }

    /// <summary>A compilation of <paramref name="count"/> workloads, one file each, plus the assembly defaults.</summary>
    public static CSharpCompilation Compilation(int count)
    {
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText("[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/workers:1.0.0\")]", ParseOptions, "AssemblyInfo.cs"),
        };
        for (var i = 0; i < count; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Workload(i), ParseOptions, "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs"));
        }

        return CSharpCompilation.Create(
            "Synthetic" + count.ToString(CultureInfo.InvariantCulture),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>
    /// <paramref name="compilation"/> with the generator's output added, as the compiler and the editor
    /// analyze it; refuses a generator that produced nothing or threw.
    /// </summary>
    public static Compilation WithGeneratedSources(CSharpCompilation compilation)
    {
        var driver = Driver(new HevLayer.Generators.WorkloadGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        EnsureRan(driver.GetRunResult().Results[0], compilation.SyntaxTrees.Count() - 1);
        return output;
    }

    /// <summary>
    /// Refuses to measure a generator that failed to load or threw (the driver would skip it and the
    /// figures would be a do-nothing run's): its registry must list all <paramref name="count"/> workloads.
    /// </summary>
    public static void EnsureRan(GeneratorRunResult result, int count)
    {
        var registry = result.GeneratedSources.FirstOrDefault(s => s.HintName == "HevLayer.Generated.HevLayerWorkloads.g.cs");
        var listed = registry.SourceText is null ? 0 : registry.SourceText.ToString().Split(".Manifest,").Length - 1;
        if (result.Exception is not null || listed != count)
        {
            throw new InvalidOperationException($"The generator did not run: {result.GeneratedSources.Length} sources, {listed} of {count} workloads in the registry, {result.Exception}");
        }
    }

    /// <summary>An autoscale workload near the middle: editing its MaxReplicas changes its manifest.</summary>
    public static int EditedIndex(int count) => (count / 2) - ((count / 2) % 18);

    /// <summary><paramref name="compilation"/> with workload <paramref name="i"/>'s replica count changed.</summary>
    public static TCompilation EditOne<TCompilation>(TCompilation compilation, int i)
        where TCompilation : Compilation
    {
        var path = "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return (TCompilation)compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(Workload(i, replicas: 1))));
    }

    public static GeneratorDriver Driver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: ParseOptions);

    public static AnalyzerOptions AnalyzerOptions() =>
        new(ImmutableArray.Create<AdditionalText>(new InMemoryText("/synthetic/infrarules.yaml", InfraRules)));

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryText(string path, string content)
        {
            Path = path;
            text = SourceText.From(content, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}

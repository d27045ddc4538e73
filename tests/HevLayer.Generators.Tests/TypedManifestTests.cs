using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Manifests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The generated code run for real: the sample and the declaration shapes are compiled with the
/// generator's output, loaded, and every class's <c>Manifest</c> property and the registry are read
/// back and compared with the YAML the build writes (read with YamlDotNet).
/// </summary>
public sealed class TypedManifestTests
{
    public static TheoryData<string> Projects => new() { "sample", "shapes" };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_Manifest_property_matches_the_YAML_the_build_writes(string project)
    {
        var output = Output(project);
        var yamlByFile = Emitted.ManifestsByFile(output);
        var assembly = Load(output);
        var seen = new List<string>();

        foreach (var type in assembly.GetTypes())
        {
            var property = type.GetProperty("Manifest", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
            if (property is null)
            {
                continue;
            }

            var manifest = (WorkloadManifest)property.GetValue(null)!;
            Assert.Same(manifest, property.GetValue(null));
            Assert.Equal(type.FullName!.Replace('+', '.'), manifest.SourceType);
            AssertAgrees(manifest, Root(yamlByFile[manifest.FileName]));
            seen.Add(manifest.FileName);
        }

        Assert.Equal(yamlByFile.Keys.OrderBy(k => k, StringComparer.Ordinal), seen.OrderBy(k => k, StringComparer.Ordinal));

        var all = (IReadOnlyList<WorkloadManifest>)assembly.GetType("HevLayer.Generated.HevLayerWorkloads")!
            .GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(seen.Count, all.Count);
        Assert.Equal(all.Select(m => m.SourceType).OrderBy(n => n, StringComparer.Ordinal), all.Select(m => m.SourceType));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_generated_code_compiles_without_a_single_warning(string project)
    {
        var warnings = Output(project).GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    private static Compilation Output(string project) => project == "sample"
        ? GeneratorHarness.Run(GeneratorHarness.Compile(Cases.SampleWorkers()).WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication))).Output
        : GeneratorHarness.Run(GeneratorHarness.Compile(Cases.Shapes), Cases.ShapesBuildProperties).Output;

    private static Assembly Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;

        // HevLayer.Abstractions resolves to the test's own copy, so the manifest types are the same types.
        return new AssemblyLoadContext("typed-manifests-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static void AssertAgrees(WorkloadManifest manifest, YamlMappingNode root)
    {
        Assert.Equal(Scalar(root, "apiVersion"), manifest.ApiVersion);
        Assert.Equal(Scalar(root, "kind"), manifest.Kind);
        var metadata = Map(root, "metadata")!;
        Assert.Equal(Scalar(metadata, "name"), manifest.Metadata.Name);
        Assert.Equal(Scalar(metadata, "namespace"), manifest.Metadata.Namespace);
        Assert.Equal(Pairs(Map(metadata, "labels")), manifest.Metadata.Labels.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(Pairs(Map(metadata, "annotations")), manifest.Metadata.Annotations.OrderBy(p => p.Key, StringComparer.Ordinal));

        var spec = Map(root, "spec")!;
        var scaling = Map(spec, "scaling")!;
        Assert.Equal(Scalar(scaling, "pool"), manifest.Scaling.Pool);
        Assert.Equal(Scalar(scaling, "mode"), manifest.Scaling.Mode.ToString().ToLowerInvariant());
        Assert.Equal(Scalar(Map(scaling, "replicas")!, "min"), Int(manifest.Scaling.MinReplicas));
        Assert.Equal(Scalar(Map(scaling, "replicas")!, "max"), Int(manifest.Scaling.MaxReplicas));

        var (paused, worker, retry) = manifest switch
        {
            PipelineManifest p => (p.Spec.Paused, p.Spec.Worker, p.Spec.Retry),
            FunctionManifest f => (f.Spec.Paused, f.Spec.Worker, f.Spec.Retry),
            _ => throw new InvalidOperationException(manifest.GetType().Name),
        };
        Assert.Equal(Scalar(spec, "paused"), paused ? "true" : "false");
        var w = Map(spec, "worker")!;
        Assert.Equal(Scalar(w, "image"), worker.Image);
        Assert.Equal(Scalar(w, "batchSize"), Int(worker.BatchSize));
        Assert.Equal(Scalar(w, "timeoutSeconds"), Int(worker.TimeoutSeconds));
        var r = Map(spec, "retry");
        Assert.Equal(r is null, retry is null);
        if (r is not null)
        {
            Assert.Equal(Scalar(r, "maxAttempts"), Int(retry!.MaxAttempts));
            Assert.Equal(Scalar(r, "initialBackoffSeconds"), Int(retry.InitialBackoffSeconds));
            Assert.Equal(Scalar(r, "maxBackoffSeconds"), Int(retry.MaxBackoffSeconds));
        }

        if (manifest is FunctionManifest function)
        {
            Assert.Equal(Items(spec, "targetNamespaces"), function.Spec.TargetNamespaces);
            Assert.Equal(Items(spec, "triggers"), function.Spec.Triggers);
            Assert.Equal(Items(spec, "inputs"), function.Spec.Inputs);
            Assert.Equal(Items(spec, "filter"), function.Spec.Filter);
            Assert.Equal(Scalar(spec, "version"), function.Spec.Version);
            var s = Map(spec, "schedule");
            Assert.Equal(s is null, function.Spec.Schedule is null);
            if (s is not null)
            {
                Assert.Equal(Scalar(s, "leaseSeconds"), Int(function.Spec.Schedule!.LeaseSeconds));
                Assert.Equal(Scalar(s, "discoveryIntervalSeconds"), Int(function.Spec.Schedule.DiscoveryIntervalSeconds));
                Assert.Equal(Scalar(s, "maxInFlightBatches"), Int(function.Spec.Schedule.MaxInFlightBatches));
                Assert.Equal(Scalar(s, "maxConcurrentScans"), Int(function.Spec.Schedule.MaxConcurrentScans));
            }
        }
    }

    private static YamlMappingNode? Map(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (YamlMappingNode)node : null;

    private static string? Scalar(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    private static IEnumerable<string> Items(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value!)
            : Enumerable.Empty<string>();

    private static IEnumerable<KeyValuePair<string, string>> Pairs(YamlMappingNode? map) =>
        map is null
            ? Enumerable.Empty<KeyValuePair<string, string>>()
            : map.Children.Select(p => new KeyValuePair<string, string>(((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!))
                .OrderBy(p => p.Key, StringComparer.Ordinal);

    private static string? Int(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

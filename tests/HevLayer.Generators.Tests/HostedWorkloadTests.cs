using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The generator's side of several projects (README, "Several projects"): a library that does not host
/// (<c>HevLayerHostsWorkloads=false</c>) packs a workload with no image anywhere with an empty image, for
/// the host to fill; an application reads its references' facts and compiles them in with its own defaults; the
/// reading is done when the references change, not on an edit.
/// </summary>
public sealed class HostedWorkloadTests
{
    private const string Library = """
        using HevLayer;
        namespace Lib;
        [Pipeline("left")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public sealed partial class Left { }

        [Pipeline("own", Namespace = "search")]
        [Worker(Image = "ghcr.io/acme/own:3")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public sealed partial class Own { }
        """;

    private static readonly Dictionary<string, string> LibraryProperties = new() { ["HevLayerHostsWorkloads"] = "false" };

    [Fact]
    public void A_library_packs_a_workload_with_no_image_anywhere_with_an_empty_image_and_an_application_does_not()
    {
        var (library, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library), LibraryProperties);
        var facts = Facts(GeneratorHarness.GeneratedSources(library));
        Assert.Equal(string.Empty, facts["left"].Text(FactSlot.Image));
        Assert.Equal("default", facts["left"].Namespace);
        Assert.Equal(WorkloadFacts.DefaultedNamespace | WorkloadFacts.DefaultedImage, facts["left"].Number(FactSlot.Defaulted));
        Assert.Equal("ghcr.io/acme/own:3", facts["own"].Text(FactSlot.Image));
        Assert.Equal(0, facts["own"].Number(FactSlot.Defaulted));

        // With the library's own image default, the image is the library's, still marked as defaulted for the host.
        var withImage = new Dictionary<string, string>(LibraryProperties) { ["HevLayerImage"] = "ghcr.io/acme/lib:1" };
        var (defaulted, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library), withImage);
        var left = Facts(GeneratorHarness.GeneratedSources(defaulted))["left"];
        Assert.Equal("ghcr.io/acme/lib:1", left.Text(FactSlot.Image));
        Assert.Equal(WorkloadFacts.DefaultedNamespace | WorkloadFacts.DefaultedImage, left.Number(FactSlot.Defaulted));

        // A project that hosts (no property: one project, as before) emits nothing without an image (HEVL110 says why).
        var (single, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library));
        Assert.Equal(new[] { "own" }, Facts(GeneratorHarness.GeneratedSources(single)).Keys);
    }

    [Fact]
    public void An_application_compiles_in_its_references_workloads_with_its_own_defaults_and_lists_them()
    {
        var library = LibraryReference(Library, "Lib");
        var app = GeneratorHarness.Compile("namespace App { public static class Nothing { } }").AddReferences(library);
        var properties = new Dictionary<string, string> { ["HevLayerImage"] = "ghcr.io/acme/app:2", ["HevLayerNamespace"] = "prod" };

        var (result, output) = GeneratorHarness.Run(app, properties);

        var sources = GeneratorHarness.GeneratedSources(result);
        var holder = sources["HevLayer.Generated.HevLayerHostedWorkloads.g.cs"];
        Assert.Contains("SourceType = \"Lib.Left\"", holder, StringComparison.Ordinal);
        Assert.Contains("SourceType = \"Lib.Own\"", holder, StringComparison.Ordinal);
        var hosted = Facts(sources);
        Assert.Equal(("ghcr.io/acme/app:2", "prod"), (hosted["left"].Text(FactSlot.Image), hosted["left"].Namespace));
        Assert.Equal(("ghcr.io/acme/own:3", "search"), (hosted["own"].Text(FactSlot.Image), hosted["own"].Namespace));

        // The registry names both, and the typed manifests at run time carry the application's view.
        var registry = sources["HevLayer.Generated.HevLayerWorkloads.g.cs"];
        Assert.Equal(2, registry.Split('\n').Count(l => l.Contains("HevLayerHostedWorkloads.Workload", StringComparison.Ordinal)));
        var loaded = Load(output);
        var all = (System.Collections.IEnumerable)loaded.GetType("HevLayer.Generated.HevLayerWorkloads")!.GetProperty("All")!.GetValue(null)!;
        var manifests = all.Cast<HevLayer.Manifests.PipelineManifest>().ToList();
        Assert.Equal(new[] { "Lib.Left", "Lib.Own" }, manifests.Select(m => m.SourceType));
        Assert.Equal(new[] { "ghcr.io/acme/app:2", "ghcr.io/acme/own:3" }, manifests.Select(m => m.Spec.Worker.Image));
        Assert.Equal(new[] { "prod", "search" }, manifests.Select(m => m.Metadata.Namespace));
    }

    [Fact]
    public void A_library_hosts_nothing_from_its_references()
    {
        var lib = GeneratorHarness.Compile("namespace Other { public static class Nothing { } }").AddReferences(LibraryReference(Library, "Lib"));
        var (result, _) = GeneratorHarness.Run(lib, LibraryProperties);
        Assert.DoesNotContain("HevLayer.Generated.HevLayerHostedWorkloads.g.cs", GeneratorHarness.GeneratedSources(result).Keys);
    }

    [Fact]
    public void An_edit_does_not_read_the_references_again()
    {
        var app = GeneratorHarness.Compile(Cases.SampleWorkers()).AddReferences(LibraryReference(Library, "Lib"));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(app);
        var tree = app.SyntaxTrees.First();
        var edited = app.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.GetText() + "\n// edit\n")));

        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.ReferencedWorkloads, TrackingNames.Hosted })
        {
            var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }

    /// <summary>The facts of each workload in the generated sources, by workload name.</summary>
    private static Dictionary<string, WorkloadFacts> Facts(Dictionary<string, string> sources)
    {
        var result = new Dictionary<string, WorkloadFacts>(StringComparer.Ordinal);
        foreach (var line in sources.Values.SelectMany(s => s.Split('\n')).Where(l => l.Contains("GeneratedWorkload(\"", StringComparison.Ordinal)))
        {
            var start = line.IndexOf("(\"", StringComparison.Ordinal) + 2;
            var packed = line.Substring(start, line.IndexOf('"', start) - start);
            var facts = WorkloadFacts.Unpack(packed);
            result[facts.Name] = facts;
        }

        return result;
    }

    /// <summary>A library compiled with the generator (not hosting), as a metadata reference.</summary>
    private static MetadataReference LibraryReference(string source, string name)
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(source).WithAssemblyName(name), LibraryProperties);
        return MetadataReference.CreateFromImage(Emit(output));
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>Loads the application into a collectible context: the hosted workloads are its own holder classes, so the library is not needed at run time.</summary>
    private static System.Reflection.Assembly Load(Compilation app) =>
        new System.Runtime.Loader.AssemblyLoadContext("hosted-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(new MemoryStream(Emit(app)));
}

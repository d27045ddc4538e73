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
/// (<c>HevLayerHostsWorkloads=false</c>) packs facts in format 3, leaving what its workloads did not set to
/// the host; an application reads its references' facts and compiles them in with its own defaults; the
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
    public void Format_3_is_format_2_with_the_flags_after_the_version_and_format_2_is_unchanged()
    {
        // The README's example facts (format 2), and the same with the image left to the host (format 3: "3;1;").
        const string format2 = "2;0;6:ingest6:search0;0;0;9:img:1.0.0~~0;0;~3:cpu0;0;3;~~~0;0;0;0;~0;~~~~";
        var facts = WorkloadFacts.Unpack(format2);
        Assert.Equal(HostDefaults.None, facts.LeftToHost);
        Assert.Equal(format2, facts.Pack());

        facts.LeftToHost = HostDefaults.Image;
        Assert.Equal("3;1;" + format2.Substring(2), facts.Pack());
        Assert.Equal(HostDefaults.Image, WorkloadFacts.Unpack(facts.Pack()).LeftToHost);
        Assert.Equal(facts.Pack(), WorkloadFacts.Unpack(facts.Pack()).Pack());
    }

    [Theory]
    [InlineData("3;0;")]
    [InlineData("3;4;")]
    [InlineData("3;-1;")]
    [InlineData("4;1;")]
    public void Format_3_with_no_flag_or_an_unknown_one_is_malformed(string header)
    {
        const string body = "0;6:ingest6:search0;0;0;9:img:1.0.0~~0;0;~3:cpu0;0;3;~~~0;0;0;0;~0;~~~~";
        Assert.Throws<FormatException>(() => WorkloadFacts.Unpack(header + body));
    }

    [Fact]
    public void A_library_leaves_what_it_did_not_set_to_its_host_and_an_application_writes_format_2_as_before()
    {
        var (library, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library), LibraryProperties);
        var facts = Facts(GeneratorHarness.GeneratedSources(library));
        Assert.StartsWith("3;3;0;4:left7:default0;0;0;0:~~", facts["left"], StringComparison.Ordinal);
        Assert.StartsWith("2;0;3:own6:search0;0;0;18:ghcr.io/acme/own:3", facts["own"], StringComparison.Ordinal);

        // With the library's own image default, the image travels as the library's default, still left to the host.
        var withImage = new Dictionary<string, string>(LibraryProperties) { ["HevLayerImage"] = "ghcr.io/acme/lib:1" };
        var (defaulted, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library), withImage);
        Assert.StartsWith("3;3;0;4:left7:default0;0;0;18:ghcr.io/acme/lib:1", Facts(GeneratorHarness.GeneratedSources(defaulted))["left"], StringComparison.Ordinal);

        // Not a library (no property: one project, as before): format 2, fully resolved.
        var (single, _) = GeneratorHarness.Run(GeneratorHarness.Compile(Library), new Dictionary<string, string> { ["HevLayerImage"] = "ghcr.io/acme/lib:1" });
        Assert.StartsWith("2;0;4:left7:default0;0;0;18:ghcr.io/acme/lib:1", Facts(GeneratorHarness.GeneratedSources(single))["left"], StringComparison.Ordinal);
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
        Assert.Contains("GeneratedWorkload(\"2;0;4:left4:prod0;0;0;18:ghcr.io/acme/app:2", holder, StringComparison.Ordinal);
        Assert.Contains("SourceType = \"Lib.Left\"", holder, StringComparison.Ordinal);
        Assert.Contains("GeneratedWorkload(\"2;0;3:own6:search0;0;0;18:ghcr.io/acme/own:3", holder, StringComparison.Ordinal);

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

    /// <summary>The packed facts of each workload in the generated sources, by workload name.</summary>
    private static Dictionary<string, string> Facts(Dictionary<string, string> sources)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in sources.Values.SelectMany(s => s.Split('\n')).Where(l => l.Contains("GeneratedWorkload(\"", StringComparison.Ordinal)))
        {
            var start = line.IndexOf("(\"", StringComparison.Ordinal) + 2;
            var packed = line.Substring(start, line.IndexOf("\")", start, StringComparison.Ordinal) - start);
            result[WorkloadFacts.Unpack(packed).Name] = packed;
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

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using HevLayer.Generators.Model;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>The generator's pipeline caches: edits re-run only what they must.</summary>
public sealed class IncrementalityTests
{
    private static readonly string[] AllSteps =
    {
        TrackingNames.Pipelines, TrackingNames.Functions, TrackingNames.BuildProperties, TrackingNames.AssemblyDefaults,
        TrackingNames.Defaults, TrackingNames.Resolved, TrackingNames.Shards, TrackingNames.EmittedNames, TrackingNames.RegistryEntries,
    };

    [Fact]
    public void The_same_compilation_twice_is_all_cached()
    {
        var compilation = SampleCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation).RunGenerators(compilation);

        var result = driver.GetRunResult().Results.Single();
        AssertEveryStep(result, AllSteps, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = SampleCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Helper { }", GeneratorHarness.ParseOptions, "Helper.cs"));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var helper = compilation.SyntaxTrees.Single(t => t.FilePath == "Helper.cs");
        var edited = compilation.ReplaceSyntaxTree(helper, helper.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("namespace Other; public class Helper { public int Answer => 42; }")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryStep(result, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void A_whitespace_edit_inside_a_workload_file_changes_no_output()
    {
        var compilation = SampleCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "IngestDocs.cs");
        var text = tree.GetText().ToString().Replace("public Task HandleAsync", "\n    public Task HandleAsync", StringComparison.Ordinal);
        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))))
            .GetRunResult().Results.Single();

        AssertEveryStep(result, AllSteps, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_workloads_MaxReplicas_regenerates_only_that_workload()
    {
        var compilation = SampleCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratorHarness.GeneratedSources(driver.GetRunResult());

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "IngestDocs.cs");
        var text = tree.GetText().ToString().Replace("MaxReplicas = 4", "MaxReplicas = 5", StringComparison.Ordinal);
        Assert.Contains("MaxReplicas = 5", text, StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();
        var after = GeneratorHarness.GeneratedSources(driver.GetRunResult());

        var resolved = result.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, resolved.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(resolved.Where(r => r != IncrementalStepRunReason.Modified), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        AssertEveryStep(result, new[] { TrackingNames.Defaults, TrackingNames.EmittedNames }, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);

        // The set of emitted names did not change, so the registry was not even recomputed.
        AssertEveryStep(result, new[] { TrackingNames.RegistryEntries }, IncrementalStepRunReason.Cached);

        // Exactly one generated file is re-rendered: the shard that holds IngestDocs's code.
        var shards = result.TrackedSteps[TrackingNames.Shards].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(Emit.SourceShards.Count, shards.Count);
        var modified = Assert.Single(shards, o => o.Reason == IncrementalStepRunReason.Modified);
        var shard = (WorkloadShard)modified.Value;
        Assert.Contains(shard.Workloads, w => w.Type.Name == "IngestDocs");

        var changed = before.Keys.Where(k => before[k] != after[k]).ToList();
        var file = Emit.SourceShards.HintName(shard.Index);
        Assert.Equal(new[] { file }, changed);
        Assert.Contains("3:cpu0;0;5;", after[file], StringComparison.Ordinal);

        // And the build renders the edited value from those facts.
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(edited.WithOptions(edited.Options.WithOutputKind(OutputKind.ConsoleApplication)), out var output, out _);
        Assert.Contains("replicas:\n      min: 0\n      max: 5\n", Emitted.ManifestsByFile(output)["pipeline.search.ingest-docs.yaml"], StringComparison.Ordinal);
        Assert.Equal(before.Keys.OrderBy(k => k, StringComparer.Ordinal), after.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Adding_a_workload_changes_only_its_shard_and_the_registry()
    {
        var compilation = SampleCompilation();
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = GeneratorHarness.GeneratedSources(driver.GetRunResult());

        var added = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            """
            using HevLayer;
            namespace Acme.Workers;
            [Pipeline("late-arrival")]
            [Scaling(Pool = "cpu", MinReplicas = 1, MaxReplicas = 2)]
            public sealed partial class LateArrival { }
            """,
            GeneratorHarness.ParseOptions,
            "LateArrival.cs"));
        var after = GeneratorHarness.GeneratedSources(driver.RunGenerators(added).GetRunResult());

        var file = Emit.SourceShards.HintName(Emit.SourceShards.Of("global::Acme.Workers.LateArrival"));
        Assert.Contains("partial class LateArrival", after[file], StringComparison.Ordinal);
        var changed = after.Keys.Where(k => !before.TryGetValue(k, out var old) || old != after[k]).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { file, "HevLayer.Generated.HevLayerWorkloads.g.cs" }.OrderBy(k => k, StringComparer.Ordinal), changed);
    }

    [Fact]
    public void Changing_an_msbuild_default_reruns_resolution_but_not_parsing()
    {
        var compilation = SampleCompilation();
        var driver = GeneratorHarness.CreateDriver(new Dictionary<string, string> { ["HevLayerImage"] = "a:1" }).RunGenerators(compilation);
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.CreateOptions(new Dictionary<string, string> { ["HevLayerImage"] = "a:2" }));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertEveryStep(result, new[] { TrackingNames.Pipelines, TrackingNames.Functions }, IncrementalStepRunReason.Cached);
        Assert.Contains(result.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void No_pipeline_model_holds_a_symbol_syntax_node_compilation_or_location()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };

        // Statically: no property type anywhere in the model graph can hold one.
        foreach (var type in ReachableTypes(typeof(WorkloadDeclaration)).Concat(ReachableTypes(typeof(ResolvedWorkload))))
        {
            Assert.DoesNotContain(forbidden, f => f.IsAssignableFrom(type) || type.IsAssignableFrom(f) && type != typeof(object));
        }

        // Dynamically: walk the values the steps really produced.
        var result = GeneratorHarness.CreateDriver().RunGenerators(SampleCompilation()).GetRunResult().Results.Single();
        var values = AllSteps.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            Walk(value, forbidden, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void Walk(object? value, Type[] forbidden, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(forbidden.Any(f => f.IsInstanceOfType(value)), $"A pipeline model holds a {value.GetType()}.");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                Walk(item, forbidden, seen);
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Walk(property.GetValue(value), forbidden, seen);
        }
    }

    private static IEnumerable<Type> ReachableTypes(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(new[] { root });
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            if (!seen.Add(type) || type == typeof(string) || type.IsPrimitive || type.IsEnum)
            {
                continue;
            }

            yield return type;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                queue.Enqueue(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes)
            {
                queue.Enqueue(argument);
            }
        }
    }

    private static void AssertEveryStep(GeneratorRunResult result, IEnumerable<string> steps, params IncrementalStepRunReason[] allowed)
    {
        foreach (var step in steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"Step {step} was not tracked.");
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(allowed.Contains(o.Reason), $"Step {step} output was {o.Reason}."));
        }
    }

    private static Compilation SampleCompilation() =>
        GeneratorHarness.Compile(Cases.SampleWorkers()).WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication));
}

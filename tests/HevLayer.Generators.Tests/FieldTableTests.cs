using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Manifests;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using Xunit;
using PolicyMode = HevLayer.Policy.Model.ScalingMode;
using PolicyTriggers = HevLayer.Policy.Model.FunctionTriggers;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The table of workload fields (<see cref="WorkloadFields"/>) is the one place a field is declared: every
/// attribute property users can write has its row, every facts slot its row, and a workload with every row
/// set comes back whole through each reader and writer the table does not drive itself: the packed facts,
/// the YAML writer and reader, import's C# writer (through the generator) and the typed runtime mapping.
/// A consumer that forgets a field fails here, whichever field it is.
/// </summary>
public sealed class FieldTableTests
{
    private static readonly Assembly Abstractions = typeof(HevLayer.PipelineAttribute).Assembly;

    [Fact]
    public void Every_attribute_property_users_can_write_has_its_row()
    {
        var missing = new List<string>();
        var attributes = Abstractions.GetExportedTypes()
            .Where(t => t.Namespace == "HevLayer" && typeof(Attribute).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.Contains(attributes, t => t.Name == "TolerationAttribute");
        foreach (var type in attributes)
        {
            var name = type.Name.Substring(0, type.Name.Length - "Attribute".Length);
            var arguments = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(Attribute)).Select(p => p.Name)
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => char.ToUpperInvariant(p.Name![0]) + p.Name.Substring(1)))
                .Distinct(StringComparer.Ordinal);
            foreach (var argument in arguments)
            {
                var found = name switch
                {
                    // Not a field: which environment the attribute's arguments apply in (issue 25); FieldTableTests' environment cases hold it.
                    _ when argument == "Environment" => WorkloadFields.ForArgument(name, null) is not null || WorkloadFields.All.Any(f => f.Target is { Kind: TargetKind.Attribute } t && t.Attribute == name),
                    "HevLayerDefaults" => WorkloadFields.All.Any(f => f.Default?.Contains("HevLayerDefaults(" + argument + ")", StringComparison.Ordinal) == true),
                    "Pipeline" or "Function" when argument == "Name" => WorkloadFields.All.Any(f => f.Target is { Kind: TargetKind.Name }),
                    "Pipeline" or "Function" => WorkloadFields.ForArgument(null, argument) is not null,
                    _ => WorkloadFields.ForArgument(name, argument) is not null
                        || (argument is "Key" or "Value" && WorkloadFields.ForArgument(name, null) is { Shape: FieldShape.TextMap }),
                };
                if (!found)
                {
                    missing.Add($"[{name}({argument})]");
                }
            }
        }

        Assert.True(missing.Count == 0, "Attribute arguments with no row in WorkloadFields: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_facts_slot_is_one_row_and_every_value_row_has_a_slot()
    {
        foreach (FactSlot slot in Enum.GetValues(typeof(FactSlot)))
        {
            if (slot == FactSlot.Defaulted)
            {
                // Not a field: which values came from the project's defaults, for environments.
                Assert.DoesNotContain(WorkloadFields.All, f => f.Slot == slot);
                continue;
            }

            Assert.Single(WorkloadFields.All, f => f.Slot == slot);
        }

        foreach (var field in WorkloadFields.All.Where(f => f.Get is not null))
        {
            Assert.True(field.Slot is not null, field.Path + " has a value but no facts slot, so the build would never write it.");
        }

        Assert.Equal(Enum.GetValues(typeof(FactSlot)).Length, WorkloadFacts.SlotCount);
    }

    [Theory]
    [InlineData(WorkloadKind.Pipeline)]
    [InlineData(WorkloadKind.Function)]
    public void A_workload_with_every_row_set_comes_back_through_the_facts(WorkloadKind kind)
    {
        var model = EveryRow(kind);
        var back = WorkloadFacts.Unpack(WorkloadFacts.From(model).Pack()).ToModel();
        AssertSameRows(model, back, kind);
    }

    [Theory]
    [InlineData(WorkloadKind.Pipeline)]
    [InlineData(WorkloadKind.Function)]
    public void A_workload_with_every_row_set_is_written_and_read_back_with_every_field_in_place(WorkloadKind kind)
    {
        var model = EveryRow(kind);
        var yaml = ManifestWriter.Write(model);
        var stream = WorkloadManifestReader.Read("every.yaml", yaml);
        Assert.Empty(stream.Findings);
        var document = Assert.Single(stream.Workloads);
        Assert.Empty(document.Findings);
        Assert.Empty(document.Opaque);
        AssertSameRows(model, document.Declared, kind);

        // Every field the kind has is in the manifest, at its path (the fields of list items in one of the items).
        foreach (var field in WorkloadFields.All.Where(f => f.AppliesTo(kind)))
        {
            var list = WorkloadFields.All.FirstOrDefault(l => l.Shape == FieldShape.MappingList && field.Path.StartsWith(l.Path + ".", StringComparison.Ordinal));
            var paths = list is null ? new[] { field.Path } : Enumerable.Range(0, 3).Select(i => list.Path + "[" + i + "]." + field.Key).ToArray();
            Assert.True(paths.Any(document.Places.ContainsKey), $"{field.Path} is not in the written manifest:\n{yaml}");
        }
    }

    [Theory]
    [InlineData(WorkloadKind.Pipeline)]
    [InlineData(WorkloadKind.Function)]
    public void A_workload_with_every_row_set_is_imported_as_attributes_that_build_back_to_it(WorkloadKind kind)
    {
        var model = EveryRow(kind);
        var source = WorkloadSource.Write(model with { SourceType = "Workers.EveryField" }, "EveryField", "Workers", "every.yaml");
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(("EveryField.cs", source)));
        var errors = output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + source);
        var manifest = Assert.Single(Emitted.Manifests(output));
        Assert.Equal(ManifestWriter.Write(model with { SourceType = "Workers.EveryField" }), manifest.Yaml);
    }

    [Theory]
    [InlineData(WorkloadKind.Pipeline)]
    [InlineData(WorkloadKind.Function)]
    public void A_workload_with_every_row_set_reaches_the_typed_manifest_at_each_path(WorkloadKind kind)
    {
        var model = EveryRow(kind);
        var facts = WorkloadFacts.From(model);
        WorkloadManifest typed = kind == WorkloadKind.Function
            ? Generated.Function(new GeneratedWorkloadAttribute(facts.Pack()), model.SourceType)
            : Generated.Pipeline(new GeneratedWorkloadAttribute(facts.Pack()), model.SourceType);
        foreach (var field in WorkloadFields.All.Where(f => f.AppliesTo(kind) && f.Slot is not null && f.Get is not null))
        {
            Assert.True(Navigate(typed, field.Path, out var value), $"The typed manifest has no property for {field.Path}.");
            Assert.Equal(Canonical(field.Get!(model), field), WithoutManagedBy(Canonical(value, field), field));
        }
    }

    [Fact]
    public void The_READMEs_field_table_is_the_table_of_workload_fields()
    {
        const string Begin = "<!-- field-table: generated from src/HevLayer.Policy/Model/WorkloadFields.cs; HEVLAYER_ACCEPT_GOLDEN=1 dotnet test --filter FieldTableTests rewrites it -->\n";
        const string End = "<!-- /field-table -->\n";
        var path = System.IO.Path.Combine(RepoPaths.Root, "README.md");
        var readme = System.IO.File.ReadAllText(path);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no generated field table between its markers.");
        var expected = Begin + FieldTable() + End;
        if (Golden.Accepting)
        {
            readme = readme.Substring(0, start) + expected + readme.Substring(end + End.Length);
            System.IO.File.WriteAllText(path, readme);
        }

        Assert.Equal(expected, readme.Substring(start, end + End.Length - start));
    }

    /// <summary>The README's table: one line per field the manifest can carry, from its row.</summary>
    private static string FieldTable()
    {
        var text = new System.Text.StringBuilder("| field | C# | kinds | meaning | when missing | left out of the manifest | checked by |\n|---|---|---|---|---|---|---|\n");
        foreach (var field in WorkloadFields.All.Where(f => f.Shape != FieldShape.Mapping))
        {
            var kinds = field.Only switch { WorkloadKind.Function => "Function", WorkloadKind.Pipeline => "Pipeline", _ => "both" };
            text.Append("| `").Append(field.Path).Append("` | ").Append(CSharp(field)).Append(" | ").Append(kinds).Append(" | ")
                .Append(field.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ").Append(field.Default ?? string.Empty).Append(" | ")
                .Append(field.Omitted ?? "Never.").Append(" | ")
                .Append(string.Join(", ", field.Rules.Select(r => "[`" + r + "`](#" + r.ToLowerInvariant() + ")"))).Append(" |\n");
        }

        return text.ToString();
    }

    private static string CSharp(WorkloadField field) => field.Target switch
    {
        null => "not expressible",
        { Kind: TargetKind.Name } => "`[Pipeline(\"name\")]`, `[Function(\"name\")]`",
        { Kind: TargetKind.Workload, Argument: null } => "`[Pipeline]`, `[Function]`",
        { Kind: TargetKind.Workload, Argument: { } argument } => field.Only == WorkloadKind.Function ? "`[Function(" + argument + " =)]`" : "`[Pipeline(" + argument + " =)]`, `[Function(" + argument + " =)]`",
        { Attribute: { } attribute, Argument: null } when field.Shape == FieldShape.TextMap => "`[" + attribute + "(\"key\", \"value\")]`, repeatable",
        { Attribute: { } attribute, Argument: null } => "`[" + attribute + "]`, repeatable",
        { Attribute: { } attribute, Argument: { } argument } => "`[" + attribute + "(" + argument + (attribute == "Toleration" && argument is "Key" or "Value" ? ")]` (by position)" : " =)]`"),
        _ => string.Empty,
    };

    /// <summary>A workload with every row of its kind set to a value that is not the default, drawn from the row's shape.</summary>
    internal static WorkloadModel EveryRow(WorkloadKind kind)
    {
        var model = WorkloadModel.Empty(kind, "every-field", "Workers.EveryField") with { Namespace = "team" };
        var n = 0;
        foreach (var field in WorkloadFields.All.Where(f => f.AppliesTo(kind) && f.Set is not null))
        {
            n++;
            object value = field.Path switch
            {
                "metadata.name" => "every-field",
                "spec.scaling.mode" => PolicyMode.Disabled,
                "spec.triggers" => PolicyTriggers.Discovery | PolicyTriggers.Schedule,
                _ => field.Shape switch
                {
                    FieldShape.Text => "v" + n.ToString(CultureInfo.InvariantCulture),
                    FieldShape.Integer => 2 + n,
                    FieldShape.Boolean => true,
                    FieldShape.TextList => new EquatableArray<string>(new[] { "a" + n, "b" + n }),
                    FieldShape.TextMap => new EquatableArray<KeyValue>(new[] { new KeyValue("k" + n, "v" + n), new KeyValue("example.com/k", "x") }),
                    FieldShape.MappingList => new EquatableArray<TolerationModel>(new[]
                    {
                        new TolerationModel("node.kubernetes.io/unreachable", "Exists", string.Empty, "NoExecute", 600),
                        new TolerationModel("dedicated", "Equal", "search", "NoSchedule", null),
                        new TolerationModel(string.Empty, "Exists", string.Empty, string.Empty, null),
                    }),
                    _ => throw new InvalidOperationException("No value for the shape of " + field.Path),
                },
            };
            model = field.Set!(model, value);
        }

        return model;
    }

    private static void AssertSameRows(WorkloadModel expected, WorkloadModel actual, WorkloadKind kind)
    {
        foreach (var field in WorkloadFields.All.Where(f => f.AppliesTo(kind) && f.Get is not null))
        {
            var want = Canonical(field.Get!(expected), field);
            var got = WithoutManagedBy(Canonical(field.Get!(actual), field), field);
            Assert.True(want == got, $"{field.Path}: expected {want}, got {got}");
        }
    }

    /// <summary>The labels without the one every manifest carries (the README's field table: added unless the workload sets it).</summary>
    private static string WithoutManagedBy(string canonical, WorkloadField field) => field.Path != "metadata.labels" ? canonical
        : string.Join(";", canonical.Split(';').Where(p => p != "app.kubernetes.io/managed-by=hevlayer-generators"));

    /// <summary>Follows a YAML path through the typed manifest's properties (replicas.min is MinReplicas).</summary>
    private static bool Navigate(object? at, string path, out object? value)
    {
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (at is null)
            {
                value = null;
                return true;
            }

            var type = at.GetType();
            var property = type.GetProperty(Pascal(segments[i]));
            if (property is null && i + 1 < segments.Length && type.GetProperty(Pascal(segments[i + 1]) + Pascal(segments[i])) is { } joined)
            {
                property = joined;
                i++;
            }

            if (property is null)
            {
                value = null;
                return false;
            }

            at = property.GetValue(at);
        }

        value = at;
        return true;
    }

    private static string Pascal(string key) => char.ToUpperInvariant(key[0]) + key.Substring(1);

    /// <summary>One spelling for a value from the model or the typed API: what the manifest would say.</summary>
    private static string Canonical(object? value, WorkloadField field) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        PolicyMode mode => ManifestWriter.ModeName(mode),
        HevLayer.ScalingMode mode => mode.ToString().ToLowerInvariant(),
        PolicyTriggers triggers => string.Join(",", ManifestWriter.TriggerNames(triggers)),
        EquatableArray<KeyValue> pairs => string.Join(";", ManifestWriter.Effective(pairs).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)),
        IReadOnlyDictionary<string, string> map => string.Join(";", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)),
        EquatableArray<TolerationModel> tolerations => string.Join(";", tolerations.Select(t => string.Join("|", t.Key, t.Operator, t.Value, t.Effect, t.Seconds?.ToString(CultureInfo.InvariantCulture)))),
        IEnumerable<Toleration> tolerations => string.Join(";", tolerations.Select(t => string.Join("|", t.Key, t.Operator, t.Value, t.Effect, t.TolerationSeconds?.ToString(CultureInfo.InvariantCulture)))),
        IndexSelector selector => Canonical(selector.MatchLabels, field),
        IEnumerable items => string.Join(",", items.Cast<object>().Select(o => Canonical(o, field))),
        _ => throw new InvalidOperationException($"{field.Path}: no canonical spelling for {value.GetType()}"),
    };
}

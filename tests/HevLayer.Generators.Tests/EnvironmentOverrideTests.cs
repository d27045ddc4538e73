using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using Xunit;
using PolicyMode = HevLayer.Policy.Model.ScalingMode;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Environment overrides, row by row of the table of workload fields: for every field an attribute with
/// <c>Environment</c> can set, a workload with every row set plus one override of that field must come out of
/// the real generator with the override in that environment only, every other row as shared, and the shared
/// facts untouched. The expectation follows the README's words ("overrides only the arguments it sets; a pair
/// replaces or adds its key; a toleration is added"), set through the row's own Set, not the parser.
/// </summary>
public sealed class EnvironmentOverrideTests
{
    private static readonly Dictionary<string, string> TwoEnvironments = new()
    {
        ["HevLayerEnvironmentTable"] = "dev|||,prod|||",
    };

    public static IEnumerable<object[]> OverridableRows() =>
        from kind in new[] { WorkloadKind.Pipeline, WorkloadKind.Function }
        from field in WorkloadFields.All
        where field.AppliesTo(kind) && field.Set is not null && field.Target is { Kind: TargetKind.Attribute }
        select new object[] { kind, field.Path };

    [Theory]
    [MemberData(nameof(OverridableRows))]
    public void An_override_changes_its_row_in_its_environment_only(WorkloadKind kind, string path)
    {
        var field = WorkloadFields.Find(path)!;
        var shared = FieldTableTests.EveryRow(kind) with { SourceType = "Workers.EveryField" };
        var (attribute, expected) = Override(field, shared);
        var source = WorkloadSource.Write(shared, "EveryField", "Workers", "every.yaml");
        source = Regex.Replace(source, @"^(\s*)((public |internal )?(sealed )?partial class EveryField)", "$1" + attribute + "\n$1$2", RegexOptions.Multiline);
        Assert.Contains(attribute, source, StringComparison.Ordinal);

        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("EveryField.cs", source)), TwoEnvironments);
        var generated = string.Join("\n", GeneratorHarness.GeneratedSources(result).Values);

        var prod = Facts(generated, "GeneratedEnvironment\\(\"prod\", ");
        Assert.Single(prod);
        AssertRows(expected, prod[0]);
        Assert.Empty(Facts(generated, "GeneratedEnvironment\\(\"dev\", "));
        AssertRows(shared, Assert.Single(Facts(generated, "GeneratedWorkload\\(")));

        // The registry names the environments, and the typed API reaches them.
        Assert.Contains("Environments { get; } =", generated, StringComparison.Ordinal);
        Assert.Contains("ManifestFor(string environment)", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_without_environments_gets_none_of_it()
    {
        var shared = FieldTableTests.EveryRow(WorkloadKind.Pipeline) with { SourceType = "Workers.EveryField" };
        var source = WorkloadSource.Write(shared, "EveryField", "Workers", "every.yaml");
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compile(("EveryField.cs", source)));
        var generated = string.Join("\n", GeneratorHarness.GeneratedSources(result).Values);
        Assert.DoesNotContain("GeneratedEnvironment", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("ManifestFor", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Environments", generated, StringComparison.Ordinal);
    }

    private static List<WorkloadModel> Facts(string generated, string attributePattern) =>
        Regex.Matches(generated, attributePattern + "(\"(?:[^\"\\\\]|\\\\.)*\")\\)\\]")
            .Select(m => WorkloadFacts.Unpack(Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression(m.Groups[1].Value).GetFirstToken().ValueText))
            .Select(f => { f.SourceType = "Workers.EveryField"; return f.ToModel(); })
            .ToList();

    private static void AssertRows(WorkloadModel expected, WorkloadModel actual)
    {
        var want = ManifestWriter.Write(expected);
        Assert.Equal(want, ManifestWriter.Write(actual));
    }

    /// <summary>The C# of one override of <paramref name="field"/> in prod, and the workload prod should then see.</summary>
    private static (string Attribute, WorkloadModel Expected) Override(WorkloadField field, WorkloadModel shared)
    {
        var target = field.Target!.Value;
        var name = target.Attribute!;
        switch (field.Shape)
        {
            case FieldShape.TextMap:
            {
                // One key replaced, one added.
                var pairs = ((EquatableArray<KeyValue>)field.Get!(shared)!).ToList();
                var replaced = pairs[0].Key;
                var attribute = $"[{name}(\"{replaced}\", \"changed\", Environment = \"prod\")][{name}(\"added.example.com/key\", \"new\", Environment = \"prod\")]";
                pairs[0] = new KeyValue(replaced, "changed");
                pairs.Add(new KeyValue("added.example.com/key", "new"));
                return (attribute, field.Set!(shared, new EquatableArray<KeyValue>(pairs.ToArray())));
            }

            case FieldShape.MappingList:
            {
                var items = ((EquatableArray<TolerationModel>)field.Get!(shared)!).ToList();
                items.Add(new TolerationModel("prod-only", string.Empty, "yes", "NoSchedule", null));
                return ("[Toleration(\"prod-only\", \"yes\", Effect = TaintEffect.NoSchedule, Environment = \"prod\")]", field.Set!(shared, new EquatableArray<TolerationModel>(items.ToArray())));
            }
        }

        object value;
        string literal;
        switch (field.Path)
        {
            case "spec.scaling.mode":
                value = PolicyMode.Fixed;
                literal = "ScalingMode.Fixed";
                break;
            default:
                switch (field.Shape)
                {
                    case FieldShape.Text:
                        value = "prod-value";
                        literal = "\"prod-value\"";
                        break;
                    case FieldShape.Integer:
                        value = 97;
                        literal = "97";
                        break;
                    default:
                        throw new InvalidOperationException("No override value for " + field.Path);
                }

                break;
        }

        return ($"[{name}({target.Argument} = {literal}, Environment = \"prod\")]", field.Set!(shared, value));
    }
}

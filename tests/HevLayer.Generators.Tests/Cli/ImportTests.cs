using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// <c>hevlayer import</c>: the round trip is exact. Each manifest is imported as C#, the C# is compiled with
/// the generator, and the manifest the build would write equals the input as YAML data (after the defaults the
/// workload reference documents: a missing mode is autoscale, a missing min is 0, paused is false, and the
/// managed-by label is added). Fields no attribute can express are listed, and nothing is written without --force.
/// </summary>
public sealed class ImportTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-import-" + Guid.NewGuid().ToString("N"));

    public ImportTests() => Directory.CreateDirectory(folder);

    public void Dispose() => ConsumerProject.TryDelete(folder);

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Golden, "*.yaml", SearchOption.AllDirectories).Where(f => f.Contains("manifests", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Cli", "Manifests"), "*.yaml", SearchOption.AllDirectories))
        {
            if (!file.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(RepoPaths.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Imported_classes_build_back_to_the_same_manifests(string relativePath)
    {
        var input = new InputText(relativePath, File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath)));
        var plan = ImportCommand.Plan(new[] { input });
        Assert.Empty(plan.Findings);
        Assert.NotEmpty(plan.Files);

        var sources = plan.Files.Select(f => (f.FileName, WorkloadSource.Write(f.Workload, f.ClassName, "Imported.Workers", f.Origin))).ToArray();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var built = Emitted.Manifests(output);

        var expected = Workloads(input.Text).Select(Normalize).OrderBy(Key, StringComparer.Ordinal).ToList();
        var actual = built.Select(m => Data(Single(m.Yaml))).OrderBy(Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(Render), actual.Select(Render));
    }

    [Fact]
    public void The_command_writes_one_formatted_file_per_workload_and_never_overwrites()
    {
        var target = Path.Combine(folder, "Workers");
        var source = Path.Combine(AppContext.BaseDirectory, "Cli", "Manifests");

        var (code, stdout, _) = CheckCommandTests.Run(null, "import", source, "--out", target, "--namespace-in-code", "Acme.Workers");
        Assert.Equal(0, code);
        Assert.Equal(new[] { "EmbedChunks.cs", "EnrichProducts.cs", "IngestDocs.cs", "ReindexStale.cs" }, Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal(4, stdout.Split('\n').Count(l => l.StartsWith("wrote ", StringComparison.Ordinal)));
        var embed = File.ReadAllText(Path.Combine(target, "EmbedChunks.cs"));
        Assert.Contains("namespace Acme.Workers;", embed, StringComparison.Ordinal);
        Assert.Contains("[Scaling(Pool = \"gpu\", Mode = ScalingMode.Fixed, MinReplicas = 2)]", embed, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class EmbedChunks\n{\n}\n", embed, StringComparison.Ordinal);

        var before = File.ReadAllText(Path.Combine(target, "IngestDocs.cs"));
        var (again, _, stderr) = CheckCommandTests.Run(null, "import", source, "--out", target);
        Assert.Equal(2, again);
        Assert.Contains("not overwriting", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(target, "IngestDocs.cs")));
        Assert.Empty(Directory.GetFiles(target, "*.hevlayer-tmp"));
    }

    [Fact]
    public void Fields_no_attribute_can_express_are_listed_and_block_the_import_unless_forced()
    {
        const string Yaml = """
            apiVersion: hevlayer.com/v1alpha1
            kind: Function
            metadata:
              name: enrich
              annotations:
                kubectl.kubernetes.io/last-applied-configuration: "{}"
            spec:
              indexSelector:
                matchLabels: {tier: gold}
              triggers: [write, rewrite]
              worker:
                image: ghcr.io/acme/x:1
                podSpec: {nodeSelector: {zone: a}}
                batchsize: 3
              scaling:
                pool: cpu
                mode: fixed
                replicas: {min: 2, max: 5}
            """;
        var file = Path.Combine(folder, "enrich.yaml");
        File.WriteAllText(file, Yaml);
        var target = Path.Combine(folder, "out");

        var (code, stdout, _) = CheckCommandTests.Run(null, "import", file, "--out", target);

        Assert.Equal(1, code);
        Assert.False(Directory.Exists(target));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[]
        {
            "enrich.yaml(6,5): warning HEVL506: metadata.annotations.kubectl.kubernetes.io/last-applied-configuration cannot be expressed",
            "enrich.yaml(8,3): warning HEVL506: spec.indexSelector cannot be expressed",
            "enrich.yaml(10,3): error HEVL114: ",
            "enrich.yaml(13,5): warning HEVL506: spec.worker.podSpec cannot be expressed",
            "enrich.yaml(14,5): warning HEVL502: Unknown field 'batchsize' in spec.worker",
            "enrich.yaml(18,24): warning HEVL506: spec.scaling.replicas.max cannot be expressed",
        };
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Contains(expected[i], lines[i], StringComparison.Ordinal);
        }

        var (forced, _, stderr) = CheckCommandTests.Run(null, "import", file, "--out", target, "--force");
        Assert.Equal(0, forced);
        Assert.Contains("left out (--force)", stderr, StringComparison.Ordinal);
        var imported = File.ReadAllText(Path.Combine(target, "Enrich.cs"));
        Assert.Contains("Triggers = FunctionTriggers.Write", imported, StringComparison.Ordinal);
        Assert.DoesNotContain("last-applied", imported, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest-docs", "IngestDocs")]
    [InlineData("a", "A")]
    [InlineData("2fast", "Pipeline2fast")]
    [InlineData("x--y-9", "XY9")]
    public void Class_names_are_pascal_case_identifiers(string name, string expected) =>
        Assert.Equal(expected, WorkloadSource.ClassName(name, Policy.Model.WorkloadKind.Pipeline));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote\" and \\", "\"quote\\\" and \\\\\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("bell\u0007 sep\u2028", "\"bell\\u0007 sep\\u2028\"")]
    [InlineData("emoji \U0001F600", "\"emoji \U0001F600\"")]
    public void String_literals_are_escaped_as_CSharp_reads_them(string value, string expected) =>
        Assert.Equal(expected, WorkloadSource.Literal(value));

    private static IEnumerable<YamlMappingNode> Workloads(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Where(m => m.Children.TryGetValue(new YamlScalarNode("apiVersion"), out var v) && ((YamlScalarNode)v).Value == "hevlayer.com/v1alpha1");
    }

    private static YamlMappingNode Single(string text) => Workloads(text).Single();

    /// <summary>A manifest as data, with the defaults the workload reference documents filled in.</summary>
    private static SortedDictionary<string, object> Normalize(YamlMappingNode manifest)
    {
        var data = Data(manifest);
        var metadata = (SortedDictionary<string, object>)data["metadata"];
        if (!metadata.ContainsKey("labels"))
        {
            metadata["labels"] = new SortedDictionary<string, object>(StringComparer.Ordinal);
        }

        var labels = (SortedDictionary<string, object>)metadata["labels"];
        labels.TryAdd("app.kubernetes.io/managed-by", "str:hevlayer-generators");
        var spec = (SortedDictionary<string, object>)data["spec"];
        spec.TryAdd("paused", "bool:false");
        var scaling = (SortedDictionary<string, object>)spec["scaling"];
        scaling.TryAdd("mode", "str:autoscale");
        var replicas = (SortedDictionary<string, object>)scaling["replicas"];
        replicas.TryAdd("min", "int:0");
        return data;
    }

    /// <summary>YAML as plain data: plain decimal numbers and booleans typed, everything else a string.</summary>
    private static SortedDictionary<string, object> Data(YamlMappingNode map)
    {
        var result = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            result[((YamlScalarNode)key).Value!] = Value(value);
        }

        return result;
    }

    private static object Value(YamlNode node) => node switch
    {
        YamlMappingNode map => Data(map),
        YamlSequenceNode list => list.Select(Value).ToList(),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } b => "bool:" + b.Value,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => "int:" + n.ToString(CultureInfo.InvariantCulture),
        YamlScalarNode s => "str:" + s.Value,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static string Key(SortedDictionary<string, object> manifest) => Render(manifest["kind"]) + Render(manifest["metadata"]);

    private static string Render(object value) => value switch
    {
        SortedDictionary<string, object> map => "{" + string.Join(", ", map.Select(p => p.Key + ": " + Render(p.Value))) + "}",
        List<object> list => "[" + string.Join(", ", list.Select(Render)) + "]",
        _ => (string)value,
    };
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Cli.Watch;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// The watch session's fast path (a save compiled with only the edited workloads) against its oracle: a
/// fresh session that compiles the whole project and runs the generator on all of it, as the build does.
/// After every save of a scripted run over the shapes a project takes (one class per file, many in one
/// file, partial classes split across files, constants in a plain file and in another workload's file,
/// nested types, renames, deletions, a class that stops being a workload or is cut out of a file of many,
/// two files saved at once, an InfraRules save), the folder the session wrote must equal, byte for byte,
/// the folder the fresh session writes; and both must equal what the generator itself emits over the same
/// files, read from the compiled assembly as the build task reads it, which shares neither the session's
/// facts reader nor its folder code.
/// </summary>
public sealed class WatchSessionTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-watch-" + Guid.NewGuid().ToString("N"));
    private readonly string project;

    public WatchSessionTests()
    {
        project = Path.Combine(root, "App");
        Directory.CreateDirectory(project);
        Write("infrarules.yaml", File.ReadAllText(Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml")));
        Write("Defaults.cs", "[assembly: HevLayer.HevLayerDefaults(Namespace = \"search\", Image = \"ghcr.io/acme/w:1\")]\n");
        Write("Pools.cs", "namespace Acme;\n\npublic static class Pools\n{\n    public const string Cpu = \"cpu\";\n}\n");
        Write("Ingest.cs", Workload("Acme.Ingest", "ingest", "Pools.Cpu", 4));
        Write("Split.cs", "using HevLayer;\n\nnamespace Acme;\n\n[Pipeline(\"split\")]\n[Scaling(Pool = \"gpu\", MaxReplicas = 2)]\npublic sealed partial class Split\n{\n}\n");
        Write("Split.Logic.cs", "namespace Acme;\n\npublic sealed partial class Split\n{\n    public int Size => 3;\n}\n");
        Write("Many.cs", "using HevLayer;\n\nnamespace Acme.Many\n{\n"
            + string.Concat(Enumerable.Range(1, 4).Select(i => Block($"One{i}", $"one-{i}", "\"cpu\"", i)))
            + "    public static partial class Outer\n    {\n" + Block("Inner", "inner", "\"cpu\"", 5) + "    }\n}\n");
        Write("Borrow.cs", Workload("Acme.Borrow", "borrow", "Lender.Pool", 1));
        Write("Lender.cs", "using HevLayer;\n\nnamespace Acme;\n\n[Pipeline(\"lender\")]\n[Scaling(Pool = Pool, MaxReplicas = 2)]\npublic sealed partial class Lender\n{\n    public const string Pool = \"gpu\";\n}\n");
    }

    [Fact]
    public void Every_save_leaves_the_folder_the_whole_project_build_writes()
    {
        var session = Load("watched");
        Assert.False(session.Full(CancellationToken.None).Blocked);
        AssertAsBuilt();

        // Fast: compiled with only the edited workloads. Whole: the save can change other workloads (a
        // file with no workload, or with constants), or the small compilation cannot bind it alone.
        const bool Fast = true, Whole = false;
        var saves = new (string File, Func<string, string> Edit, bool Fast)[][]
        {
            One("Ingest.cs", s => s.Replace("MaxReplicas = 4", "MaxReplicas = 3", StringComparison.Ordinal), Fast),
            One("Split.cs", s => s.Replace("MaxReplicas = 2", "MaxReplicas = 3", StringComparison.Ordinal), Fast),
            One("Split.Logic.cs", s => s.Replace("=> 3", "=> 4", StringComparison.Ordinal), Whole),
            One("Many.cs", s => s.Replace("MaxReplicas = 3)", "MaxReplicas = 9)", StringComparison.Ordinal), Fast),
            One("Many.cs", s => s.Replace("class One2", "class Two2", StringComparison.Ordinal), Fast),
            One("Many.cs", s => s.Replace("\"one-4\"", "\"four\"", StringComparison.Ordinal).Replace("MaxReplicas = 5)", "MaxReplicas = 7)", StringComparison.Ordinal), Fast),
            One("Many.cs", s => s.Replace("[Pipeline(\"one-1\")]", string.Empty, StringComparison.Ordinal), Fast),
            One("Many.cs", s => s.Replace("using HevLayer;", "using HevLayer;\nusing System;", StringComparison.Ordinal), Fast),

            // A class emptied of its members, then cut out of the file of many: its manifest goes, the others stay.
            One("Many.cs", s => s.Replace("        public int Work() => 3;\n", string.Empty, StringComparison.Ordinal), Fast),
            One("Many.cs", s => CutClass(s, "one-3"), Fast),

            // Two files saved at once (a rename across files, a refactoring): both workloads are written in one pass.
            new (string, Func<string, string>, bool)[]
            {
                ("Ingest.cs", s => s.Replace("MaxReplicas = 3", "MaxReplicas = 4", StringComparison.Ordinal), Fast),
                ("Split.cs", s => s.Replace("\"split\"", "\"split-v2\"", StringComparison.Ordinal), Fast),
            },
            One("Pools.cs", s => s.Replace("\"cpu\"", "\"gpu\"", StringComparison.Ordinal), Whole),
            One("Borrow.cs", s => s.Replace("MaxReplicas = 1", "MaxReplicas = 2", StringComparison.Ordinal), Whole),
            One("Lender.cs", s => s.Replace("Pool = \"gpu\"", "Pool = \"cpu\"", StringComparison.Ordinal), Whole),
            One("Ingest.cs", s => s.Replace("\"ingest\"", "\"ingest-v2\"", StringComparison.Ordinal), Fast),

            // InfraRules saved: every workload is checked again (a whole pass), and the manifests stay as built.
            One("infrarules.yaml", s => s.Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: 12", StringComparison.Ordinal), Whole),
        };

        foreach (var save in saves)
        {
            var sources = new List<string>();
            var additional = new List<string>();
            foreach (var (file, edit, _) in save)
            {
                var path = Path.Combine(project, file);
                var before = File.ReadAllText(path);
                var after = edit(before);
                Assert.NotEqual(before, after);
                File.WriteAllText(path, after);
                (file.EndsWith(".cs", StringComparison.Ordinal) ? sources : additional).Add(path);
            }

            var what = string.Join(" + ", save.Select(s => s.File));
            var pass = session.Saved(sources, additional, CancellationToken.None);
            Assert.NotNull(pass);
            Assert.False(pass!.Blocked, $"{what}: {string.Join("\n", pass.Shown)}");
            Assert.True(save[0].Fast == pass.Steps.Any(s => s.Step == "read the saved workloads' facts"), $"{what}: {string.Join(", ", pass.Steps.Select(s => s.Step))}");
            AssertAsBuilt();

            // The whole-project check after it agrees: it writes nothing. (An InfraRules save is a whole pass already: nothing is left to check.)
            var check = session.Check(CancellationToken.None);
            Assert.True(check is not null || sources.Count == 0, what + ": no whole-project check after a source save");
            Assert.Empty(check?.Written ?? Array.Empty<string>());
            Assert.Empty(check?.Deleted ?? Array.Empty<string>());
        }
    }

    private static (string File, Func<string, string> Edit, bool Fast)[] One(string file, Func<string, string> edit, bool fast) => new[] { (file, edit, fast) };

    /// <summary>The file without the workload named <paramref name="name"/>: its attributes and its class, up to the blank line after it.</summary>
    private static string CutClass(string text, string name)
    {
        var start = text.IndexOf("    [Pipeline(\"" + name + "\")]", StringComparison.Ordinal);
        Assert.True(start >= 0, name + " is not in the file");
        var end = text.IndexOf("    }\n\n", start, StringComparison.Ordinal) + "    }\n\n".Length;
        return text.Remove(start, end - start);
    }

    [Fact]
    public void A_save_the_analyzers_reject_is_not_written_and_its_fix_is()
    {
        var session = Load("watched");
        session.Full(CancellationToken.None);
        var ingest = Path.Combine(project, "Ingest.cs");
        var original = File.ReadAllText(ingest);

        File.WriteAllText(ingest, original.Replace("MaxReplicas = 4", "MaxReplicas = 40", StringComparison.Ordinal));
        var rejected = session.Saved(new[] { ingest }, Array.Empty<string>(), CancellationToken.None)!;
        Assert.True(rejected.Blocked);
        Assert.Contains(rejected.Shown, d => d.Id == "HEVL002" && d.Location.GetLineSpan().Path == ingest);
        Assert.Contains("max: 4", File.ReadAllText(Path.Combine(root, "watched", "pipeline.search.ingest.yaml")), StringComparison.Ordinal);

        File.WriteAllText(ingest, original.Replace("MaxReplicas = 4", "MaxReplicas = 5", StringComparison.Ordinal));
        var fixedPass = session.Saved(new[] { ingest }, Array.Empty<string>(), CancellationToken.None)!;
        Assert.False(fixedPass.Blocked);
        Assert.Equal(new[] { "pipeline.search.ingest.yaml" }, fixedPass.Written);
        AssertAsBuilt();
    }

    public void Dispose() => ConsumerProject.TryDelete(root);

    private static string Workload(string type, string name, string pool, int max)
    {
        var dot = type.LastIndexOf('.');
        return $"using HevLayer;\n\nnamespace {type[..dot]};\n\n[Pipeline(\"{name}\")]\n[Scaling(Pool = {pool}, MaxReplicas = {max})]\npublic sealed partial class {type[(dot + 1)..]}\n{{\n}}\n";
    }

    private static string Block(string type, string name, string pool, int max) =>
        $"    [Pipeline(\"{name}\")]\n    [Scaling(Pool = {pool}, MaxReplicas = {max})]\n    public sealed partial class {type}\n    {{\n        public int Work() => {max};\n    }}\n\n";

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(project, file), text);

    /// <summary>A session over the project's files, as MSBuild would give csc: the references of the test host, the HevLayer generator and analyzers, InfraRules marked as the SDK marks it.</summary>
    private WatchSession Load(string manifests)
    {
        var config = Path.Combine(root, "build.globalconfig");
        File.WriteAllText(config, $"is_global = true\n\n[{Path.Combine(project, "infrarules.yaml")}]\nbuild_metadata.AdditionalFiles.HevLayerInfraRules = true\n");
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll");
        var analyzers = Path.GetDirectoryName(typeof(WorkloadGenerator).Assembly.Location)!;
        var arguments = new List<string> { "/target:library", "/langversion:12.0", "/nullable:enable", "/analyzerconfig:" + config, "/additionalfile:" + Path.Combine(project, "infrarules.yaml") };
        arguments.AddRange(trusted.Append(typeof(HevLayer.Manifests.WorkloadManifest).Assembly.Location).Select(r => "/reference:" + r));
        arguments.Add("/analyzer:" + Path.Combine(analyzers, "HevLayer.Generators.dll"));
        arguments.AddRange(Directory.GetFiles(project, "*.cs").Order(StringComparer.Ordinal));
        var inputs = new ProjectInputs(Path.Combine(project, "App.csproj"), project, "App", Path.Combine(root, manifests), EmitManifests: true, RoslynDirectory: string.Empty, arguments);
        return WatchSession.Create(inputs, new AnalyzerLoader(), CancellationToken.None);
    }

    /// <summary>
    /// The watched folder equals the folder a fresh whole-project session writes now, byte for byte; and the
    /// manifests of both (all but kustomization.yaml and the folder's marker) equal what the generator emits
    /// over the same files, compiled and read back from the assembly by the build task's reader.
    /// </summary>
    private void AssertAsBuilt()
    {
        var built = Path.Combine(root, "built");
        ConsumerProject.TryDelete(built);
        var fresh = Load("built").Full(CancellationToken.None);
        Assert.False(fresh.Blocked, string.Join("\n", fresh.Shown));
        var expected = Directory.GetFiles(built).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var actual = Directory.GetFiles(Path.Combine(root, "watched")).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name}: the watched file differs from the fresh session's");
        }

        var sources = Directory.GetFiles(project, "*.cs").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToArray();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(sources));
        var generated = Emitted.ManifestsByFile(output);
        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal), actual.Keys.Where(k => k.EndsWith(".yaml", StringComparison.Ordinal) && k != "kustomization.yaml").Order(StringComparer.Ordinal));
        foreach (var (name, yaml) in generated)
        {
            Assert.True(System.Text.Encoding.UTF8.GetBytes(yaml).AsSpan().SequenceEqual(actual[name]), $"{name}: the watched file differs from the generator's own output:\n{yaml}\n---\n{System.Text.Encoding.UTF8.GetString(actual[name])}");
        }
    }
}

/// <summary>
/// watch reads the facts from the generated attribute's literals, without binding. Held to the golden
/// files: every generated source of every golden case gives, through the one manifest writer, exactly the
/// golden manifests the build writes, and never needs the compiler's binding.
/// </summary>
public sealed class GeneratedFactsTests
{
    [Theory]
    [InlineData("SampleWorkers")]
    [InlineData("Shapes")]
    public void The_literals_of_the_golden_sources_give_the_golden_manifests(string goldenCase)
    {
        var folder = Path.Combine(RepoPaths.Golden, goldenCase);
        var read = Directory.GetFiles(Path.Combine(folder, "sources"), "*.g.cs")
            .SelectMany(f => GeneratedFacts.Read(
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f),
                () => throw new InvalidOperationException("bound " + f),
                CancellationToken.None))
            .ToDictionary(m => m.FileName, m => m.Yaml, StringComparer.Ordinal);
        var golden = Directory.GetFiles(Path.Combine(folder, "manifests"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

        Assert.NotEmpty(golden);
        Assert.Equal(golden.Keys.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, yaml) in golden)
        {
            Assert.Equal(yaml, read[name]);
        }
    }

    [Fact]
    public void Facts_the_syntax_does_not_give_are_read_through_the_compilers_binding()
    {
        // The autoscaled Pipeline ingest-docs, its packed facts once as the literal with replicas.max 7, once
        // as a constant the compiler folds from two halves.
        var source = GoldenSources("SampleWorkers").Single(t => t.Contains("11:ingest-docs", StringComparison.Ordinal));
        var literal = PackedLiteral(source);
        var packed = literal.Token.ValueText;
        var facts = HevLayer.Policy.Emit.WorkloadFacts.Unpack(packed);
        facts.Set(HevLayer.Policy.Emit.FactSlot.MaxReplicas, 7);
        var edited = HevLayer.Policy.Emit.WorkloadFacts.From(facts.ToModel()).Pack();
        var withLiteral = Replace(source, literal, HevLayer.Generators.Emit.SourceEmitter.Literal(edited));
        var half = edited.Length / 2;
        var withConstant = Replace(source, literal, "Packed.Facts") + "\nstatic class Packed { public const string Facts = "
            + HevLayer.Generators.Emit.SourceEmitter.Literal(edited.Substring(0, half)) + " + " + HevLayer.Generators.Emit.SourceEmitter.Literal(edited.Substring(half)) + "; }\n";

        var expected = GeneratedFacts.Read(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(withLiteral), () => throw new InvalidOperationException(), CancellationToken.None);
        var compilation = GeneratorHarness.Compile(("Shard.g.cs", withConstant));
        var bound = GeneratedFacts.Read(compilation.SyntaxTrees.Single(), () => compilation, CancellationToken.None);

        Assert.Contains("max: 7", expected.Single().Yaml, StringComparison.Ordinal);
        Assert.Equal(expected.Select(m => (m.FileName, m.Yaml)), bound.Select(m => (m.FileName, m.Yaml)));
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("\"1;\" + \"0;\"")]
    [InlineData("null")]
    [InlineData("\"not facts\"")]
    public void An_argument_that_is_no_packed_facts_literal_is_left_to_the_compiler(string replacement)
    {
        var source = GoldenSources("SampleWorkers").First();
        var literal = PackedLiteral(source);
        Assert.NotNull(GeneratedFacts.FromSyntax((AttributeSyntax)literal.Parent!.Parent!.Parent!));

        var changed = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Replace(source, literal, replacement));
        var other = changed.GetRoot().DescendantNodes().OfType<AttributeSyntax>().First(a => a.Name.ToString().EndsWith("GeneratedWorkload", StringComparison.Ordinal));
        Assert.Null(GeneratedFacts.FromSyntax(other));
    }

    [Fact]
    public void Facts_in_a_newer_format_name_the_tool_to_install()
    {
        var source = GoldenSources("SampleWorkers").First();
        var literal = PackedLiteral(source);
        var newer = Replace(source, literal, HevLayer.Generators.Emit.SourceEmitter.Literal("4;" + literal.Token.ValueText.Substring(2)));
        var compilation = GeneratorHarness.Compile(("Shard.g.cs", newer));

        var e = Assert.Throws<InvalidDataException>(() => GeneratedFacts.Read(compilation.SyntaxTrees.Single(), () => compilation, CancellationToken.None));
        Assert.Contains("format 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet tool update", e.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> GoldenSources(string goldenCase) =>
        Directory.GetFiles(Path.Combine(RepoPaths.Golden, goldenCase, "sources"), "HevLayer.Workloads.*.g.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText);

    private static LiteralExpressionSyntax PackedLiteral(string source) =>
        Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<AttributeSyntax>()
            .First(a => a.Name.ToString().EndsWith("GeneratedWorkload", StringComparison.Ordinal))
            .ArgumentList!.Arguments.Single().Expression as LiteralExpressionSyntax ?? throw new InvalidOperationException("The generated attribute's argument is not a literal.");

    private static string Replace(string source, SyntaxNode node, string replacement) =>
        source.Remove(node.SpanStart, node.Span.Length).Insert(node.SpanStart, replacement);
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using CsCheck;
using HevLayer.Generators.Analyzers;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// Random class shapes the compiler accepts (keyword and unicode names, namespaces with keyword parts and
/// the global namespace, nesting in classes, structs, records and interfaces, records, <c>file</c> types,
/// members and bases that take the name <c>Manifest</c>), run through the generator and then the analyzer
/// over its output, as a build does. For every case: nothing the compiler says, error or warning, lies in a
/// generated file (TreatWarningsAsErrors would fail on it), and every workload class either carries its
/// manifest (and its typed <c>Manifest</c> property, unless HEVL117 says why not) or gets a HEVL error on
/// its name that says why it has none. Once with C# 12, once with C# 7.3 (the default of netstandard2.0)
/// and shapes valid there.
/// </summary>
public sealed class ClassShapeProperties
{
    /// <summary>The rules that mean "no manifest for this class".</summary>
    private static readonly string[] Skipping = { "HEVL104", "HEVL105", "HEVL106", "HEVL107", "HEVL118" };

    // Cases derive from one compilation each, so that they share its bound references (most of the cost of a new one).
    private static readonly Lazy<CSharpCompilation> Base = new(() => GeneratorHarness.Compile()
        .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable)));

    private static readonly Lazy<CSharpCompilation> NullableBase = new(() => GeneratorHarness.Compile());

    [Fact]
    public void Every_class_shape_gets_compiling_generated_code_or_a_located_reason_in_CSharp_12() =>
        PropertyRun.ForAll(Gen.Int, 300, 1, seed => Check(ShapeCase.Create(seed, modern: true)), seed => ShapeCase.Create(seed, modern: true).Print());

    [Fact]
    public void Every_class_shape_gets_compiling_generated_code_or_a_located_reason_in_CSharp_7_3() =>
        PropertyRun.ForAll(Gen.Int, 150, 2, seed => Check(ShapeCase.Create(seed, modern: false)), seed => ShapeCase.Create(seed, modern: false).Print());

    [Fact]
    public void The_cases_reach_every_kind_of_shape()
    {
        // A generator that never produced a keyword name or a clash would make the properties above pass trivially.
        var all = string.Join("\n", Enumerable.Range(0, 400).Select(seed => ShapeCase.Create(seed, modern: true).Print()));
        foreach (var needle in new[] { "@event", "record @", "file partial", "Manifest(", "Manifest;", "class Manifest", "(string Manifest)", "namespace @class", "partial interface", "partial struct", "partial record struct", "Données", "\\u0041", "public partial class Manifest" })
        {
            Assert.Contains(needle, all, StringComparison.Ordinal);
        }
    }

    private static void Check(ShapeCase shape)
    {
        // Diagnose: doc-comment warnings too, as in a project with GenerateDocumentationFile.
        var parseOptions = new CSharpParseOptions(shape.Modern ? LanguageVersion.CSharp12 : LanguageVersion.CSharp7_3, DocumentationMode.Diagnose);
        var input = (shape.Modern && shape.Nullable ? NullableBase : Base).Value
            .AddSyntaxTrees(shape.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, parseOptions, f.Path)));
        var options = GeneratorHarness.CreateOptions(new Dictionary<string, string>());
        CSharpGeneratorDriver.Create(new[] { new WorkloadGenerator().AsSourceGenerator() }, parseOptions: parseOptions, optionsProvider: options)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        // One pass: the compiler's diagnostics and the analyzer's, over the output as a build sees it.
        var all = output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer()), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var generated = output.SyntaxTrees.Skip(input.SyntaxTrees.Count()).ToHashSet();
        var inGenerated = all
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && (d.Location.SourceTree is null || generated.Contains(d.Location.SourceTree)) && !d.IsSuppressed)
            .ToList();
        Assert.True(inGenerated.Count == 0, "The compiler reports on generated code:\n" + string.Join("\n", inGenerated) + "\n" + string.Join("\n---\n", generated.Select(t => t.ToString())));
        var errors = all.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("HEVL", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "The output does not compile (an error in the case itself is a bug of the test):\n" + string.Join("\n", errors));
        Assert.DoesNotContain(all, d => d.Id is "HEVL900" or "AD0001");
        var hevl = all.Where(d => d.Id.StartsWith("HEVL", StringComparison.Ordinal)).ToList();

        foreach (var tree in output.SyntaxTrees.Where(t => !generated.Contains(t)))
        {
            var model = output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Where(IsWorkload))
            {
                var symbol = model.GetDeclaredSymbol(declaration)!;
                var here = hevl.Where(d => d.Location.SourceTree == tree && d.Location.SourceSpan == declaration.Identifier.Span).Select(d => d.Id).ToList();
                var emitted = symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedWorkloadAttribute");
                var typed = symbol.GetMembers("Manifest").OfType<IPropertySymbol>().Any(p => p.IsStatic && p.Type.Name is "PipelineManifest");
                var name = symbol.ToDisplayString();
                if (emitted)
                {
                    Assert.True(here.Intersect(Skipping).Count() == 0, name + " has its manifest and yet " + string.Join(", ", here));
                    Assert.True(typed != here.Contains("HEVL117"), name + (typed ? " has its typed Manifest and HEVL117" : " has no typed Manifest and no HEVL117"));
                }
                else
                {
                    Assert.True(here.Intersect(Skipping).Any(), name + " has no manifest and no HEVL diagnostic on its name saying why; reported there: " + string.Join(", ", here));
                }
            }
        }
    }

    private static bool IsWorkload(TypeDeclarationSyntax declaration) =>
        declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "Pipeline");

    /// <summary>One random set of workload classes, built from a seed so that a failure prints and replays.</summary>
    private sealed class ShapeCase
    {
        // Type names: plain, reserved keywords, contextual keywords, unicode, a unicode escape, and the clash.
        private static readonly string[] TypeNames =
        {
            "Ingest", "Worker", "@event", "@class", "@string", "@object", "record", "var", "async", "await", "dynamic", "nameof", "partial", "global",
            "Größe", "日本", "\\u0041bc", "_", "Manifest", "Generated", "Manifests",
        };

        private static readonly string[] NamespaceParts = { "Workers", "@class", "@namespace", "record", "var", "async", "Données", "Manifests", "System" };

        private readonly Random random;
        private readonly HashSet<string> taken = new(StringComparer.Ordinal);
        private readonly HashSet<string> namespaces = new(StringComparer.Ordinal);
        private int workloads;

        private ShapeCase(int seed, bool modern)
        {
            random = new Random(seed);
            Modern = modern;
            Nullable = random.Next(2) == 0;
        }

        public bool Modern { get; }

        public bool Nullable { get; }

        public List<(string Path, string Source)> Files { get; } = new();

        public static ShapeCase Create(int seed, bool modern)
        {
            var shape = new ShapeCase(seed, modern);
            var files = 1 + shape.random.Next(3);
            for (var i = 0; i < files; i++)
            {
                shape.Files.Add(("Shapes" + i + ".cs", shape.File(i)));
            }

            return shape;
        }

        public string Print() => "C# " + (Modern ? "12" : "7.3") + (Nullable ? ", nullable" : string.Empty) + "\n" + string.Join("\n", Files.Select(f => "// " + f.Path + "\n" + f.Source));

        private string File(int index)
        {
            var text = new StringBuilder();
            if (index == 0)
            {
                text.Append("[assembly: global::HevLayer.HevLayerDefaults(Image = \"registry.example/w:1\")]\n");
            }

            var namespaces = 1 + random.Next(2);
            for (var n = 0; n < namespaces; n++)
            {
                var ns = random.Next(4) == 0 ? null : Namespace(1 + random.Next(2));
                if (ns is not null)
                {
                    text.Append("namespace ").Append(ns).Append("\n{\n");
                }

                var members = 1 + random.Next(3);
                for (var m = 0; m < members; m++)
                {
                    TopLevel(text, ns is null ? string.Empty : string.Join(".", ns.Split('.').Select(Plain)));
                }

                if (ns is not null)
                {
                    text.Append("}\n");
                }
            }

            return text.ToString();
        }

        private void TopLevel(StringBuilder text, string ns)
        {
            var depth = random.Next(4) == 0 ? 2 : random.Next(2);
            var scope = ns;
            var closers = 0;
            for (var d = 0; d < depth; d++)
            {
                var outerName = Unique(scope, random.Next(3) == 0 ? Pick(TypeNames) : "Outer" + random.Next(3));
                var kinds = Modern ? new[] { "class", "struct", "record", "record struct", "interface", "static class" } : new[] { "class", "struct", "static class" };
                var kind = Pick(kinds);
                var partial = random.Next(8) == 0 ? string.Empty : "partial ";
                var file = Modern && d == 0 && random.Next(8) == 0 ? "file " : d == 0 ? "public " : string.Empty;
                var staticPart = kind == "static class" ? "static " : string.Empty;
                var keyword = kind == "static class" ? "class" : kind;
                text.Append(file).Append(staticPart).Append(partial).Append(keyword).Append(' ').Append(outerName).Append("\n{\n");
                scope += "+" + Plain(outerName);
                closers++;

                if (kind == "interface")
                {
                    // Types nested in an interface are public; a base that is not would hide nothing.
                    break;
                }
            }

            Workload(text, scope, nested: closers > 0, fileLocalAllowed: closers == 0);
            for (var c = 0; c < closers; c++)
            {
                text.Append("}\n");
            }
        }

        private void Workload(StringBuilder text, string scope, bool nested, bool fileLocalAllowed)
        {
            var index = ++workloads;
            var record = Modern && random.Next(4) == 0;
            var name = Unique(scope, Pick(TypeNames));
            var clash = random.Next(10);
            if (Plain(name) == "Manifest" && clash is >= 1 and <= 6)
            {
                // Its own members cannot take its name (CS0542): the class name is the clash.
                clash = 0;
            }

            var access = nested && random.Next(8) == 0 ? "private " : nested ? "internal " : "public ";
            var file = Modern && fileLocalAllowed && random.Next(8) == 0 ? "file " : string.Empty;
            if (file.Length > 0)
            {
                access = string.Empty;
            }

            string? baseName = null;
            if (!record && clash >= 7)
            {
                // A base class: with a Manifest member of some accessibility, or itself a workload.
                baseName = Unique(scope, "Base" + index);
                var workloadBase = clash == 9;
                if (workloadBase)
                {
                    text.Append("[global::HevLayer.Pipeline(\"b").Append(index).Append("\")] [global::HevLayer.Scaling(Pool = \"cpu\", MaxReplicas = 1)]\n");
                }

                var baseAccess = file.Length > 0 ? "file " : nested ? "internal " : "public ";
                text.Append(baseAccess).Append(workloadBase ? "partial " : string.Empty).Append("class ").Append(baseName).Append(" { ");
                if (!workloadBase)
                {
                    text.Append(Pick(new[] { "public", "protected", "private", "internal" })).Append(" static int Manifest = 1; ");
                }

                text.Append("}\n");
            }

            text.Append("[global::HevLayer.Pipeline(\"w").Append(index).Append("\")] [global::HevLayer.Scaling(Pool = \"cpu\", MaxReplicas = 1)]\n");
            var partial = random.Next(10) == 0 ? string.Empty : "partial ";
            var sealedPart = !record && random.Next(3) == 0 && baseName is null ? "sealed " : string.Empty;
            text.Append(file).Append(access).Append(sealedPart).Append(partial).Append(record ? "record " : "class ").Append(name);
            if (record && clash == 1)
            {
                text.Append("(string Manifest)");
            }

            if (baseName is not null)
            {
                text.Append(" : ").Append(baseName);
            }

            text.Append("\n{\n");
            switch (clash)
            {
                case 2: text.Append("    public string Manifest => \"mine\";\n"); break;
                case 3: text.Append("    public static void Manifest() { }\n"); break;
                case 4: text.Append("    internal int Manifest;\n"); break;
                case 5: text.Append("    public class Manifest { }\n"); break;
                case 6: text.Append("    public event global::System.Action Manifest;\n"); break;
            }

            text.Append("}\n");
        }

        /// <summary>A dotted namespace whose parts name no type declared so far (a type and a namespace of one name collide).</summary>
        private string Namespace(int parts)
        {
            var scope = string.Empty;
            var written = new List<string>();
            for (var i = 0; i < parts; i++)
            {
                var part = Pick(NamespaceParts);
                if (taken.Contains(scope + "+" + Plain(part)))
                {
                    part += "Ns";
                }

                namespaces.Add(scope + "+" + Plain(part));
                written.Add(part);
                scope = scope.Length == 0 ? Plain(part) : scope + "." + Plain(part);
            }

            return string.Join(".", written);
        }

        /// <summary><paramref name="name"/>, made unique in <paramref name="scope"/> with a suffix (which also unmakes a keyword).</summary>
        private string Unique(string scope, string name)
        {
            var candidate = name;
            for (var i = 2; namespaces.Contains(scope + "+" + Plain(candidate)) || !taken.Add(scope + "+" + Plain(candidate)) || scope.EndsWith("+" + Plain(candidate), StringComparison.Ordinal); i++)
            {
                candidate = name + i;
            }

            return candidate;
        }

        private static string Plain(string name) => name.TrimStart('@').Replace("\\u0041", "A", StringComparison.Ordinal);

        private string Pick(string[] values) => values[random.Next(values.Length)];
    }
}

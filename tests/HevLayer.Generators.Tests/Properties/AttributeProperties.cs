using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using CsCheck;
using HevLayer.Generators.Analyzers;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// Generated attribute values (names from every character class, extreme integers, null and empty
/// strings) through the real analyzers and generator: nothing throws (no AD0001, no CS8785), whatever the
/// generator emits compiles, and each workload has exactly the HEVL errors and warnings (by rule id) that an
/// independent oracle, written from the seed and the README's rule table, gives it.
/// </summary>
public sealed class AttributeProperties
{
    private const int Batch = 100;

    private static readonly string[] Pieces =
    {
        "a", "z", "0", "9", "-", "ingest", "docs-2", "A", "Z", "_", ".", " ", "é", "日", "\0", "\n", "\t", "\"", "\\", "/", ":", "\uD800", "\U0001F600", "\u202E",
    };

    private static readonly int[] Replicas = { int.MinValue, -1, 0, 1, 2, 4, 5, 20, 21, int.MaxValue };

    private static readonly Gen<string?> Text = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const((string?)string.Empty),
        Gen.Const((string?)new string('a', 64)),
        Gen.OneOfConst(Pieces).Array[1, 6].Select(p => (string?)string.Concat(p)),
        Gen.OneOfConst("ingest", "search", "docs-2", "a").Select(s => (string?)s));

    private static readonly Gen<Workload> WorkloadGen =
        from name in Text
        from ns in Gen.OneOf(Gen.Const((string?)null), Gen.Const((string?)null), Text.Where(t => t is not null))
        from pool in Gen.OneOfConst<string?>("cpu", "gpu", "cpu", "", null, "gpu-a10")
        from mode in Gen.Int[0, 2]
        from min in Gen.OneOfConst(Replicas)
        from max in Gen.OneOf(Gen.Const((int?)null), Gen.OneOfConst(Replicas).Select(r => (int?)r))
        from paused in Gen.Bool
        select new Workload(name, ns, pool, mode, min, max, paused);

    private static readonly Regex Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant);

    [Fact]
    public void Any_attribute_values_give_no_crash_compiling_output_and_exactly_the_oracles_verdict()
    {
        var batches = Math.Max(1, PropertyRun.Cases / Batch);
        PropertyRun.ForAll(WorkloadGen.Array[Batch], batches, 3, Check, ws => string.Join("\n", ws.Select((w, i) => w.Source(i))));
    }

    private static void Check(Workload[] workloads)
    {
        var source = new StringBuilder("using HevLayer;\n[assembly: HevLayerDefaults(Image = \"registry.example/w:1\")]\n");
        for (var i = 0; i < workloads.Length; i++)
        {
            source.Append(workloads[i].Source(i));
        }

        var compilation = GeneratorHarness.Compile(("Workloads.cs", source.ToString()));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("/p/infrarules.yaml", AnalyzerVerifier.SampleInfraRules))),
            (e, _, _) => { lock (exceptions) { exceptions.Add(e); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer(), new InfraRulesAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "HEVL900");

        var tree = compilation.SyntaxTrees.Single();
        var root = tree.GetRoot();
        var flagged = Enumerable.Range(0, workloads.Length).Select(_ => new SortedSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("HEVL", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning))
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>();
            Assert.NotNull(node);
            flagged[int.Parse(node!.Identifier.Text.Substring(1), CultureInfo.InvariantCulture)].Add(diagnostic.Id);
        }

        var expected = Oracle(workloads);
        for (var i = 0; i < workloads.Length; i++)
        {
            Assert.True(expected[i].SetEquals(flagged[i]), $"W{i}: the oracle gives [{string.Join(", ", expected[i])}], the analyzers [{string.Join(", ", flagged[i])}]: {workloads[i].Source(i)}");
        }

        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(driver.GetRunResult().Results.Single().Exception is { } ex ? new[] { ex } : Array.Empty<Exception>());
        var generatedErrors = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(generatedErrors.Count == 0, "Generated code does not compile: " + string.Join("\n", generatedErrors));
    }

    /// <summary>
    /// The rule ids (errors and warnings) of each workload, from the seed's rules and the README's rule table
    /// alone: a name or namespace that is not an RFC 1123 label (HEVL101, HEVL102), no pool (HEVL003) or one
    /// InfraRules lacks (HEVL001), a negative count (HEVL004), replicas above the pool's ceiling in every bound
    /// the manifest carries (HEVL002: min in any mode, max unless fixed, which ignores it), autoscale with no
    /// max (HEVL006) or min above a positive max (HEVL005), fixed with min 0 (HEVL007) or a max (HEVL008), and
    /// two workloads with one namespace and name (HEVL103). Paused is a note (HEVL009), not counted here.
    /// </summary>
    private static SortedSet<string>[] Oracle(Workload[] workloads)
    {
        var ceilings = new Dictionary<string, int> { ["cpu"] = 20, ["gpu"] = 4 };
        var expected = new SortedSet<string>[workloads.Length];
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < workloads.Length; i++)
        {
            var w = workloads[i];
            var ids = expected[i] = new SortedSet<string>(StringComparer.Ordinal);
            void When(bool condition, string id)
            {
                if (condition)
                {
                    ids.Add(id);
                }
            }

            bool Valid(string? s) => s is not null && s.Length <= 63 && Label.IsMatch(s);
            When(!Valid(w.Name), "HEVL101");
            When(!string.IsNullOrEmpty(w.Namespace) && !Valid(w.Namespace), "HEVL102");
            When(string.IsNullOrEmpty(w.Pool), "HEVL003");
            When(!string.IsNullOrEmpty(w.Pool) && !ceilings.ContainsKey(w.Pool), "HEVL001");
            When(w.Min < 0 || w.Max < 0, "HEVL004");

            // Seed: asking for more replicas than the pool's ceiling leaves the workload unready, in any mode.
            // Fixed writes max = min, so its declared max is not asked for (it is reported as ignored).
            var ceiling = w.Pool is not null && ceilings.TryGetValue(w.Pool, out var c) ? c : int.MaxValue;
            When(w.Min > ceiling || (w.Mode != 1 && w.Max > ceiling), "HEVL002");
            When(w.Mode == 0 && w.Max is null or 0, "HEVL006");
            When(w.Mode == 0 && w.Max > 0 && w.Min > w.Max, "HEVL005");
            When(w.Mode == 1 && w.Min == 0, "HEVL007");
            When(w.Mode == 1 && w.Max is not null, "HEVL008");

            if (Valid(w.Name) && (string.IsNullOrEmpty(w.Namespace) || Valid(w.Namespace)))
            {
                var key = (string.IsNullOrEmpty(w.Namespace) ? "default" : w.Namespace) + "/" + w.Name;
                if (!keys.TryGetValue(key, out var list))
                {
                    keys[key] = list = new List<int>();
                }

                list.Add(i);
            }
        }

        foreach (var group in keys.Values.Where(g => g.Count > 1))
        {
            foreach (var i in group)
            {
                expected[i].Add("HEVL103");
            }
        }

        return expected;
    }

    private sealed record Workload(string? Name, string? Namespace, string? Pool, int Mode, int Min, int? Max, bool Paused)
    {
        public string Source(int index)
        {
            var args = new List<string> { Literal(Name) };
            if (Namespace is not null)
            {
                args.Add("Namespace = " + Literal(Namespace));
            }

            if (Paused)
            {
                args.Add("Paused = true");
            }

            var scaling = new List<string> { "Pool = " + Literal(Pool), "Mode = (ScalingMode)" + Mode.ToString(CultureInfo.InvariantCulture), "MinReplicas = " + Int(Min) };
            if (Max is int max)
            {
                scaling.Add("MaxReplicas = " + Int(max));
            }

            return $"[Pipeline({string.Join(", ", args)})]\n[Scaling({string.Join(", ", scaling)})]\npublic sealed partial class W{index} {{ }}\n";
        }

        private static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Int(int value) => value == int.MinValue ? "int.MinValue" : value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText text;

        public InMemoryText(string path, string content)
        {
            Path = path;
            text = SourceText.From(content);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}

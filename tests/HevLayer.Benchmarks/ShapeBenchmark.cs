using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HevLayer.Policy.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace HevLayer.Benchmarks;

/// <summary>
/// What the generated C# costs the user's compile: the same N synthetic workloads compiled and emitted
/// (parse, bind, emit; one thread, so the figure is the work, not the scheduling) with no generated code at
/// all (the floor), with the generator's actual output, and with the generator's output rewritten into the
/// shapes it could have had: typed attribute arguments instead of the packed string, a cache field and a
/// <c>ref</c> getter, <c>[GeneratedCode]</c> on every getter. The alternatives are built from the same
/// facts, so each line differs from the actual output in one choice. Rounds interleave the variants, so
/// drift hits all alike; allocation is reported too, as it barely varies between runs.
/// </summary>
public static class ShapeBenchmark
{
    private const string Rounds = "25";

    // Stand-ins for the alternatives' runtime API, compiled with every variant but the floor so each pays the same.
    private const string Support = """
        namespace HevLayer.Shape
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class TypedAttribute : System.Attribute
            {
                public TypedAttribute(bool function, string name, string @namespace, bool paused, string[] labels, string[] annotations, string image, string pool,
                    int mode, int minReplicas, int maxReplicas, int set, int[] values, int triggers, string[] targetNamespaces, string[] inputs, string version, string[] filter) { }
            }

            public static class G
            {
                public static HevLayer.Manifests.PipelineManifest Pipeline(ref HevLayer.Manifests.PipelineManifest cache, System.Type type) => cache;
                public static HevLayer.Manifests.FunctionManifest Function(ref HevLayer.Manifests.FunctionManifest cache, System.Type type) => cache;
            }
        }
        """;

    public static void Print(int n)
    {
        var plain = Synthetic.Compilation(n);
        var generated = Synthetic.WithGeneratedSources(plain).SyntaxTrees.Skip(plain.SyntaxTrees.Count()).Select(t => t.GetText().ToString()).ToArray();
        var parse = (CSharpParseOptions)plain.SyntaxTrees.First().Options;
        var variants = new (string Name, Func<string, string> Shape)[]
        {
            ("plain compile (no generated code)", _ => string.Empty),
            ("HevLayer's output", s => s),
            ("  with typed arguments, not packed", Typed),
            ("  with a cache field and a ref getter", CacheField),
            ("  with [GeneratedCode] on each getter", GeneratedCode),
            ("  with all three (the previous shape)", s => GeneratedCode(CacheField(Typed(s)))),
        };

        var texts = variants.Select((v, i) => generated.Select(v.Shape).Where(t => t.Length > 0).Concat(i == 0 ? Array.Empty<string>() : new[] { Support }).ToArray()).ToArray();
        var times = variants.Select(_ => new List<double>()).ToArray();
        var allocated = variants.Select(_ => new List<double>()).ToArray();
        var options = plain.Options.WithConcurrentBuild(false);
        var rounds = int.Parse(Environment.GetEnvironmentVariable("HEVLAYER_BENCH_ROUNDS") ?? Rounds, CultureInfo.InvariantCulture);
        for (var round = -2; round < rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                // One variant alone, for a profiler (HEVLAYER_SHAPE_ONLY=1 is HevLayer's output).
                if (Environment.GetEnvironmentVariable("HEVLAYER_SHAPE_ONLY") is { } only && only != v.ToString(CultureInfo.InvariantCulture))
                {
                    continue;
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var trees = texts[v].Select(t => CSharpSyntaxTree.ParseText(t, parse));
                var compilation = CSharpCompilation.Create("Shape", plain.SyntaxTrees.Concat(trees), plain.References, options);
                using var stream = new MemoryStream();
                var result = compilation.Emit(stream);
                clock.Stop();
                if (!result.Success)
                {
                    throw new InvalidOperationException(variants[v].Name + ": " + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
                }

                if (round >= 0)
                {
                    times[v].Add(clock.Elapsed.TotalMilliseconds);
                    allocated[v].Add((GC.GetTotalAllocatedBytes(precise: true) - before) / 1048576.0);
                }
            }
        }

        if (times[0].Count == 0)
        {
            return;
        }

        Console.WriteLine($"== The generated code in the compile, N = {n:N0} workloads: parse, bind and emit on one thread (median of {rounds} after 2 warm-ups)");
        Console.WriteLine($"{"",-40} {"compile + emit",-24} {"over the floor",14} {"generated C#",13} {"allocated",11}");
        var floor = Spread.Median(times[0]);
        var floorMb = Spread.Median(allocated[0]);
        for (var v = 0; v < variants.Length; v++)
        {
            var kib = texts[v].Where(t => t != Support).Sum(t => t.Length) / 1024.0;
            var over = Spread.Median(times[v]) - floor;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-40} {Spread.Of(times[v], "ms", "0"),-24} {(v == 0 ? "" : $"+{over:0} ms ({over / floor:+0%})"),14} {kib,9:0} KiB {Spread.Median(allocated[v]),8:0.0} MB"));
        }
    }

    /// <summary>The facts as the 18 typed constructor arguments the generator wrote before they were packed.</summary>
    private static string Typed(string source) => Regex.Replace(source, @"\[global::HevLayer\.Manifests\.GeneratedWorkload\((""(?:[^""\\]|\\.)*"")\)\]", m =>
    {
        var f = WorkloadFacts.Unpack(Unquote(m.Groups[1].Value));

        // The previous shape's optional counts: a bit per count that is set, then the set values in order.
        var optional = new[]
        {
            FactSlot.BatchSize, FactSlot.TimeoutSeconds, FactSlot.MaxAttempts, FactSlot.InitialBackoffSeconds, FactSlot.MaxBackoffSeconds,
            FactSlot.DiscoveryIntervalSeconds, FactSlot.LeaseSeconds, FactSlot.MaxInFlightBatches, FactSlot.MaxConcurrentScans,
        };
        var set = optional.Select((slot, i) => f.OptionalNumber(slot) is null ? 0 : 1 << i).Sum();
        var values = optional.Select(f.OptionalNumber).OfType<int>().ToArray();
        return "[global::HevLayer.Shape.Typed(" + string.Join(", ",
            f.Function ? "true" : "false", Quote(f.Name), Quote(f.Namespace), f.Flag(FactSlot.Paused) ? "true" : "false", Strings(f.Texts(FactSlot.Labels)), Strings(f.Texts(FactSlot.Annotations)),
            Quote(f.Text(FactSlot.Image)), Quote(f.Text(FactSlot.Pool)), Int(f.Number(FactSlot.Mode)), Int(f.Number(FactSlot.MinReplicas)), Int(f.Number(FactSlot.MaxReplicas)), Int(set),
            values.Length == 0 ? "null" : "new int[] { " + string.Join(", ", values.Select(Int)) + " }",
            Int(f.Number(FactSlot.Triggers)), Strings(f.Texts(FactSlot.TargetNamespaces)), Strings(f.Texts(FactSlot.Inputs)), f.OptionalText(FactSlot.Version) is { } version ? Quote(version) : "null", Strings(f.Texts(FactSlot.Filter))) + ")]";
    });

    private static string CacheField(string source) => Regex.Replace(
        source,
        @"public static (global::HevLayer\.Manifests\.(\w+)Manifest) Manifest => global::HevLayer\.Manifests\.Generated\.\w+\((typeof\([^)]*\))\);",
        "private static $1 __hevLayerManifest;\n\n        public static $1 Manifest => global::HevLayer.Shape.G.$2(ref __hevLayerManifest, $3);");

    private static string GeneratedCode(string source) => Regex.Replace(
        source,
        @"^(\s*)(public static global::HevLayer\.Manifests\.\w+Manifest Manifest =>)",
        "$1[global::System.CodeDom.Compiler.GeneratedCode(\"HevLayer.Generators\", \"0.1.0\")]\n$1$2",
        RegexOptions.Multiline);

    private static string Unquote(string literal) => ((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal)).Token.ValueText;

    private static string Quote(string value) => SyntaxFactory.Literal(value).ToString();

    private static string Strings(string[] values) => values.Length == 0 ? "null" : "new string[] { " + string.Join(", ", values.Select(Quote)) + " }";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using HevLayer.Generators.Analyzers;
using HevLayer.Generators.Parsing;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Benchmarks;

/// <summary>
/// Where the HEVL analyzers' time per workload goes. Two views of the synthetic project (with the
/// generator's output, bound first so that no analyzer pays for binding the compiler does anyway):
/// the analyzer driver's own execution time per analyzer (what <c>-p:ReportAnalyzer=true</c> reports),
/// against the do-nothing <see cref="FloorAnalyzer"/>; and the work of <see cref="WorkloadAnalyzer"/>
/// taken apart, each part timed over every workload class (the attribute scan, the parser, each rule,
/// the defaults and the duplicate key), with what each part allocates. With "loop", runs the whole
/// analyzer 200 times for a sampling profiler.
/// </summary>
public static class AnalyzerProfile
{
    public static void Print(int n, bool loop)
    {
        var compilation = Synthetic.WithGeneratedSources(Synthetic.Compilation(n));
        compilation.GetDiagnostics();
        var options = Synthetic.AnalyzerOptions();
        if (loop)
        {
            for (var i = 0; i < 200; i++)
            {
                Driver(compilation, options, new WorkloadAnalyzer());
            }

            return;
        }

        // The driver's view: each analyzer alone on the bound compilation, 3 warm-ups then 9 runs, taking turns.
        var cases = new (string Label, Func<DiagnosticAnalyzer> Make)[]
        {
            ("FloorAnalyzer (symbol action, reads the attributes)", () => new FloorAnalyzer()),
            ("WorkloadAnalyzer", () => new WorkloadAnalyzer()),
            ("InfraRulesAnalyzer", () => new InfraRulesAnalyzer()),
        };
        var times = cases.Select(_ => new List<double>()).ToArray();
        var allocated = new long[cases.Length];
        for (var i = 0; i < 12; i++)
        {
            for (var k = 0; k < cases.Length; k++)
            {
                var c = (k + i) % cases.Length;
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var t = Driver(compilation, options, cases[c].Make());
                if (i >= 3)
                {
                    times[c].Add(t);
                    allocated[c] = GC.GetTotalAllocatedBytes(precise: true) - before;
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyzers N={n}: the driver's execution time per analyzer on the bound project (median of 9, min..max)"));
        for (var c = 0; c < cases.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cases[c].Label,-56} {Spread.Of(times[c])}  = {Spread.Median(times[c]) * 1000 / n:0.0} us per workload; the whole run allocates {allocated[c] / 1024.0 / n:0.0} KiB per workload"));
        }

        Parts(compilation, options, n);
    }

    /// <summary>One analyzer over the whole compilation; its execution time as the driver logs it, in ms.</summary>
    private static double Driver(Compilation compilation, AnalyzerOptions options, DiagnosticAnalyzer analyzer)
    {
        var with = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        with.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return with.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
    }

    /// <summary>WorkloadAnalyzer's steps, each timed over every workload class; 3 warm-up passes, then the median of 9.</summary>
    private static void Parts(Compilation compilation, AnalyzerOptions options, int n)
    {
        var pipeline = compilation.GetTypeByMetadataName(AttributeNames.Pipeline)!;
        var function = compilation.GetTypeByMetadataName(AttributeNames.Function)!;
        var types = new List<INamedTypeSymbol>();
        foreach (var tree in compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith("Worker", StringComparison.Ordinal)))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                types.Add((INamedTypeSymbol)model.GetDeclaredSymbol(node)!);
            }
        }

        var infraRules = InfraRulesReader.Read("/synthetic/infrarules.yaml", Synthetic.InfraRules);
        var (infra, _) = InfraRulesSources.Combine(new[] { infraRules }, _ => "infrarules.yaml");
        var defaults = ProjectDefaults.Merge(ProjectDefaults.None, WorkloadParser.ReadDefaults(compilation.Assembly.GetAttributes().First(a => a.AttributeClass?.Name == "HevLayerDefaultsAttribute")));

        var parts = new List<(string Label, Action Run)>
        {
            ("per compilation: InfraRules YAML read + combine", () => InfraRulesSources.Combine(new[] { InfraRulesReader.Read("/synthetic/infrarules.yaml", Synthetic.InfraRules) }, _ => "infrarules.yaml")),
            ("attribute scan (GetAttributes, compare classes)", () =>
            {
                foreach (var type in types)
                {
                    foreach (var a in type.GetAttributes())
                    {
                        _ = SymbolEqualityComparer.Default.Equals(a.AttributeClass, pipeline) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, function);
                    }
                }
            }),
        };

        var declarations = types.Select(t =>
        {
            var attribute = t.GetAttributes().First(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, pipeline) || SymbolEqualityComparer.Default.Equals(a.AttributeClass, function));
            return (Type: t, Attribute: attribute, Kind: SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, function) ? WorkloadKind.Function : WorkloadKind.Pipeline);
        }).ToList();
        parts.Add(("WorkloadParser.ReadDeclaration (the model)", () =>
        {
            foreach (var (type, attribute, kind) in declarations)
            {
                WorkloadParser.ReadDeclaration(type, attribute, kind, CancellationToken.None);
            }
        }));

        var read = declarations.Select(d => WorkloadParser.ReadDeclaration(d.Type, d.Attribute, d.Kind, CancellationToken.None)).ToList();
        var contexts = read.Select(d => new WorkloadContext(d.Workload, d.Type.Shape, defaults, infra, true)).ToList();
        parts.Add(("RuleCatalog.Check, all rules (enumerated)", () =>
        {
            foreach (var context in contexts)
            {
                foreach (var finding in RuleCatalog.Check(context))
                {
                    _ = finding;
                }
            }
        }));
        foreach (var rule in RuleCatalog.Workload)
        {
            parts.Add(("  rule " + rule.Id + " " + rule.GetType().Name, () =>
            {
                foreach (var context in contexts)
                {
                    foreach (var finding in rule.Check(context))
                    {
                        _ = finding;
                    }
                }
            }));
        }

        parts.Add(("WithDefaults + DNS checks + duplicate key", () =>
        {
            foreach (var d in read)
            {
                var resolved = d.Workload.WithDefaults(defaults);
                if (KubernetesNames.IsDnsLabel(resolved.Name) && KubernetesNames.IsDnsLabel(resolved.Namespace))
                {
                    _ = "Pipeline/" + resolved.Namespace + "/" + resolved.Name;
                }
            }
        }));
        parts.Add(("attribute syntax location (GetSyntax().GetLocation())", () =>
        {
            foreach (var (_, attribute, _) in declarations)
            {
                _ = attribute.ApplicationSyntaxReference?.GetSyntax(CancellationToken.None).GetLocation();
            }
        }));

        var ms = parts.Select(_ => new List<double>()).ToArray();
        var bytes = new long[parts.Count];
        for (var i = 0; i < 12; i++)
        {
            for (var p = 0; p < parts.Count; p++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                parts[p].Run();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (i >= 3)
                {
                    ms[p].Add(elapsed);
                    bytes[p] = GC.GetAllocatedBytesForCurrentThread() - before;
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WorkloadAnalyzer taken apart, {types.Count} workload classes, one thread (median of 9, min..max; allocated per pass)"));
        for (var p = 0; p < parts.Count; p++)
        {
            var median = Spread.Median(ms[p]);
            if (parts[p].Label.StartsWith("  rule", StringComparison.Ordinal) && median < 0.05 * n / 1000)
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {parts[p].Label,-56} {Spread.Of(ms[p])}  = {median * 1000 / n:0.0} us per workload, {bytes[p] / 1024.0:N0} KiB"));
        }
    }
}

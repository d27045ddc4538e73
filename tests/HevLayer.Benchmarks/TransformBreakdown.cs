using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HevLayer.Generators.Parsing;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;

namespace HevLayer.Benchmarks;

/// <summary>
/// What our ForAttributeWithMetadataName transform costs, part by part, over all N classes of a compilation
/// whose attributes are already bound (as in an edit after another generator ran): the transform runs once
/// per attributed class on every new compilation, so this is the part of an edit that grows with N.
/// Medians of 15 passes after 30 warm-ups.
/// </summary>
public static class TransformBreakdown
{
    /// <param name="n">The number of workloads.</param>
    /// <param name="profileLoop">Instead of printing, run the whole transform 1,500 times over all N classes, for a profiler
    /// (<c>dotnet-trace collect -- dotnet HevLayer.Benchmarks.dll transform 1000 loop</c>).</param>
    public static void Print(int n, bool profileLoop = false)
    {
        var compilation = Synthetic.Compilation(n);
        var types = new List<(INamedTypeSymbol Type, AttributeData Attribute, WorkloadKind Kind)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            {
                var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name is "PipelineAttribute" or "FunctionAttribute")
                    {
                        types.Add((type, attribute, attribute.AttributeClass.Name == "PipelineAttribute" ? WorkloadKind.Pipeline : WorkloadKind.Function));
                    }
                }
            }
        }

        if (profileLoop)
        {
            for (var k = 0; k < 1500; k++)
            {
                foreach (var (type, attribute, kind) in types)
                {
                    _ = WorkloadParser.ReadDeclaration(type, attribute, kind, default);
                }
            }

            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"transform N={n}: {types.Count} attributed classes, attributes bound; median of 15 passes over all of them (min..max)"));
        Measure("whole transform (ReadDeclaration)", () =>
        {
            foreach (var (type, attribute, kind) in types)
            {
                _ = WorkloadParser.ReadDeclaration(type, attribute, kind, default);
            }
        });
        Measure("TypeNames.Of (namespace, display and qualified names)", () =>
        {
            foreach (var (type, _, _) in types)
            {
                _ = TypeNames.Of(type);
            }
        });
        Measure("for scale: ToDisplayString(CSharpErrorMessageFormat)", () =>
        {
            foreach (var (type, _, _) in types)
            {
                _ = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            }
        });
        Measure("for scale: ToDisplayString(FullyQualifiedFormat)", () =>
        {
            foreach (var (type, _, _) in types)
            {
                _ = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            }
        });
        Measure("GetAttributes (cached on the symbol)", () =>
        {
            foreach (var (type, _, _) in types)
            {
                _ = type.GetAttributes();
            }
        });
        var previous = types.Select(t => WorkloadParser.ReadDeclaration(t.Type, t.Attribute, t.Kind, default)).ToArray();
        var current = types.Select(t => WorkloadParser.ReadDeclaration(t.Type, t.Attribute, t.Kind, default)).ToArray();
        Measure("model equality (what the driver compares per class)", () =>
        {
            for (var i = 0; i < previous.Length; i++)
            {
                if (!previous[i].Equals(current[i]))
                {
                    throw new InvalidOperationException("models differ");
                }
            }
        });
    }

    private static void Measure(string label, Action pass)
    {
        var times = new List<double>();
        var allocated = new List<long>();
        for (var i = 0; i < 45; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            pass();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (i >= 30)
            {
                times.Add(elapsed);
                allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {label,-55} {Spread.Of(times, format: "0.000")}, {Spread.Median(allocated.Select(a => (double)a)) / 1024.0,8:0.0} KiB"));
    }
}

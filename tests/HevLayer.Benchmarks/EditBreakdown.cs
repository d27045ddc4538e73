using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using HevLayer.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Benchmarks;

/// <summary>
/// Where the time of a one-workload edit goes, step by step on the editor's new compilation: what
/// Roslyn must do before any generator can match an attribute, then the floor generator, then ours.
/// Median of 9 runs, each on a compilation made from the bound previous one with ReplaceSyntaxTree.
/// </summary>
public static class EditBreakdown
{
    public static void Print(int n)
    {
        var compilation = Synthetic.Compilation(n);
        var warm = Synthetic.Driver(new WorkloadGenerator()).RunGenerators(compilation);
        var warmFloor = Synthetic.Driver(new FloorGenerator()).RunGenerators(compilation);
        compilation.GetDiagnostics();
        Synthetic.EnsureRan(warm.GetRunResult().Results[0], n);
        var index = Synthetic.EditedIndex(n);
        var path = "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs";

        double[] Measure(Func<Compilation, object?> step) => Enumerable.Range(0, 9).Select(_ =>
        {
            var edited = Synthetic.EditOne(compilation, index);
            var clock = Stopwatch.StartNew();
            step(edited);
            return clock.Elapsed.TotalMilliseconds;
        }).OrderBy(t => t).ToArray();

        var attributeType = Measure(c => c.GetTypeByMetadataName("HevLayer.PipelineAttribute"));
        var bindEdited = Measure(c =>
        {
            var tree = c.SyntaxTrees.Single(t => t.FilePath == path);
            var model = c.GetSemanticModel(tree);
            var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
            return model.GetDeclaredSymbol(declaration)!.GetAttributes();
        });
        var ours = Measure(c => warm.RunGenerators(c));
        var floor = Measure(c => warmFloor.RunGenerators(c));
        var oursAgain = Measure(c => warm.RunGenerators(c));
        var oursTiming = Enumerable.Range(0, 9).Select(_ =>
            warm.RunGenerators(Synthetic.EditOne(compilation, index)).GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds).OrderBy(t => t).ToArray();

        Console.WriteLine($"One-workload edit at N={n} (median of 9, min..max):");
        Row("GetTypeByMetadataName(PipelineAttribute) on the new compilation", attributeType);
        Row("bind the edited class and its attributes (semantic model, symbol)", bindEdited);
        Row("floor generator (FAWMN only) RunGenerators", floor);
        Row("WorkloadGenerator RunGenerators", ours);
        Row("WorkloadGenerator RunGenerators, measured again after the floor", oursAgain);
        Row("WorkloadGenerator, Roslyn's own timing of the generator", oursTiming);
    }

    private static void Row(string label, double[] times) => Console.WriteLine($"  {label,-70} {Spread.Of(times, format: "0.0")}");
}

using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using HevLayer.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>Runs both HevLayer analyzers over markup sources with Microsoft.CodeAnalysis.Testing.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>The sample's InfraRules: the seed's example (pool cpu, ceiling 20) plus gpu (ceiling 4).</summary>
    public static string SampleInfraRules => System.IO.File.ReadAllText(System.IO.Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml"));

    /// <summary>A header every test source starts with: usings and a project image, so HEVL110 stays quiet.</summary>
    public const string Header = "using HevLayer;\n[assembly: HevLayerDefaults(Image = \"registry.example/w:1\")]\n";

    public static Task VerifyAsync(string source, string? infraRules, params DiagnosticResult[] expected) =>
        VerifyAsync(new[] { source }, infraRules is null ? new (string, string)[0] : new[] { ("/0/infrarules.yaml", infraRules) }, expected);

    public static async Task VerifyAsync(IEnumerable<string> sources, IEnumerable<(string Path, string Text)> additionalFiles, params DiagnosticResult[] expected)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var file in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, Descriptor(id).DefaultSeverity);

    public static DiagnosticDescriptor Descriptor(string id) => System.Array.Find(Diagnostics.DiagnosticDescriptors.All, d => d.Id == id)!;

    public static ReferenceAssemblies References { get; } = ReferenceAssemblies.Net.Net80;

    internal sealed class Test : CSharpAnalyzerTest<WorkloadAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = References;
            TestState.AdditionalReferences.Add(typeof(PipelineAttribute).Assembly);
            TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[] { new WorkloadAnalyzer(), new InfraRulesAnalyzer() };
    }
}

/// <summary>Runs a code fix over markup sources, with both analyzers.</summary>
internal sealed class CodeFixVerifier<TFix> : CSharpCodeFixTest<WorkloadAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public CodeFixVerifier(string source, string fixedSource, string? infraRules)
    {
        ReferenceAssemblies = AnalyzerVerifier.References;
        TestState.AdditionalReferences.Add(typeof(PipelineAttribute).Assembly);
        FixedState.AdditionalReferences.Add(typeof(PipelineAttribute).Assembly);
        TestState.Sources.Add(source);
        FixedState.Sources.Add(fixedSource);
        if (infraRules is not null)
        {
            TestState.AdditionalFiles.Add(("/0/infrarules.yaml", infraRules));
            FixedState.AdditionalFiles.Add(("/0/infrarules.yaml", infraRules));
        }
    }
}

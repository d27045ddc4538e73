using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Build;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Runs the project's generators and the HEVL analyzers over a compilation of <see cref="ProjectSources"/>,
/// as the build does, and reads the workloads' facts from the generated code. Keeps the generator driver of
/// the whole project warm between saves; nothing it runs changes the session until <see cref="Commit"/>.
/// </summary>
internal sealed class ProjectChecker
{
    /// <summary>Errors that say a name was not found: in the small compilation, a sign that it lacks a file.</summary>
    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal) { "CS0103", "CS0117", "CS0234", "CS0246", "CS0426", "CS0119", "CS0122", "CS1061" };

    private readonly ProjectSources sources;
    private readonly CSharpParseOptions parseOptions;
    private readonly ConfigOptions options;
    private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
    private readonly ISourceGenerator? hevLayer;
    private GeneratorDriver driver;

    private ProjectChecker(ProjectSources sources, CSharpParseOptions parseOptions, ConfigOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators)
    {
        this.sources = sources;
        this.parseOptions = parseOptions;
        this.options = options;
        this.analyzers = analyzers;
        hevLayer = generators.FirstOrDefault(IsHevLayer);
        driver = NewDriver(generators);
    }

    /// <summary>True when the project references the HEVL generator (the fast path runs it alone).</summary>
    public bool HasHevLayer => hevLayer is not null;

    /// <summary>
    /// Loads the generators and the HEVL analyzers of the compiler's command line. The SDK's code-quality
    /// analyzers are the build's to run.
    /// </summary>
    /// <param name="warnings">Receives the assemblies that could not be loaded (the compiler's CS8032 and friends).</param>
    public static ProjectChecker Load(ProjectInputs inputs, CSharpCommandLineArguments arguments, ConfigOptions options, ProjectSources sources, AnalyzerLoader loader, List<string> warnings)
    {
        var generators = ImmutableArray.CreateBuilder<ISourceGenerator>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var reference in arguments.AnalyzerReferences)
        {
            var path = Path.GetFullPath(reference.FilePath, inputs.ProjectDirectory);
            var file = new AnalyzerFileReference(path, loader);
            file.AnalyzerLoadFailed += (_, e) => warnings.Add($"{path}: {e.Message}");
            generators.AddRange(file.GetGenerators(LanguageNames.CSharp));

            // The HEVL analyzers are what a save is checked with; the SDK's code-quality analyzers are the build's to run.
            if (Path.GetFileName(path).StartsWith("HevLayer.", StringComparison.Ordinal))
            {
                analyzers.AddRange(file.GetAnalyzers(LanguageNames.CSharp));
            }
        }

        return new ProjectChecker(sources, arguments.ParseOptions, options, analyzers.ToImmutable(), generators.ToImmutable());
    }

    /// <summary>The HEVL analyzers' findings in one file (syntax and semantics), as the editor asks for them.</summary>
    public static IEnumerable<Diagnostic> AnalyzerDiagnostics(CompilationWithAnalyzers withAnalyzers, SemanticModel model, CancellationToken cancellationToken) =>
        withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken).GetAwaiter().GetResult()
            .Concat(withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).GetAwaiter().GetResult());

    /// <summary>
    /// The compiler's errors in the workloads' attributes of <paramref name="model"/>'s tree (of the small
    /// compilation's findings, the save's own); null when one says a name was not found, a sign that the small
    /// compilation lacks a file.
    /// </summary>
    public static List<Diagnostic>? AttributeErrors(SemanticModel model, CancellationToken cancellationToken)
    {
        var found = new List<Diagnostic>();
        foreach (var list in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(n => n is not BlockSyntax).OfType<AttributeListSyntax>())
        {
            foreach (var diagnostic in model.GetDiagnostics(list.Span, cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                if (NotFound.Contains(diagnostic.Id))
                {
                    return null;
                }

                found.Add(diagnostic);
            }
        }

        return found;
    }

    /// <summary>An AdditionalFile changed: the driver reads <paramref name="now"/> instead of <paramref name="was"/>.</summary>
    public void ReplaceAdditionalText(AdditionalText was, AdditionalText now) => driver = driver.ReplaceAdditionalText(was, now);

    /// <summary>Runs every generator on the whole compilation and reads every workload's facts; the session is not changed.</summary>
    public (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics, List<TypeFacts> Manifests) Generate(PassClock clock, CancellationToken cancellationToken)
    {
        var next = driver.RunGeneratorsAndUpdateCompilation(sources.Compilation, out var output, out var diagnostics, cancellationToken);
        clock.Step("run every generator on the whole project");
        var found = new List<TypeFacts>();
        foreach (var result in next.GetRunResult().Results.Where(r => IsHevLayer(r.Generator)))
        {
            foreach (var source in result.GeneratedSources)
            {
                found.AddRange(GeneratedFacts.ReadTypes(source.SyntaxTree, () => output, cancellationToken));
            }
        }

        clock.Step("read the facts");
        return (next, output, diagnostics, found);
    }

    /// <summary>Keeps the driver of a <see cref="Generate"/> whose results the session took.</summary>
    public void Commit(GeneratorDriver next) => driver = next;

    /// <summary>Runs the HEVL generator alone, on a fresh driver, over <paramref name="small"/>.</summary>
    public (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) GenerateHevLayer(Compilation small, CancellationToken cancellationToken)
    {
        var next = NewDriver(ImmutableArray.Create(hevLayer!))
            .RunGeneratorsAndUpdateCompilation(small, out var output, out var diagnostics, cancellationToken);
        return (next, output, diagnostics);
    }

    /// <summary>The HEVL analyzers over <paramref name="output"/>, with the AdditionalFiles and config options.</summary>
    public CompilationWithAnalyzers WithAnalyzers(Compilation output) =>
        output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(sources.AdditionalTexts.ToImmutableArray(), options),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false));

    private static bool IsHevLayer(ISourceGenerator generator) =>
        generator.GetGeneratorType().Assembly.GetName().Name == "HevLayer.Generators";

    private GeneratorDriver NewDriver(ImmutableArray<ISourceGenerator> generators) =>
        CSharpGeneratorDriver.Create(generators, sources.AdditionalTexts, parseOptions, options, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}

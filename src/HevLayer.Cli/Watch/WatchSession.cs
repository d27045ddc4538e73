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
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Cli.Watch;

/// <summary>
/// One project's compilation and generator driver, kept warm between saves.
/// <para>
/// A save takes the fast path: the saved files are compiled with only what their workloads' attributes can
/// depend on (the other parts of their partial classes and every file that declares no workload: constants,
/// assembly attributes, global usings), so the HEVL generator and analyzers bind a handful of classes, not
/// all of them; the saved workloads' facts are read from the generated code, checked, and, with no error,
/// written through the build task's <see cref="ManifestFolder"/>. Then the check (<see cref="Check"/>)
/// compiles the whole project as the build does (every generator, the compiler's diagnostics of the saved
/// files) and, should any manifest differ from the fast path's, writes the build's.
/// </para>
/// <para>
/// When an attribute of a saved workload does not bind in the small compilation (it names something that
/// lives in another workload's file), the save takes the whole-project path at once.
/// </para>
/// </summary>
internal sealed class WatchSession
{
    /// <summary>Errors that say a name was not found: in the small compilation, a sign that it lacks a file.</summary>
    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal) { "CS0103", "CS0117", "CS0234", "CS0246", "CS0426", "CS0119", "CS0122", "CS1061" };

    private readonly ProjectInputs inputs;
    private readonly CSharpCommandLineArguments arguments;
    private readonly ConfigOptions options;
    private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
    private readonly ISourceGenerator? hevLayer;
    private readonly CSharpCompilation template;
    private readonly Dictionary<string, SyntaxTree> trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceIndex> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdditionalFileText> additionalFiles = new(StringComparer.Ordinal);
    private readonly ProjectErrors errors = new();
    private readonly WorkloadManifests manifests;
    private readonly HashSet<string> toCheck = new(StringComparer.Ordinal);
    private readonly PassClock clock = new();
    private CSharpCompilation compilation;
    private GeneratorDriver driver;

    private WatchSession(ProjectInputs inputs, CSharpCommandLineArguments arguments, ConfigOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators, CSharpCompilation compilation, ManifestFolder folder, IReadOnlyList<string> loadWarnings, CancellationToken cancellationToken)
    {
        this.inputs = inputs;
        this.arguments = arguments;
        this.options = options;
        this.analyzers = analyzers;
        this.compilation = compilation;
        manifests = new WorkloadManifests(folder, inputs.EmitManifests);
        LoadWarnings = loadWarnings;
        template = compilation.RemoveAllSyntaxTrees();
        hevLayer = generators.FirstOrDefault(IsHevLayer);
        foreach (var tree in compilation.SyntaxTrees)
        {
            trees[tree.FilePath] = tree;
            index[tree.FilePath] = SourceIndex.Of(tree, cancellationToken);
        }

        foreach (var file in arguments.AdditionalFiles)
        {
            additionalFiles[file.Path] = new AdditionalFileText(file.Path);
        }

        driver = NewDriver(generators);
    }

    /// <summary>The project the session compiles.</summary>
    public ProjectInputs Inputs => inputs;

    /// <summary>Analyzer or generator assemblies that could not be loaded (the compiler's CS8032 and friends).</summary>
    public IReadOnlyList<string> LoadWarnings { get; }

    /// <summary>The source files, full paths.</summary>
    public IEnumerable<string> SourceFiles => trees.Keys;

    /// <summary>The AdditionalFiles (InfraRules, hand-written manifests), full paths.</summary>
    public IEnumerable<string> AdditionalFiles => additionalFiles.Keys;

    /// <summary>The .editorconfig and global config files, full paths.</summary>
    public IEnumerable<string> ConfigFiles => arguments.AnalyzerConfigPaths;

    /// <summary>The manifests folder (its writer remembers what it wrote).</summary>
    public ManifestFolder Folder => manifests.Folder;

    /// <summary>True when saved files wait for the whole-project check.</summary>
    public bool CheckPending => toCheck.Count > 0;

    /// <summary>Builds the session from the compiler's command line. Reads every input once.</summary>
    public static WatchSession Create(ProjectInputs inputs, AnalyzerLoader loader, CancellationToken cancellationToken)
    {
        var arguments = CSharpCommandLineParser.Default.Parse(inputs.CompilerArguments, inputs.ProjectDirectory, sdkDirectory: null);
        var argumentErrors = arguments.Errors.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (argumentErrors.Count > 0)
        {
            throw new ProjectLoadException("The compiler's command line could not be read: " + string.Join("; ", argumentErrors.Select(d => d.GetMessage())));
        }

        var configs = arguments.AnalyzerConfigPaths.Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p)).ToList();
        var options = new ConfigOptions(AnalyzerConfigSet.Create(configs, out _));

        var references = arguments.MetadataReferences
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, inputs.ProjectDirectory), r.Properties))
            .ToList();

        var parsed = arguments.SourceFiles
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(f => Parse(f.Path, arguments, cancellationToken))
            .ToList();

        var compilationOptions = arguments.CompilationOptions.WithSyntaxTreeOptionsProvider(options.Severities);
        var compilation = CSharpCompilation.Create(arguments.CompilationName, parsed, references, compilationOptions);

        var warnings = new List<string>();
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

        var folder = new ManifestFolder(inputs.ManifestsDirectory, inputs.ProjectName);
        folder.Remember();
        return new WatchSession(inputs, arguments, options, analyzers.ToImmutable(), generators.ToImmutable(), compilation, folder, warnings, cancellationToken);
    }

    /// <summary>
    /// The whole project, as the build checks it: every generator, the compiler's and the HEVL analyzers'
    /// diagnostics of every file; the folder brought in line. The first pass, and the pass after an
    /// AdditionalFile (InfraRules, a hand-written manifest) changed.
    /// </summary>
    public PassResult Full(CancellationToken cancellationToken)
    {
        clock.Start();
        var (newDriver, output, generatorDiagnostics, found) = Generate(cancellationToken);
        var all = WithAnalyzers(output).GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        clock.Step("check the whole project");
        Commit(newDriver, found);
        errors.Clear();
        toCheck.Clear();
        return Report(generatorDiagnostics.Concat(all));
    }

    /// <summary>A save: the files at <paramref name="changedSources"/> and <paramref name="changedAdditionalFiles"/> were written.</summary>
    public PassResult? Saved(IReadOnlyCollection<string> changedSources, IReadOnlyCollection<string> changedAdditionalFiles, CancellationToken cancellationToken)
    {
        clock.Start();
        var changed = new List<string>();
        var previous = new Dictionary<string, (SyntaxTree Tree, TextSpan Old, TextSpan New)>(StringComparer.Ordinal);
        var support = false;
        // Every file is read before anything changes, so a file that cannot be read leaves the session as it was.
        var read = changedSources.Select(p => (Path: p, Text: Read(p, arguments))).ToList();
        foreach (var (path, text) in read)
        {
            var old = trees[path];
            var oldText = old.GetText(cancellationToken);
            if (text.ContentEquals(oldText))
            {
                continue;
            }

            // The edit as a change to the old text, so that the parser reuses what it did not touch (a file of
            // 1,000 classes is not parsed again); the same text as read, unless the encoding changed too.
            var difference = Difference(oldText, text);
            var tree = Equals(text.Encoding, oldText.Encoding)
                ? old.WithChangedText(oldText.WithChanges(new TextChange(difference.Old, text.ToString(difference.New))))
                : old.WithChangedText(text);
            trees[path] = tree;
            compilation = compilation.ReplaceSyntaxTree(old, tree);
            previous[path] = (old, difference.Old, difference.New);
            var was = index[path];
            index[path] = SourceIndex.Of(tree, cancellationToken);

            // A file with no workload (helpers), or with constants or enums, can change any workload's attributes.
            support |= (!was.DeclaresWorkload && !index[path].DeclaresWorkload) || was.DeclaresConstants || index[path].DeclaresConstants;
            changed.Add(path);
        }

        var additionalChanged = false;
        foreach (var path in changedAdditionalFiles)
        {
            var was = additionalFiles[path];
            var now = new AdditionalFileText(path);
            if (now.GetText(cancellationToken)?.ContentEquals(was.GetText(cancellationToken) ?? SourceText.From(string.Empty)) == true)
            {
                continue;
            }

            additionalFiles[path] = now;
            driver = driver.ReplaceAdditionalText(was, now);
            additionalChanged = true;
        }

        clock.Step("read and parse");
        if (additionalChanged)
        {
            // InfraRules or a hand-written manifest: every workload may be affected.
            return Full(cancellationToken);
        }

        if (changed.Count == 0)
        {
            clock.Stop();
            return null;
        }

        toCheck.UnionWith(changed);
        return (support ? null : Fast(changed, previous, cancellationToken)) ?? Thorough(changed, cancellationToken);
    }

    /// <summary>
    /// The whole-project check of the files saved since the last one: every generator on the whole
    /// compilation (the build's manifests), the compiler's and the HEVL analyzers' diagnostics of those
    /// files. Writes only where the build's manifests differ from what the fast path wrote.
    /// </summary>
    public PassResult? Check(CancellationToken cancellationToken)
    {
        if (toCheck.Count == 0)
        {
            return null;
        }

        clock.Start();
        var files = toCheck.ToList();
        var result = Thorough(files, cancellationToken);
        toCheck.Clear();
        return result;
    }

    /// <summary>The fast path (see the class summary); null when the small compilation cannot bind the saved workloads alone.</summary>
    private PassResult? Fast(List<string> changed, Dictionary<string, (SyntaxTree Tree, TextSpan Old, TextSpan New)> previous, CancellationToken cancellationToken)
    {
        if (hevLayer is null)
        {
            return null;
        }

        // The edited types of each saved file (a file of 1,000 workloads is compiled with only the edited ones).
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var before = new HashSet<string>(StringComparer.Ordinal);
        var reduced = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            var (old, oldSpan, newSpan) = previous[path];
            before.UnionWith(SourceIndex.Touched(old, oldSpan, cancellationToken));
            declared.UnionWith(SourceIndex.Touched(trees[path], newSpan, cancellationToken));
            reduced[path] = SourceIndex.WithOnly(trees[path], declared, cancellationToken);
        }

        var included = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, entry) in index)
        {
            if (!reduced.ContainsKey(path) && (!entry.DeclaresWorkload || entry.Types.Any(declared.Contains)))
            {
                included.Add(path);
            }
        }

        var small = template.AddSyntaxTrees(trees.Where(t => included.Contains(t.Key)).Select(t => t.Value).Concat(reduced.Values));
        var smallDriver = NewDriver(ImmutableArray.Create(hevLayer))
            .RunGeneratorsAndUpdateCompilation(small, out var output, out var generatorDiagnostics, cancellationToken);
        clock.Step("run the HEVL generator on the saved workloads");

        var found = new List<Diagnostic>(generatorDiagnostics);
        var withAnalyzers = WithAnalyzers(output);
        foreach (var path in changed)
        {
            found.AddRange(trees[path].GetDiagnostics(cancellationToken));

            // Of the compiler's findings in the small compilation, only those in the workloads' attributes are the save's own.
            var tree = reduced[path];
            var model = output.GetSemanticModel(tree);
            foreach (var list in tree.GetRoot(cancellationToken).DescendantNodes(n => n is not BlockSyntax).OfType<AttributeListSyntax>())
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

            found.AddRange(AnalyzerDiagnostics(withAnalyzers, model, cancellationToken));
        }

        clock.Step("check the saved files");
        var fresh = smallDriver.GetRunResult().GeneratedTrees
            .SelectMany(t => GeneratedFacts.Read(t, () => output, cancellationToken))
            .Where(m => declared.Contains(m.Workload.SourceType))
            .ToList();
        manifests.Replace(before.Concat(declared), fresh);
        clock.Step("read the saved workloads' facts");
        foreach (var path in changed)
        {
            errors.Forget(path);
        }

        return Report(found);
    }

    /// <summary>The whole-project path for <paramref name="files"/>: the check, or a save the fast path cannot take.</summary>
    private PassResult Thorough(IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        var (newDriver, output, generatorDiagnostics, facts) = Generate(cancellationToken);
        var withAnalyzers = WithAnalyzers(output);
        var found = new List<Diagnostic>(generatorDiagnostics);

        // Files whose errors were found earlier are checked again too, since this save may have fixed them.
        var checkedFiles = files.Concat(errors.Files.Where(trees.ContainsKey)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in checkedFiles)
        {
            var tree = trees[path];
            var model = output.GetSemanticModel(tree);
            found.AddRange(model.GetDiagnostics(null, cancellationToken));
            found.AddRange(AnalyzerDiagnostics(withAnalyzers, model, cancellationToken));
        }

        clock.Step("check the saved files in the whole project");

        // Nothing above changed the session: a check cancelled by the next save leaves it as it was.
        Commit(newDriver, facts);
        foreach (var path in checkedFiles)
        {
            errors.Forget(path);
        }

        errors.Forget(string.Empty);
        return Report(found);
    }

    /// <summary>The changed region of a text, in the old text's positions and in the new one's (common prefix and suffix removed).</summary>
    private static (TextSpan Old, TextSpan New) Difference(SourceText before, SourceText after)
    {
        var a = before.ToString();
        var b = after.ToString();
        var prefix = 0;
        var max = Math.Min(a.Length, b.Length);
        while (prefix < max && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < max - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        return (TextSpan.FromBounds(prefix, a.Length - suffix), TextSpan.FromBounds(prefix, b.Length - suffix));
    }

    private static SyntaxTree Parse(string path, CSharpCommandLineArguments arguments, CancellationToken cancellationToken) =>
        CSharpSyntaxTree.ParseText(Read(path, arguments), arguments.ParseOptions, path, cancellationToken);

    /// <summary>Reads a source file as csc does (its encoding option, its checksum algorithm); retries a file an editor is still replacing.</summary>
    private static SourceText Read(string path, CSharpCommandLineArguments arguments)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                return SourceText.From(stream, arguments.Encoding, arguments.ChecksumAlgorithm);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Runs every generator on the whole compilation and reads every workload's facts; the session is not changed.</summary>
    private (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics, List<RenderedManifest> Manifests) Generate(CancellationToken cancellationToken)
    {
        var next = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        clock.Step("run every generator on the whole project");
        var found = new List<RenderedManifest>();
        foreach (var result in next.GetRunResult().Results.Where(r => IsHevLayer(r.Generator)))
        {
            foreach (var source in result.GeneratedSources)
            {
                found.AddRange(GeneratedFacts.Read(source.SyntaxTree, () => output, cancellationToken));
            }
        }

        clock.Step("read the facts");
        return (next, output, diagnostics, found);
    }

    private void Commit(GeneratorDriver next, List<RenderedManifest> found)
    {
        driver = next;
        manifests.ReplaceAll(found);
    }

    private GeneratorDriver NewDriver(ImmutableArray<ISourceGenerator> generators) =>
        CSharpGeneratorDriver.Create(generators, additionalFiles.Values, arguments.ParseOptions, options, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>The HEVL analyzers' findings in one file (syntax and semantics), as the editor asks for them.</summary>
    private static IEnumerable<Diagnostic> AnalyzerDiagnostics(CompilationWithAnalyzers withAnalyzers, SemanticModel model, CancellationToken cancellationToken) =>
        withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(model.SyntaxTree, cancellationToken).GetAwaiter().GetResult()
            .Concat(withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).GetAwaiter().GetResult());

    private static bool IsHevLayer(ISourceGenerator generator) =>
        generator.GetGeneratorType().Assembly.GetName().Name == "HevLayer.Generators";

    private CompilationWithAnalyzers WithAnalyzers(Compilation output) =>
        output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.Values.ToImmutableArray<AdditionalText>(), options),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false));

    /// <summary>Ends a pass: keeps its errors, and writes the folder unless an error anywhere says the build would fail.</summary>
    private PassResult Report(IEnumerable<Diagnostic> found)
    {
        var shown = ProjectErrors.Shown(found);
        errors.Record(shown);
        return manifests.Write(shown, errors, clock);
    }
}

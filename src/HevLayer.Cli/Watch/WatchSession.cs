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

/// <summary>What one pass did, for the console line.</summary>
/// <param name="Written">Files created or rewritten (kustomization.yaml and the record included).</param>
/// <param name="Deleted">Manifests removed.</param>
/// <param name="Workloads">Manifests in the folder after the pass.</param>
/// <param name="Shown">The diagnostics the pass reports, in file and position order.</param>
/// <param name="Blocked">True when errors kept the folder as it was (the build would have failed).</param>
internal sealed record PassResult(IReadOnlyList<string> Written, IReadOnlyList<string> Deleted, int Workloads, IReadOnlyList<Diagnostic> Shown, bool Blocked);

/// <summary>
/// One project's compilation and generator driver, kept warm between saves. A save replaces the changed
/// syntax trees, re-runs the generators incrementally (only the changed workloads' generated files change),
/// reads the facts of the changed generated files, checks the changed types with the compiler and the
/// HEVL analyzers, and, when nothing in the project is at error level (when the build would succeed),
/// writes through the build task's <see cref="ManifestFolder"/>.
/// </summary>
internal sealed class WatchSession
{
    private readonly ProjectInputs inputs;
    private readonly CSharpCommandLineArguments arguments;
    private readonly ConfigOptions options;
    private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
    private readonly Dictionary<string, SyntaxTree> trees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileText> additionalFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SourceText Text, IReadOnlyList<EmbeddedManifest> Manifests)> generated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Diagnostic>> errors = new(StringComparer.Ordinal);
    private readonly ManifestFolder folder;
    private CSharpCompilation compilation;
    private GeneratorDriver driver;

    private WatchSession(ProjectInputs inputs, CSharpCommandLineArguments arguments, ConfigOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<ISourceGenerator> generators, CSharpCompilation compilation, ManifestFolder folder, IReadOnlyList<string> loadWarnings)
    {
        this.inputs = inputs;
        this.arguments = arguments;
        this.options = options;
        this.analyzers = analyzers;
        this.compilation = compilation;
        this.folder = folder;
        LoadWarnings = loadWarnings;
        foreach (var tree in compilation.SyntaxTrees)
        {
            trees[tree.FilePath] = tree;
        }

        foreach (var file in arguments.AdditionalFiles)
        {
            additionalFiles[file.Path] = new FileText(file.Path);
        }

        driver = CSharpGeneratorDriver.Create(
            generators,
            additionalFiles.Values,
            arguments.ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
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
    public ManifestFolder Folder => folder;

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
        return new WatchSession(inputs, arguments, options, analyzers.ToImmutable(), generators.ToImmutable(), compilation, folder, warnings);
    }

    /// <summary>
    /// The first pass (and the pass after an AdditionalFile changed): the whole project is checked, as the build
    /// does, and the folder brought in line.
    /// </summary>
    public PassResult Full(CancellationToken cancellationToken)
    {
        var output = Generate(cancellationToken, out var generatorDiagnostics);
        var all = WithAnalyzers(output).GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        errors.Clear();
        var shown = Shown(generatorDiagnostics.Concat(all));
        foreach (var error in shown.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            Record(error);
        }

        return Write(shown);
    }

    /// <summary>A save: the files at <paramref name="changedSources"/> and <paramref name="changedAdditionalFiles"/> were written.</summary>
    public PassResult? Changed(IReadOnlyCollection<string> changedSources, IReadOnlyCollection<string> changedAdditionalFiles, CancellationToken cancellationToken)
    {
        var spans = new List<(SyntaxTree Tree, TextSpan? Span)>();
        foreach (var path in changedSources)
        {
            var old = trees[path];
            var text = Read(path, arguments);
            var oldText = old.GetText(cancellationToken);
            if (text.ContentEquals(oldText))
            {
                continue;
            }

            var tree = old.WithChangedText(text);
            trees[path] = tree;
            compilation = compilation.ReplaceSyntaxTree(old, tree);

            // A file with errors is checked whole until it is clean; otherwise only the types the edit touched.
            spans.Add((tree, errors.ContainsKey(path) ? null : TouchedTypes(tree, Changed(oldText, text), cancellationToken)));
        }

        var additionalChanged = false;
        foreach (var path in changedAdditionalFiles)
        {
            var before = additionalFiles[path];
            var after = new FileText(path);
            if (after.GetText(cancellationToken)?.ContentEquals(before.GetText(cancellationToken) ?? SourceText.From(string.Empty)) == true)
            {
                continue;
            }

            additionalFiles[path] = after;
            driver = driver.ReplaceAdditionalText(before, after);
            additionalChanged = true;
        }

        if (additionalChanged)
        {
            // InfraRules or a hand-written manifest: every workload may be affected.
            return Full(cancellationToken);
        }

        if (spans.Count == 0)
        {
            return null;
        }

        // Files whose errors were found earlier are checked again too, since this edit may have fixed them.
        foreach (var path in errors.Keys.Where(p => trees.ContainsKey(p) && !spans.Any(s => s.Tree.FilePath == p)).ToList())
        {
            spans.Add((trees[path], null));
        }

        var output = Generate(cancellationToken, out var generatorDiagnostics);
        var withAnalyzers = WithAnalyzers(output);
        var found = new List<Diagnostic>(generatorDiagnostics);
        foreach (var (tree, span) in spans)
        {
            var model = output.GetSemanticModel(tree);
            found.AddRange(model.GetDiagnostics(span, cancellationToken));
            found.AddRange(withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).GetAwaiter().GetResult().Where(d => span is null || d.Location.SourceSpan.IntersectsWith(span.Value)));
            found.AddRange(withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, span, cancellationToken).GetAwaiter().GetResult());
            errors.Remove(tree.FilePath);
        }

        errors.Remove(string.Empty);
        var shown = Shown(found);
        foreach (var error in shown.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            Record(error);
        }

        return Write(shown);
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

    /// <summary>The span of the new text that differs from the old (common prefix and suffix removed).</summary>
    private static TextSpan Changed(SourceText before, SourceText after)
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

        return TextSpan.FromBounds(prefix, b.Length - suffix);
    }

    /// <summary>
    /// The type declarations an edit at <paramref name="changed"/> touched, as one span (a finding may sit
    /// anywhere in a touched type: a new pool makes an old ceiling too high); null (the whole file) when
    /// the edit is outside every type.
    /// </summary>
    private static TextSpan? TouchedTypes(SyntaxTree tree, TextSpan changed, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        int start = int.MaxValue, end = -1;
        foreach (var type in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseTypeDeclarationSyntax>())
        {
            var span = type.FullSpan;
            if (span.IntersectsWith(changed) || span.End == changed.Start || span.Start == changed.End)
            {
                start = Math.Min(start, span.Start);
                end = Math.Max(end, span.End);
            }
        }

        if (end < 0 || changed.Start < start || changed.End > end)
        {
            return null;
        }

        return TextSpan.FromBounds(start, end);
    }

    private Compilation Generate(CancellationToken cancellationToken, out ImmutableArray<Diagnostic> diagnostics)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out diagnostics, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in driver.GetRunResult().Results)
        {
            if (!IsHevLayer(result.Generator))
            {
                continue;
            }

            foreach (var source in result.GeneratedSources)
            {
                seen.Add(source.HintName);
                if (generated.TryGetValue(source.HintName, out var known) && (ReferenceEquals(known.Text, source.SourceText) || known.Text.ContentEquals(source.SourceText)))
                {
                    continue;
                }

                generated[source.HintName] = (source.SourceText, GeneratedFacts.Read(output, source.SyntaxTree, cancellationToken));
            }
        }

        foreach (var gone in generated.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            generated.Remove(gone);
        }

        return output;
    }

    private static bool IsHevLayer(ISourceGenerator generator) =>
        generator.GetGeneratorType().Assembly.GetName().Name == "HevLayer.Generators";

    private CompilationWithAnalyzers WithAnalyzers(Compilation output) =>
        output.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles.Values.ToImmutableArray<AdditionalText>(), options),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false));

    /// <summary>What a pass reports: every error, and the HEVL warnings and notes (the compiler's own warnings are the build's to show).</summary>
    private static List<Diagnostic> Shown(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => !d.IsSuppressed && (d.Severity == DiagnosticSeverity.Error || (d.Id.StartsWith("HEVL", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)))
            .Distinct()
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    private void Record(Diagnostic error)
    {
        var path = error.Location.GetLineSpan().Path ?? string.Empty;
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = new List<Diagnostic>();
        }

        list.Add(error);
    }

    private PassResult Write(List<Diagnostic> shown)
    {
        if (errors.Count > 0)
        {
            return new PassResult(Array.Empty<string>(), Array.Empty<string>(), 0, shown, Blocked: true);
        }

        var manifests = generated.Values.SelectMany(g => g.Manifests).ToList();
        if (!inputs.EmitManifests)
        {
            return new PassResult(Array.Empty<string>(), Array.Empty<string>(), manifests.Count, shown, Blocked: false);
        }

        var result = folder.Write(manifests);
        return new PassResult(result.Changed, result.Deleted, result.Manifests.Count, shown, Blocked: false);
    }

    /// <summary>An AdditionalFile as the compiler reads it: once, when asked.</summary>
    private sealed class FileText : AdditionalText
    {
        private SourceText? text;
        private bool read;

        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText? GetText(CancellationToken cancellationToken = default)
        {
            if (!read)
            {
                try
                {
                    using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    text = SourceText.From(stream);
                }
                catch (IOException)
                {
                    // A missing AdditionalFile: the compiler reports it (CS2021-like) and the analyzers see no text.
                    text = null;
                }

                read = true;
            }

            return text;
        }
    }
}

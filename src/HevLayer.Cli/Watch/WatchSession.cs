using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HevLayer.Build;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
/// <para>
/// The session holds the order of the steps and the state between saves; the steps are
/// <see cref="ProjectSources"/> (the trees and the compilation), <see cref="ProjectChecker"/> (generators and
/// analyzers), <see cref="ProjectErrors"/> (what keeps the folder as it was), <see cref="WorkloadManifests"/>
/// (the manifests and their folder) and <see cref="PassClock"/> (the timings).
/// </para>
/// </summary>
internal sealed class WatchSession
{
    private readonly CSharpCommandLineArguments arguments;
    private readonly ProjectSources sources;
    private readonly ProjectChecker checker;
    private readonly ProjectErrors errors = new();
    private readonly WorkloadManifests manifests;
    private readonly HashSet<string> toCheck = new(StringComparer.Ordinal);
    private readonly PassClock clock = new();

    private WatchSession(ProjectInputs inputs, CSharpCommandLineArguments arguments, ProjectSources sources, ProjectChecker checker, WorkloadManifests manifests, IReadOnlyList<string> loadWarnings)
    {
        Inputs = inputs;
        this.arguments = arguments;
        this.sources = sources;
        this.checker = checker;
        this.manifests = manifests;
        LoadWarnings = loadWarnings;
    }

    /// <summary>The project the session compiles.</summary>
    public ProjectInputs Inputs { get; }

    /// <summary>Analyzer or generator assemblies that could not be loaded (the compiler's CS8032 and friends).</summary>
    public IReadOnlyList<string> LoadWarnings { get; }

    /// <summary>The source files, full paths.</summary>
    public IEnumerable<string> SourceFiles => sources.SourceFiles;

    /// <summary>The AdditionalFiles (InfraRules, hand-written manifests), full paths.</summary>
    public IEnumerable<string> AdditionalFiles => sources.AdditionalFiles;

    /// <summary>The .editorconfig and global config files, full paths.</summary>
    public IEnumerable<string> ConfigFiles => arguments.AnalyzerConfigPaths;

    /// <summary>The manifests folder (its writer remembers what it wrote).</summary>
    public ManifestFolder Folder => manifests.Folder;

    /// <summary>The folders a pass writes: each environment's, or the manifests folder when the project declares none.</summary>
    public IEnumerable<ManifestFolder> Folders => manifests.Folders;

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
        var sources = ProjectSources.Load(inputs, arguments, options, cancellationToken);
        var warnings = new List<string>();
        var checker = ProjectChecker.Load(inputs, arguments, options, sources, loader, warnings);
        var folder = new ManifestFolder(inputs.ManifestsDirectory, inputs.ProjectName);
        folder.Remember();

        // The environments as the compiler sees them (the package's targets make the table from the <HevLayerEnvironment> items).
        var environments = HevLayer.Policy.Model.DeploymentEnvironments.Parse(Property(options, HevLayer.Policy.Model.DeploymentEnvironments.TableProperty), Property(options, HevLayer.Policy.Model.DeploymentEnvironments.SelectionProperty))
            .Where(e => e.Selected).ToList();
        return new WatchSession(inputs, arguments, sources, checker, new WorkloadManifests(folder, inputs.EmitManifests, environments, inputs.ProjectName), warnings);
    }

    /// <summary>Someone else touched the manifest at <paramref name="path"/>: its folder reads it again before the next write.</summary>
    public void Forget(string path) => manifests.Forget(path);

    private static string? Property(ConfigOptions options, string name) =>
        options.GlobalOptions.TryGetValue("build_property." + name, out var value) ? value : null;

    /// <summary>
    /// The whole project, as the build checks it: every generator, the compiler's and the HEVL analyzers'
    /// diagnostics of every file; the folder brought in line. The first pass, and the pass after an
    /// AdditionalFile (InfraRules, a hand-written manifest) changed.
    /// </summary>
    public PassResult Full(CancellationToken cancellationToken)
    {
        clock.Start();
        var (newDriver, output, generatorDiagnostics, found) = checker.Generate(clock, cancellationToken);
        var all = checker.WithAnalyzers(output).GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
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
        var (changed, previous, support) = sources.Save(changedSources, cancellationToken);
        var replaced = sources.SaveAdditional(changedAdditionalFiles, cancellationToken);
        foreach (var (was, now) in replaced)
        {
            checker.ReplaceAdditionalText(was, now);
        }

        clock.Step("read and parse");
        if (replaced.Count > 0)
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
        if (!checker.HasHevLayer)
        {
            return null;
        }

        var (declared, before, reduced, small) = sources.SavedWorkloads(changed, previous, cancellationToken);
        var (smallDriver, output, generatorDiagnostics) = checker.GenerateHevLayer(small, cancellationToken);
        clock.Step("run the HEVL generator on the saved workloads");

        var found = new List<Diagnostic>(generatorDiagnostics);
        var withAnalyzers = checker.WithAnalyzers(output);
        foreach (var path in changed)
        {
            found.AddRange(sources.Tree(path).GetDiagnostics(cancellationToken));

            // Of the compiler's findings in the small compilation, only those in the workloads' attributes are the save's own.
            var model = output.GetSemanticModel(reduced[path]);
            if (ProjectChecker.AttributeErrors(model, cancellationToken) is not { } attributeErrors)
            {
                return null;
            }

            found.AddRange(attributeErrors);
            found.AddRange(ProjectChecker.AnalyzerDiagnostics(withAnalyzers, model, cancellationToken));
        }

        clock.Step("check the saved files");
        var fresh = smallDriver.GetRunResult().GeneratedTrees
            .SelectMany(t => GeneratedFacts.ReadTypes(t, () => output, cancellationToken))
            .Where(m => declared.Contains(m.Shared.SourceType))
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
        var (newDriver, output, generatorDiagnostics, facts) = checker.Generate(clock, cancellationToken);
        var withAnalyzers = checker.WithAnalyzers(output);
        var found = new List<Diagnostic>(generatorDiagnostics);

        // Files whose errors were found earlier are checked again too, since this save may have fixed them.
        var checkedFiles = files.Concat(errors.Files.Where(sources.Contains)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in checkedFiles)
        {
            var model = output.GetSemanticModel(sources.Tree(path));
            found.AddRange(model.GetDiagnostics(null, cancellationToken));
            found.AddRange(ProjectChecker.AnalyzerDiagnostics(withAnalyzers, model, cancellationToken));
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

    /// <summary>Takes a whole-project run's driver and manifests.</summary>
    private void Commit(GeneratorDriver next, List<TypeFacts> found)
    {
        checker.Commit(next);
        manifests.ReplaceAll(found);
    }

    /// <summary>Ends a pass: keeps its errors, and writes the folder unless an error anywhere says the build would fail.</summary>
    private PassResult Report(IEnumerable<Diagnostic> found)
    {
        var shown = ProjectErrors.Shown(found);
        errors.Record(shown);
        return manifests.Write(shown, errors, clock);
    }
}

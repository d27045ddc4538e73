using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using HevLayer.Policy.InfraRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// Finds the InfraRules files among a compilation's AdditionalFiles and reads each once per distinct
/// text: the result is cached on the <see cref="Microsoft.CodeAnalysis.Text.SourceText"/>, which the
/// compiler and the IDE keep while the file is unchanged, so no keystroke in C# re-parses YAML.
/// </summary>
internal static class InfraRulesFiles
{
    /// <summary>The AdditionalFiles metadata the build targets set on InfraRules files.</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.HevLayerInfraRules";

    /// <summary>Set by the cluster fetch: a description of the cluster the snapshot came from.</summary>
    public const string SourceMetadataKey = "build_metadata.AdditionalFiles.HevLayerInfraRulesSource";

    private static readonly ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, InfraRulesFile> Cache = new();

    /// <summary>
    /// The InfraRules files: those the build marked with <c>HevLayerInfraRules=true</c>; when none is
    /// marked (a project wired by hand), any AdditionalFile named <c>infrarules.yaml</c> or <c>.yml</c>.
    /// Ordered by path, so the choice of the one InfraRules/default is stable.
    /// </summary>
    public static ImmutableArray<AdditionalText> Select(AnalyzerOptions options)
    {
        var marked = ImmutableArray.CreateBuilder<AdditionalText>();
        var named = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var file in options.AdditionalFiles)
        {
            var mark = options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var value) ? value : null;
            if (string.Equals(mark, "true", StringComparison.OrdinalIgnoreCase))
            {
                marked.Add(file);
            }
            else if (string.IsNullOrEmpty(mark)
                && Path.GetFileName(file.Path) is { } name
                && (name.Equals("infrarules.yaml", StringComparison.OrdinalIgnoreCase) || name.Equals("infrarules.yml", StringComparison.OrdinalIgnoreCase)))
            {
                named.Add(file);
            }
        }

        var chosen = marked.Count > 0 ? marked : named;
        chosen.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return chosen.ToImmutable();
    }

    /// <summary>The InfraRules files of the project's environments (marked <c>HevLayerInfraRules=environment</c> by the build), ordered by path.</summary>
    public static ImmutableArray<AdditionalText> SelectEnvironmentFiles(AnalyzerOptions options)
    {
        var files = ImmutableArray.CreateBuilder<AdditionalText>();
        foreach (var file in options.AdditionalFiles)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var value)
                && string.Equals(value, "environment", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(file);
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files.ToImmutable();
    }

    /// <summary>Reads (or recalls) one file. A file that cannot be read reads as empty.</summary>
    public static InfraRulesFile Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return InfraRulesReader.Read(file.Path, string.Empty);
        }

        return Cache.GetValue(text, t => ReadGuarded(file.Path, t.ToString()));
    }

    /// <summary>
    /// The reader turns every malformed input into findings; should it ever throw, the file reads as one
    /// HEVL900 finding at its start instead of failing the analyzer (AD0001).
    /// </summary>
    private static InfraRulesFile ReadGuarded(string path, string text)
    {
        try
        {
            return InfraRulesReader.Read(path, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var finding = Policy.Rules.InternalRules.InternalError.In(
                Policy.Rules.SourceSpan.FileStart(path), ("subject", Path.GetFileName(path)), ("exception", e.GetType().Name), ("detail", e.Message));
            return new InfraRulesFile(path, null, new Policy.Model.EquatableArray<Policy.Rules.Finding>(new[] { finding }), Policy.Model.EquatableArray<Policy.Rules.SourceSpan>.Empty);
        }
    }

    /// <summary>How diagnostics name the source of a file: the file name, or the cluster it was fetched from.</summary>
    public static string Describe(AnalyzerOptions options, AdditionalText file) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(SourceMetadataKey, out var source) && !string.IsNullOrWhiteSpace(source)
            ? source
            : Path.GetFileName(file.Path);

    /// <summary>Reads every InfraRules file and combines them into the model workloads are checked against.</summary>
    public static (InfraRulesModel? Model, IReadOnlyList<(AdditionalText File, InfraRulesFile Read)> Files, IReadOnlyList<Policy.Rules.Finding> CrossFile) Load(
        AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = new List<(AdditionalText, InfraRulesFile)>();
        var describe = new Dictionary<InfraRulesFile, string>();
        foreach (var file in Select(options))
        {
            var read = Read(file, cancellationToken);
            files.Add((file, read));
            describe[read] = Describe(options, file);
        }

        var (model, crossFile) = InfraRulesSources.Combine(files.ConvertAll(f => f.Item2), f => describe[f]);
        return (model, files, crossFile);
    }
}

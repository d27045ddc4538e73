using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// The hand-written Pipeline and Function manifests a project lists as <c>HevLayerManifest</c> (the targets
/// mark them as AdditionalFiles with <c>HevLayerManifest=true</c>), each read once per distinct text: the
/// result is cached on the <see cref="Microsoft.CodeAnalysis.Text.SourceText"/>, as for InfraRules.
/// </summary>
internal static class ManifestFiles
{
    /// <summary>The AdditionalFiles metadata the build targets set on hand-written manifests.</summary>
    public const string MetadataKey = "build_metadata.AdditionalFiles.HevLayerManifest";

    private static readonly ConditionalWeakTable<Microsoft.CodeAnalysis.Text.SourceText, ManifestStream> Cache = new();

    /// <summary>Every marked file, read, in ordinal order of path.</summary>
    public static IReadOnlyList<(AdditionalText File, ManifestStream Read)> Load(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var result = new List<(AdditionalText, ManifestStream)>();
        foreach (var file in options.AdditionalFiles)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(MetadataKey, out var value)
                && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                var text = file.GetText(cancellationToken);
                result.Add((file, text is null ? ReadGuarded(file.Path, string.Empty) : Cache.GetValue(text, t => ReadGuarded(file.Path, t.ToString()))));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Item1.Path, b.Item1.Path));
        return result;
    }

    /// <summary>The reader turns malformed input into findings; should it ever throw, the file reads as one HEVL900 at its start.</summary>
    private static ManifestStream ReadGuarded(string path, string text)
    {
        try
        {
            return WorkloadManifestReader.Read(path, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var finding = InternalRules.InternalError.In(SourceSpan.FileStart(path), ("subject", Path.GetFileName(path)), ("exception", e.GetType().Name), ("detail", e.Message));
            return new ManifestStream(path, Array.Empty<WorkloadDocument>(), new[] { finding }, false);
        }
    }
}

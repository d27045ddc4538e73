using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Cli.Watch;

/// <summary>
/// The project's .editorconfig and global config files (the SDK's generated one carries the build
/// properties and AdditionalFiles metadata the analyzers read), answered per file as the compiler does.
/// </summary>
internal sealed class ConfigOptions : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigSet set;
    private readonly ConcurrentDictionary<string, AnalyzerConfigOptionsResult> results = new();

    public ConfigOptions(AnalyzerConfigSet set)
    {
        this.set = set;
        GlobalOptions = new Options(set.GlobalConfigOptions.AnalyzerOptions);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    /// <summary>The severities the config files give, for the compilation's diagnostic filter.</summary>
    public SyntaxTreeOptionsProvider Severities => new TreeOptions(this);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(For(tree.FilePath).AnalyzerOptions);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(For(textFile.Path).AnalyzerOptions);

    private AnalyzerConfigOptionsResult For(string path) => results.GetOrAdd(path, p => set.GetOptionsForSourcePath(p));

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> values;

        public Options(ImmutableDictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    private sealed class TreeOptions : SyntaxTreeOptionsProvider
    {
        private readonly ConfigOptions owner;

        public TreeOptions(ConfigOptions owner) => this.owner = owner;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
            owner.For(tree.FilePath).AnalyzerOptions.TryGetValue("generated_code", out var value) && bool.TryParse(value, out var generated)
                ? generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated
                : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            owner.For(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            owner.set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }
}

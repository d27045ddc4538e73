using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using HevLayer.Manifests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>Builds compilations of user code and runs <see cref="WorkloadGenerator"/> over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(WorkloadManifest).Assembly.Location))
            .ToImmutableArray();
    });

    public static CSharpCompilation Compile(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Consumer",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static CSharpCompilation Compile(string source) => Compile(("Workloads.cs", source));

    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new WorkloadGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: CreateOptions(buildProperties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static AnalyzerConfigOptionsProvider CreateOptions(IReadOnlyDictionary<string, string> buildProperties) => new BuildPropertiesProvider(buildProperties);

    /// <summary>Runs the generator once and returns the output compilation, asserting it compiles cleanly.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(Compilation input, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var driver = CreateDriver(buildProperties).RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        Xunit.Assert.Empty(diagnostics);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Xunit.Assert.True(errors.Count == 0, "The generated code does not compile:\n" + string.Join("\n", errors));
        return (driver.GetRunResult(), output);
    }

    public static Dictionary<string, string> GeneratedSources(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private sealed class BuildPropertiesProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options global;

        public BuildPropertiesProvider(IReadOnlyDictionary<string, string> buildProperties)
        {
            global = new Options(buildProperties.ToDictionary(p => "build_property." + p.Key, p => p.Value));
        }

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> values;

        public Options(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

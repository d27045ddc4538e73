using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using HevLayer.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Benchmarks;

/// <summary>
/// What environments cost (issue 25): the same N workloads with no environment, and with three (dev, staging,
/// prod, each with its own InfraRules file) where a tenth of the workloads override something. Side by side in
/// one run, taking turns: the edit build of real consumers of the packed package with the compiler server on
/// (one attribute edited, then dotnet build), the WorkloadAnalyzer on the edited file per keystroke, and the
/// user's assembly size.
/// </summary>
public static class EnvironmentBenchmark
{
    private const int Rounds = 7;
    internal static readonly string[] Names = { "dev", "staging", "prod" };

    public static int Run(int n, bool sizeOnly = false)
    {
        if (sizeOnly)
        {
            Size(n);
            return 0;
        }

        Keystroke(n);
        Size(n);
        return Build(n);
    }

    /// <summary>Workload <paramref name="i"/>'s source, with an override in a tenth of them when <paramref name="environments"/>.</summary>
    internal static string Workload(int i, bool environments, int? replicas = null)
    {
        var source = Synthetic.Workload(i, replicas);
        if (!environments || i % 10 != 3)
        {
            return source;
        }

        // A tenth override something in prod (the worker) and staging (a label), as per-cluster tuning does.
        return source.Replace("public sealed partial class", "[Worker(Environment = \"prod\", BatchSize = 256)]\n[Label(\"tier\", \"canary\", Environment = \"staging\")]\npublic sealed partial class", StringComparison.Ordinal);
    }

    internal static string Table(string folder) =>
        string.Join(",", Names.Select(e => e + "|||" + Uri.EscapeDataString(Path.Combine(folder, e + ".yaml"))));

    private static void Keystroke(int n)
    {
        var plain = Synthetic.Compilation(n);
        var withEnvironments = plain;
        for (var i = 3; i < n; i += 10)
        {
            var path = "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
            var tree = withEnvironments.SyntaxTrees.Single(t => t.FilePath == path);
            withEnvironments = withEnvironments.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(Workload(i, true))));
        }

        var folder = "/synthetic";
        var table = new Dictionary<string, string> { ["build_property.HevLayerEnvironmentTable"] = Table(folder) };
        var sides = new[]
        {
            (Label: "no environment", Compilation: Generate(plain, new Dictionary<string, string>()), Options: Synthetic.AnalyzerOptions()),
            (Label: "3 environments, a tenth overriding", Compilation: Generate(withEnvironments, table), Options: new AnalyzerOptions(
                Names.Select(e => (AdditionalText)new Text(Path.Combine(folder, e + ".yaml"), Synthetic.InfraRules)).ToImmutableArray(),
                new Provider(table))),
        };

        var index = Synthetic.EditedIndex(n);
        var edited = "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
        var times = sides.Select(_ => new List<double>()).ToArray();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new WorkloadAnalyzer());
        for (var round = 0; round < 60; round++)
        {
            for (var k = 0; k < sides.Length; k++)
            {
                var s = (k + round) % sides.Length;
                var compilation = Synthetic.EditOne(sides[s].Compilation, index);
                var tree = compilation.SyntaxTrees.Single(t => t.FilePath == edited);
                compilation.GetSemanticModel(tree).GetDiagnostics();
                var clock = Stopwatch.StartNew();
                compilation.WithAnalyzers(analyzers, sides[s].Options).GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult();
                if (round >= 30)
                {
                    times[s].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== Environments, N = {n:N0}: WorkloadAnalyzer on the edited file per keystroke, median of 30 (min..max)"));
        for (var s = 0; s < sides.Length; s++)
        {
            Console.WriteLine($"  {sides[s].Label,-40} {Spread.Of(times[s])}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  environments add: {Spread.Median(times[1]) - Spread.Median(times[0]):0.00} ms per keystroke"));
    }

    internal static Compilation Generate(CSharpCompilation compilation, Dictionary<string, string> properties)
    {
        CSharpGeneratorDriver.Create(new[] { new HevLayer.Generators.WorkloadGenerator().AsSourceGenerator() }, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options, optionsProvider: new Provider(properties))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }

    private static void Size(int n)
    {
        var plain = Synthetic.Compilation(n);
        var withEnvironments = plain;
        for (var i = 3; i < n; i += 10)
        {
            var path = "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs";
            var tree = withEnvironments.SyntaxTrees.Single(t => t.FilePath == path);
            withEnvironments = withEnvironments.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(Workload(i, true))));
        }

        var table = new Dictionary<string, string> { ["build_property.HevLayerEnvironmentTable"] = Table("/synthetic") };
        var none = Emit(Generate(plain, new Dictionary<string, string>()));
        var declared = Emit(Generate(plain, table));
        var three = Emit(Generate(withEnvironments, table));
        var overriding = (n + 6) / 10;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  user's dll: {none:N0} B with no environment; {declared:N0} B with 3 declared and no override ({(declared - none) / (double)n:0} B per class: ManifestFor and the registry); {three:N0} B with a tenth overriding ({(three - declared) / (double)Math.Max(1, overriding):0} B more per overriding class, {overriding} of them, 2 environments each)"));
    }

    private static long Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return stream.Length;
    }

    private static int Build(int n)
    {
        var repo = BuildBenchmark.FindRepo();
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-env-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        try
        {
            var version = BuildBenchmark.PackFeed(repo, root, env);
            var sides = new[] { (Label: "no environment", Folder: Path.Combine(root, "plain"), Environments: false), (Label: "3 environments", Folder: Path.Combine(root, "envs"), Environments: true) };
            foreach (var side in sides)
            {
                Write(side.Folder, version, n, side.Environments);
                BuildBenchmark.Check(BuildBenchmark.Dotnet(side.Folder, env, "build", "-c", "Release", "-p:UseSharedCompilation=true", "-v:q"));
            }

            var index = Synthetic.EditedIndex(n);
            var times = sides.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < Rounds + 1; round++)
            {
                for (var k = 0; k < sides.Length; k++)
                {
                    var s = (k + round) % sides.Length;
                    File.WriteAllText(Path.Combine(sides[s].Folder, "Worker" + index.ToString("D5", CultureInfo.InvariantCulture) + ".cs"), Workload(index, sides[s].Environments, replicas: 1 + (round % 2)));
                    var clock = Stopwatch.StartNew();
                    BuildBenchmark.Check(BuildBenchmark.Dotnet(sides[s].Folder, env, "build", "-c", "Release", "--no-restore", "-p:UseSharedCompilation=true", "-v:q"));
                    if (round > 0)
                    {
                        times[s].Add(clock.Elapsed.TotalSeconds);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  edit build, compiler server on, {Rounds} rounds taking turns (median, min..max):"));
            for (var s = 0; s < sides.Length; s++)
            {
                Console.WriteLine($"    {sides[s].Label,-20} {Spread.Of(times[s], "s", "0.000")}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    3 environments / none: {Spread.Median(times[1]) / Spread.Median(times[0]):0.00}x"));
            return 0;
        }
        finally
        {
            BuildBenchmark.Dotnet(repo, env, "build-server", "shutdown");
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Write(string folder, string version, int n, bool environments)
    {
        Directory.CreateDirectory(folder);
        var items = environments
            ? string.Join("\n", Names.Select(e => $"    <HevLayerEnvironment Include=\"{e}\" InfraRules=\"{e}.yaml\" />"))
            : string.Empty;
        File.WriteAllText(Path.Combine(folder, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{version}" />
              </ItemGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """);
        if (environments)
        {
            foreach (var e in Names)
            {
                File.WriteAllText(Path.Combine(folder, e + ".yaml"), Synthetic.InfraRules);
            }
        }
        else
        {
            File.WriteAllText(Path.Combine(folder, "infrarules.yaml"), Synthetic.InfraRules);
        }

        File.WriteAllText(Path.Combine(folder, "AssemblyInfo.cs"), "[assembly: HevLayer.HevLayerDefaults(Image = \"ghcr.io/acme/workers:1.0.0\")]\n");
        for (var i = 0; i < n; i++)
        {
            File.WriteAllText(Path.Combine(folder, "Worker" + i.ToString("D5", CultureInfo.InvariantCulture) + ".cs"), Workload(i, environments));
        }
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText text;

        public Text(string path, string content)
        {
            Path = path;
            text = SourceText.From(content, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class Provider : AnalyzerConfigOptionsProvider
    {
        private readonly Options global;

        public Provider(Dictionary<string, string> properties) => global = new Options(properties);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.HevLayerInfraRules"] = "environment" });
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());
        private readonly Dictionary<string, string> values;

        public Options(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

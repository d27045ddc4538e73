using System.Collections.Generic;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The generated C# and the manifest YAML, compared byte for byte with files kept in the repository.
/// Set HEVLAYER_ACCEPT_GOLDEN=1 to accept new output.
/// </summary>
public sealed class GoldenTests
{
    [Fact]
    public void Sample_workers_generate_the_golden_sources_and_manifests()
    {
        var compilation = GeneratorHarness.Compile(Cases.SampleWorkers())
            .WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        Verify("SampleWorkers", compilation, null);
    }

    [Fact]
    public void Declaration_shapes_generate_the_golden_sources_and_manifests()
    {
        Verify("Shapes", GeneratorHarness.Compile(Cases.Shapes), Cases.ShapesBuildProperties);
    }

    [Fact]
    public void Keyword_names_workload_bases_and_taken_Manifest_names_generate_the_golden_sources_and_manifests()
    {
        Verify("KeywordShapes", GeneratorHarness.Compile(KeywordShapes), null);
    }

    /// <summary>Shapes whose generated code once broke: escaped names, a workload base class, a taken Manifest, file-local types (skipped, HEVL118).</summary>
    private const string KeywordShapes = """
        using HevLayer;

        [assembly: HevLayerDefaults(Image = "registry.example/w:1")]

        namespace @class.Workers
        {
            [Pipeline("keyword")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class @event { }

            public partial record @record
            {
                [Function("nested", Triggers = FunctionTriggers.Write)]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                internal sealed partial class @var { }
            }

            public static partial class @string
            {
                [Pipeline("in-string")]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                public partial class Inner { }
            }

            [Pipeline("base")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class BaseWorkload { }

            [Pipeline("derived")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class DerivedWorkload : BaseWorkload { }

            [Pipeline("clash")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial record Clash(string Manifest);

            [Pipeline("named-manifest")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class Manifest { }

            [Pipeline("file-local")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            file partial class Local { }
        }
        """;

    private static void Verify(string caseName, Compilation compilation, IReadOnlyDictionary<string, string>? properties)
    {
        var (result, output) = GeneratorHarness.Run(compilation, properties);
        var files = GeneratorHarness.GeneratedSources(result).ToDictionary(p => "sources/" + p.Key, p => p.Value);
        foreach (var manifest in Emitted.Manifests(output))
        {
            files.Add("manifests/" + manifest.FileName, manifest.Yaml);
        }

        Golden.Verify(caseName, files);
    }
}

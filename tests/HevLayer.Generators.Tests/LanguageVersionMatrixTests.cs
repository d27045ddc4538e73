using System;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The generated code compiles in every target framework the package lists and every language version it
/// supports, with nullable on and off and warnings as errors: one multi-targeting consumer per nullable
/// setting (netstandard2.0, net8.0, net10.0), built through the packed package. netstandard2.0 compiles with
/// C# 7.3 by default; with nullable on it needs C# 8, the lowest version that has it, so that cell pins 8.0.
/// The workloads use the shapes that once broke the generated code: keyword names in a keyword namespace,
/// the global namespace, nesting, a workload base class, and a taken Manifest name (HEVL117, suppressed).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LanguageVersionMatrixTests
{
    private const string Frameworks = "netstandard2.0;net8.0;net10.0";

    // Valid C# 7.3: no file-scoped namespace, no records, no nullable annotations.
    private const string Workloads = """
        using HevLayer;

        [assembly: HevLayerDefaults(Image = "registry.example/w:1")]

        [Pipeline("global-one")]
        [Scaling(Pool = "cpu", MaxReplicas = 1)]
        public partial class GlobalOne { }

        namespace @class.Workers
        {
            [Pipeline("keyword")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class @event { }

            public static partial class Outer
            {
                [Function("nested", Triggers = FunctionTriggers.Write)]
                [Scaling(Pool = "cpu", MaxReplicas = 1)]
                internal sealed partial class @var { }
            }

            [Pipeline("base")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class BaseWorkload { }

            [Pipeline("derived")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class DerivedWorkload : BaseWorkload { }

        #pragma warning disable HEVL117 // Manifest is taken: the typed property is left out, the manifest is still written.
            [Pipeline("clash")]
            [Scaling(Pool = "cpu", MaxReplicas = 1)]
            public partial class Clash { public int Manifest; }
        #pragma warning restore HEVL117

            public static class Use
            {
                public static string Names() =>
                    @event.Manifest.Metadata.Name + Outer.@var.Manifest.Metadata.Name + DerivedWorkload.Manifest.Metadata.Name
                    + BaseWorkload.Manifest.Metadata.Name + global::GlobalOne.Manifest.Metadata.Name
                    + global::HevLayer.Generated.HevLayerWorkloads.All.Count;
            }
        }
        """;

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    public void Workloads_compile_in_every_framework_and_language_version_with_warnings_as_errors(string nullable)
    {
        using var consumer = new ConsumerProject("Matrix");
        File.WriteAllText(consumer.ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>{Frameworks}</TargetFrameworks>
                <Nullable>{nullable}</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <PropertyGroup Condition="'$(TargetFramework)' == 'netstandard2.0' and '$(Nullable)' == 'enable'">
                <LangVersion>8.0</LangVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{consumer.Package.Version}" />
              </ItemGroup>
            </Project>
            """);
        WriteNuGetConfig(consumer);
        consumer.Write("infrarules.yaml", AnalyzerVerifier.SampleInfraRules);
        consumer.Write("Workloads.cs", Workloads);

        consumer.BuildSucceeds();

        foreach (var framework in Frameworks.Split(';'))
        {
            var folder = Path.Combine(consumer.ProjectDirectory, "bin", "Debug", framework, "manifests");
            Assert.Equal(
                new[] { "function.default.nested.yaml", "pipeline.default.base.yaml", "pipeline.default.clash.yaml", "pipeline.default.derived.yaml", "pipeline.default.global-one.yaml", "pipeline.default.keyword.yaml" },
                Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").OrderBy(f => f, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// The run's feed for HevLayer.Generators (and only it: the mapping keeps an older copy elsewhere out), and the machine's NuGet folder for the net8.0 and netstandard2.0
    /// reference packages (the SDK carries only its own framework's); nuget.org only when they are not there.
    /// </summary>
    private static void WriteNuGetConfig(ConsumerProject consumer)
    {
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Directory.Exists(Path.Combine(global, "microsoft.netcore.app.ref")) && Directory.Exists(Path.Combine(global, "netstandard.library"));
        File.WriteAllText(Path.Combine(consumer.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="hevlayer-test-feed" value="{consumer.Package.Feed}" />
                <add key="machine-packages" value="{global}" />
                {(cached ? string.Empty : "<add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />")}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="hevlayer-test-feed"><package pattern="HevLayer.*" /></packageSource>
                <packageSource key="machine-packages"><package pattern="*" /></packageSource>
                {(cached ? string.Empty : "<packageSource key=\"nuget.org\"><package pattern=\"*\" /></packageSource>")}
              </packageSourceMapping>
            </configuration>
            """);
    }
}

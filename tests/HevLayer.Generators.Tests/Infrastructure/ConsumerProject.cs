using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// The HevLayer.Generators package, packed once per test run into a temporary folder feed, with a
/// private NuGet packages folder so that a re-pack of the same version is never served from a cache.
/// </summary>
public sealed class HevLayerPackage
{
    private static readonly Lazy<HevLayerPackage> Instance = new(() => new HevLayerPackage());

    private HevLayerPackage()
    {
        var root = Path.Combine(Path.GetTempPath(), "hevlayer-package-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(root, "feed");
        PackagesFolder = Path.Combine(root, "packages");
        Directory.CreateDirectory(PackagesFolder);
        var project = Path.Combine(RepoPaths.Root, "src", "HevLayer.Generators.Package", "HevLayer.Generators.Package.csproj");
        ReleasePack.Run(project, Feed, TimeSpan.FromMinutes(10));
        Version = typeof(WorkloadGenerator).Assembly.GetName().Version!.ToString(3);
        Nupkg = Path.Combine(Feed, $"HevLayer.Generators.{Version}.nupkg");
        Assert.True(File.Exists(Nupkg), "No package at " + Nupkg);
    }

    /// <summary>The one package of this test run.</summary>
    public static HevLayerPackage Shared => Instance.Value;

    public string Feed { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    public string Nupkg { get; }

    /// <summary>A nuget.config in <paramref name="folder"/> whose only source is this run's feed.</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="hevlayer-test-feed" value="{Feed}" />
          </packageSources>
        </configuration>
        """);
}

/// <summary>A throwaway user project on disk that references the package by version, built with a real <c>dotnet build</c>.</summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    public ConsumerProject(string name = "Consumer")
    {
        Package = HevLayerPackage.Shared;
        Root = Path.Combine(Path.GetTempPath(), "hevlayer-e2e-" + Guid.NewGuid().ToString("N"));
        ProjectDirectory = Path.Combine(Root, name);
        Directory.CreateDirectory(ProjectDirectory);
        Package.WriteNuGetConfig(Root);
        ProjectFile = Path.Combine(ProjectDirectory, name + ".csproj");
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HevLayer.Generators" Version="{Package.Version}" />
              </ItemGroup>
            </Project>
            """);
    }

    public HevLayerPackage Package { get; }

    public string Root { get; }

    public string ProjectDirectory { get; }

    public string ProjectFile { get; }

    public string ManifestsDirectory => Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0", "manifests");

    public Dictionary<string, string?> Environment { get; } = new();

    /// <summary>A consumer holding a copy of samples/Workers' sources and InfraRules, and nothing else but the PackageReference.</summary>
    public static ConsumerProject FromSample()
    {
        var consumer = new ConsumerProject();
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.SampleWorkers).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(consumer.ProjectDirectory, Path.GetFileName(file)));
        }

        return consumer;
    }

    public void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(ProjectDirectory, relativePath), text);

    public void Delete(string relativePath) => File.Delete(Path.Combine(ProjectDirectory, relativePath));

    public ProcessResult Build(params string[] properties) => Run("build", properties);

    /// <summary>Runs <c>dotnet <paramref name="verb"/></c> on the project; each property is passed as <c>-p:</c>, and an argument that starts with '-' (<c>-t:PublishContainer</c>) as it is.</summary>
    public ProcessResult Run(string verb, params string[] properties)
    {
        var environment = new Dictionary<string, string?>(Environment) { ["NUGET_PACKAGES"] = Package.PackagesFolder };
        return ProcessRunner.Run(
            "dotnet",
            new[] { verb, ProjectDirectory, "-nologo", "-tl:off", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false" }.Concat(properties.Select(p => p.StartsWith('-') ? p : "-p:" + p)),
            Root,
            BuildTimeout,
            environment);
    }

    public ProcessResult BuildSucceeds(params string[] properties)
    {
        var result = Build(properties);
        Assert.True(result.ExitCode == 0, "dotnet build failed: " + result);
        AssertAnalyzersLoaded(result);
        return result;
    }

    /// <summary>The generator and analyzers loaded and ran under the SDK's own compiler: none of the load or crash diagnostics.</summary>
    public static void AssertAnalyzersLoaded(ProcessResult result)
    {
        foreach (var id in new[] { "CS9057", "CS8032", "CS8784", "CS8785", "AD0001" })
        {
            Assert.False(result.Output.Contains(id, StringComparison.Ordinal), $"{id} in the build output:\n{result}");
        }
    }

    public Dictionary<string, byte[]> ManifestFiles() =>
        System.IO.Directory.GetFiles(ManifestsDirectory)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    public void Dispose() => TryDelete(Root);

    internal static void TryDelete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}

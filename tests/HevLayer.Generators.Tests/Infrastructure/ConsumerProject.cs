using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// The HevLayer assemblies of this test run, laid out once per run like the package lays them out
/// (lib/, analyzers/, tasks/), so that many throwaway consumers can build against them.
/// </summary>
public sealed class PrebuiltHevLayer : IDisposable
{
    public PrebuiltHevLayer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hevlayer-prebuilt-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;
        Copy("lib", "HevLayer.Abstractions.dll");
        Copy("analyzers", "HevLayer.Generators.dll", "HevLayer.Policy.dll", "HevLayer.Generators.CodeFixes.dll", "analyzer-deps/YamlDotNet.dll");
        Copy("tasks", "HevLayer.Build.dll", "HevLayer.Policy.dll");
    }

    public string Directory { get; }

    public void Dispose() => ConsumerProject.TryDelete(Directory);

    private void Copy(string folder, params string[] files)
    {
        var target = System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder)).FullName;
        foreach (var file in files)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(target, Path.GetFileName(file)));
        }
    }
}

/// <summary>A throwaway user project on disk, built with a real <c>dotnet build</c>.</summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    public ConsumerProject(PrebuiltHevLayer hevLayer, string name = "Consumer")
    {
        Root = Path.Combine(Path.GetTempPath(), "hevlayer-e2e-" + Guid.NewGuid().ToString("N"));
        ProjectDirectory = Path.Combine(Root, name);
        System.IO.Directory.CreateDirectory(ProjectDirectory);
        var eng = Path.Combine(RepoPaths.Root, "eng");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <HevLayerPrebuiltDir>{hevLayer.Directory}</HevLayerPrebuiltDir>
              </PropertyGroup>
              <Import Project="{Path.Combine(eng, "HevLayer.InRepo.props")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), $"""
            <Project>
              <Import Project="{Path.Combine(eng, "HevLayer.InRepo.targets")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(ProjectDirectory, name + ".csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """);
    }

    public string Root { get; }

    public string ProjectDirectory { get; }

    public string ManifestsDirectory => Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0", "manifests");

    /// <summary>A consumer holding a copy of samples/Workers' sources and InfraRules.</summary>
    public static ConsumerProject FromSample(PrebuiltHevLayer hevLayer)
    {
        var consumer = new ConsumerProject(hevLayer);
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.SampleWorkers).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(consumer.ProjectDirectory, Path.GetFileName(file)));
        }

        return consumer;
    }

    public void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(ProjectDirectory, relativePath), text);

    public void Delete(string relativePath) => File.Delete(Path.Combine(ProjectDirectory, relativePath));

    public ProcessResult Build(params string[] properties) =>
        ProcessRunner.Run(
            "dotnet",
            new[] { "build", ProjectDirectory, "-nologo", "-tl:off", "-v:m", "-nodeReuse:false", "-p:UseSharedCompilation=false" }.Concat(properties.Select(p => "-p:" + p)),
            Root,
            BuildTimeout);

    public ProcessResult BuildSucceeds(params string[] properties)
    {
        var result = Build(properties);
        Assert.True(result.ExitCode == 0, "dotnet build failed: " + result);
        return result;
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

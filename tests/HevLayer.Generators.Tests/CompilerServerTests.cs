using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Builds through the compiler server (VBCSCompiler), which users have on by default while this repository's
/// machines turn it off (<c>UseSharedCompilation=false</c>). One server compiles every project and remembers every
/// analyzer path it has loaded: when an analyzer's dependency is not in the analyzer's own folder, it takes an
/// assembly of that identity from any of those paths, the ordinally first among equal versions. So the in-repo
/// wiring must lay the analyzers out as the package does, in one folder, or an earlier consumer's package
/// (deleted, or an older policy core) stands in for the repository's HevLayer.Policy.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CompilerServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_consumer_whose_packages_are_deleted_then_the_in_repo_sample_then_another_consumer_build_through_one_server()
    {
        // Under the repository's git-ignored artifacts/, so that the deleted package's path sorts ordinally before
        // every in-repo path (src/, samples/) wherever the repository is cloned: the server would pick it first.
        var scratch = Path.Combine(RepoPaths.Root, "artifacts", "compiler-server-" + Guid.NewGuid().ToString("N"));
        using var first = ConsumerProject.FromSample();
        using var last = ConsumerProject.FromSample();
        try
        {
            // A fresh server, as in the report: it has loaded nothing but what this sequence gives it.
            var shutdown = ShutDownServer();
            Assert.True(shutdown.ExitCode == 0, "dotnet build-server shutdown failed: " + shutdown);

            var firstPackages = Path.Combine(scratch, "packages-first");
            var firstBuild = Build(first.ProjectDirectory, first.Root, firstPackages);
            AssertCompiledByServer(firstBuild, "Consumer");
            Directory.Delete(firstPackages, recursive: true);

            // The README's first command on a fresh clone: the sample's compile outputs are not there yet, so it compiles.
            ConsumerProject.TryDelete(Path.Combine(RepoPaths.SampleWorkers, "obj", "Debug", "net10.0"));
            var sample = Build(RepoPaths.SampleWorkers, RepoPaths.Root, packages: null);
            AssertCompiledByServer(sample, "Workers");
            Assert.Contains("HevLayer: 4 manifest(s), ", sample.Output, StringComparison.Ordinal);
            AssertLaidOutAsThePackage(sample, Path.Combine(scratch, "package"));

            var lastBuild = Build(last.ProjectDirectory, last.Root, Path.Combine(scratch, "packages-last"));
            AssertCompiledByServer(lastBuild, "Consumer");
            Assert.Contains($"HevLayer: 4 manifest(s), 5 file(s) changed -> {last.ManifestsDirectory}", lastBuild.Output, StringComparison.Ordinal);
        }
        finally
        {
            // Leave no server behind; a failure here must not hide the sequence's own.
            ShutDownServer();
            ConsumerProject.TryDelete(scratch);
        }
    }

    /// <summary>A build with the server on; a consumer's packages go to its own folder, the sample restores as the developer's machine does.</summary>
    private static ProcessResult Build(string project, string workingDirectory, string? packages)
    {
        var environment = new Dictionary<string, string?>();
        if (packages is not null)
        {
            environment["NUGET_PACKAGES"] = packages;
        }

        // Normal verbosity: the Csc task logs its command line and whether the server took the compilation.
        return ProcessRunner.Run(
            "dotnet",
            new[] { "build", project, "-nologo", "-tl:off", "-v:n", "-nodeReuse:false", "-p:UseSharedCompilation=true" },
            workingDirectory,
            Timeout,
            environment);
    }

    /// <summary>The build succeeded, its analyzers loaded, and the server (not a fallback compiler) compiled <paramref name="project"/>.</summary>
    private static void AssertCompiledByServer(ProcessResult result, string project)
    {
        Assert.True(result.ExitCode == 0, "dotnet build failed: " + result);
        ConsumerProject.AssertAnalyzersLoaded(result);
        Assert.True(
            result.Output.Contains($"server processed compilation - {project} (net10.0)", StringComparison.Ordinal),
            $"The compiler server did not compile {project}:\n{result}");
    }

    /// <summary>
    /// The HevLayer analyzers the compiler was given for the sample are one folder holding exactly the files of the
    /// package's analyzers/dotnet/cs, each with the same assembly name and version.
    /// </summary>
    private static void AssertLaidOutAsThePackage(ProcessResult sample, string extractTo)
    {
        var packaged = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var zip = ZipFile.OpenRead(HevLayerPackage.Shared.Nupkg))
        {
            Directory.CreateDirectory(extractTo);
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && e.Name.Length > 0))
            {
                var file = Path.Combine(extractTo, entry.Name);
                entry.ExtractToFile(file);
                packaged[entry.Name] = Identity(file);
            }
        }

        var given = Regex.Matches(sample.Output, "/analyzer:(?:\"(?<path>[^\"]+)\"|(?<path>[^\\s\"]+))")
            .Select(m => m.Groups["path"].Value)
            .Where(p => packaged.ContainsKey(Path.GetFileName(p)) || Path.GetFileName(p).StartsWith("HevLayer.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Single(given.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal));
        Assert.Equal(packaged.Keys.OrderBy(k => k, StringComparer.Ordinal), given.Select(Path.GetFileName).OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(given, path => Assert.Equal(packaged[Path.GetFileName(path)], Identity(path)));
    }

    private static string Identity(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var definition = pe.GetMetadataReader().GetAssemblyDefinition();
        return pe.GetMetadataReader().GetString(definition.Name) + ", " + definition.Version;
    }

    /// <summary>Stops the compiler server only (not MSBuild or Razor servers); it starts again on the next build that asks for it.</summary>
    private static ProcessResult ShutDownServer() =>
        ProcessRunner.Run("dotnet", new[] { "build-server", "shutdown", "--vbcscompiler" }, RepoPaths.Root, TimeSpan.FromMinutes(1));
}

using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>What the one nupkg carries, checked on the package the end-to-end tests build against.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageTests
{
    private static readonly string[] Entries = Open(z => z.Entries.Select(e => e.FullName).ToArray());

    [Theory]
    [InlineData("lib/netstandard2.0/HevLayer.Abstractions.dll")]
    [InlineData("lib/netstandard2.0/HevLayer.Abstractions.xml")]
    [InlineData("analyzers/dotnet/cs/HevLayer.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/HevLayer.Policy.dll")]
    [InlineData("analyzers/dotnet/cs/YamlDotNet.dll")]
    [InlineData("analyzers/dotnet/cs/HevLayer.Generators.CodeFixes.dll")]
    [InlineData("build/HevLayer.Generators.props")]
    [InlineData("build/HevLayer.Generators.targets")]
    [InlineData("build/HevLayer.Generators.Image.targets")]
    [InlineData("buildTransitive/HevLayer.Generators.props")]
    [InlineData("buildTransitive/HevLayer.Generators.targets")]
    [InlineData("tasks/net8.0/HevLayer.Build.dll")]
    [InlineData("tasks/net8.0/KubernetesClient.dll")]
    [InlineData("tasks/net8.0/YamlDotNet.dll")]
    [InlineData("tasks/net472/HevLayer.Build.dll")]
    [InlineData("README.md")]
    [InlineData("schemas/infrarules.schema.json")]
    [InlineData("schemas/pipeline.schema.json")]
    [InlineData("schemas/function.schema.json")]
    public void The_package_carries(string entry) => Assert.Contains(entry, Entries);

    [Fact]
    public void No_msbuild_or_roslyn_assembly_is_shipped_and_there_are_no_dependencies()
    {
        Assert.DoesNotContain(Entries, e => e.Contains("Microsoft.Build", StringComparison.Ordinal) || e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        var nuspec = Nuspec();
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void The_metadata_has_readme_license_repository_and_tags()
    {
        var metadata = Nuspec().Descendants().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("HevLayer.Generators", Value("id"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("MIT", Value("license"));
        Assert.Contains("kubernetes", Value("tags"), StringComparison.Ordinal);
        Assert.StartsWith("https://", (string)metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzer_targets_netstandard_and_an_old_roslyn_so_every_supported_sdk_loads_it()
    {
        var references = Open(z =>
        {
            using var stream = z.GetEntry("analyzers/dotnet/cs/HevLayer.Generators.dll")!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            using var pe = new PEReader(new MemoryStream(copy.ToArray()));
            var md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToArray();
        });

        var roslyn = references.Single(r => r.Item1 == "Microsoft.CodeAnalysis");
        Assert.Equal(new Version(4, 8, 0, 0), roslyn.Version);
        Assert.Contains(references, r => r.Item1 == "netstandard");
    }

    [Fact]
    public void Symbols_are_embedded_and_entries_carry_a_fixed_timestamp()
    {
        Open(z =>
        {
            Assert.All(z.Entries, e => Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcDateTime.Date, e.LastWriteTime.UtcDateTime.Date));
            using var stream = z.GetEntry("analyzers/dotnet/cs/HevLayer.Generators.dll")!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            using var pe = new PEReader(new MemoryStream(copy.ToArray()));
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
            return 0;
        });
    }

    private static XDocument Nuspec() => Open(z =>
    {
        using var stream = z.GetEntry("HevLayer.Generators.nuspec")!.Open();
        return XDocument.Load(stream);
    });

    private static T Open<T>(Func<ZipArchive, T> read)
    {
        using var zip = ZipFile.OpenRead(HevLayerPackage.Shared.Nupkg);
        return read(zip);
    }
}

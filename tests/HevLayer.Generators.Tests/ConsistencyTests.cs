using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HevLayer.Generators.Diagnostics;
using HevLayer.Generators.Parsing;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>Keeps the places that list rules and properties in step with the code.</summary>
public sealed class ConsistencyTests
{
    private static readonly string[] Ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();

    private static readonly string BuildFolder = Path.Combine(RepoPaths.Root, "src", "HevLayer.Build", "build");

    [Fact]
    public void Strict_mode_lists_every_diagnostic_id()
    {
        var targets = XDocument.Load(Path.Combine(BuildFolder, "HevLayer.Generators.targets"));
        var list = targets.Descendants().Single(e => e.Name.LocalName == "WarningsAsErrors").Value;
        var strict = list.Split(';').Where(s => s.StartsWith("HEVL", StringComparison.Ordinal)).ToArray();

        Assert.Equal(Ids.OrderBy(i => i, StringComparer.Ordinal), strict.OrderBy(i => i, StringComparer.Ordinal));
    }

    [Fact]
    public void The_props_make_every_property_the_code_reads_visible_to_the_compiler()
    {
        var props = XDocument.Load(Path.Combine(BuildFolder, "HevLayer.Generators.props"));
        var visible = props.Descendants().Where(e => e.Name.LocalName == "CompilerVisibleProperty").Select(e => (string)e.Attribute("Include")!).ToArray();

        Assert.Equal(BuildProperties.All.OrderBy(p => p, StringComparer.Ordinal), visible.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_has_a_readme_entry_its_help_link_points_to_and_a_release_note()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var releases = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "HevLayer.Generators", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "HevLayer.Generators", "AnalyzerReleases.Shipped.md"));

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var anchor = descriptor.Id.ToLowerInvariant();
            Assert.Equal(DiagnosticDescriptors.HelpBase + anchor, descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>", readme, StringComparison.Ordinal);
            Assert.Matches(new Regex("^" + descriptor.Id + @" \| " + Regex.Escape(descriptor.Category) + @" \| " + descriptor.DefaultSeverity + " ", RegexOptions.Multiline), releases);
        }
    }

    [Fact]
    public void The_in_repo_wiring_bundles_the_yamldotnet_version_the_packages_use()
    {
        var packages = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props"));
        var version = (string)packages.Descendants().Single(e => e.Name.LocalName == "PackageVersion" && (string?)e.Attribute("Include") == "YamlDotNet").Attribute("Version")!;
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, "eng", "HevLayer.InRepo.props"));

        Assert.Equal(version, props.Descendants().Single(e => e.Name.LocalName == "HevLayerYamlDotNetVersion").Value);
    }

    [Fact]
    public void Ids_are_unique_and_follow_the_hevl_scheme()
    {
        Assert.Equal(Ids.Length, Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Ids, id => Assert.Matches("^HEVL[0-9]{3}$", id));
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using HevLayer.Generators.Analyzers;
using HevLayer.Generators.Diagnostics;
using HevLayer.Generators.Parsing;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Rules;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>Keeps the places that list rules and properties in step with the code.</summary>
public sealed class ConsistencyTests
{
    private static readonly string[] Ids = RuleCatalog.All.Select(d => d.Id).ToArray();

    private static readonly string BuildFolder = Path.Combine(RepoPaths.Root, "src", "HevLayer.Build", "build");

    [Fact]
    public void Strict_mode_lists_every_analyzer_warning_and_error_and_no_info_note()
    {
        var targets = XDocument.Load(Path.Combine(BuildFolder, "HevLayer.Generators.targets"));
        var list = targets.Descendants().Single(e => e.Name.LocalName == "WarningsAsErrors").Value;
        var strict = list.Split(';').Where(s => s.StartsWith("HEVL", StringComparison.Ordinal)).ToArray();
        var expected = RuleCatalog.All.Where(r => r.Reporter != RuleReporter.Build && r.Severity != RuleSeverity.Info).Select(r => r.Id);

        Assert.Equal(expected.OrderBy(i => i, StringComparer.Ordinal), strict.OrderBy(i => i, StringComparer.Ordinal));
        Assert.DoesNotContain(strict, id => RuleCatalog.Get(id).Severity == RuleSeverity.Info);
        Assert.DoesNotContain("HEVL009", strict);
    }

    [Fact]
    public void Each_analyzer_supports_exactly_the_rules_the_catalog_gives_it()
    {
        var workload = new WorkloadAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();
        var infraRules = new InfraRulesAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();

        foreach (var rule in RuleCatalog.All)
        {
            Assert.Equal(rule.Reporter is RuleReporter.WorkloadAnalyzer or RuleReporter.AssemblyFactsReader or RuleReporter.AllAnalyzers, workload.Contains(rule.Id));
            Assert.Equal(rule.Reporter is RuleReporter.InfraRulesAnalyzer or RuleReporter.AllAnalyzers, infraRules.Contains(rule.Id));
        }

        Assert.All(RuleCatalog.Workload, r => Assert.Contains(r.Id, workload));
        Assert.All(RuleCatalog.InfraRules, r => Assert.Contains(r.Id, infraRules));
    }

    [Fact]
    public void Every_descriptor_is_the_catalog_entry_of_its_rule()
    {
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var rule = RuleCatalog.Get(descriptor.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(rule.PositionalMessage, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(rule.Category, descriptor.Category);
            Assert.Equal(rule.Severity.ToString(), descriptor.DefaultSeverity.ToString());
        }
    }

    [Fact]
    public void Ids_sit_in_the_hundreds_of_their_area()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var hundreds = rule.Id[4];
            var expected = rule.Area switch
            {
                RuleArea.Scaling => '0',
                RuleArea.Declaration => '1',
                RuleArea.InfraRules => '2',
                RuleArea.Build => '3',
                RuleArea.Cluster => '4',
                RuleArea.Manifest => '5',
                _ => '9',
            };
            Assert.True(expected == hundreds, rule.Id + " is in area " + rule.Area);
        }
    }

    [Fact]
    public void Every_message_hole_is_named_and_renders()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var args = rule.Parameters.Select(p => (p, "<" + p + ">")).ToArray();
            var finding = rule.At(WorkloadTarget.Type, args);
            var text = finding.Message;
            Assert.All(rule.Parameters, p => Assert.Contains("<" + p + ">", text, StringComparison.Ordinal));
            Assert.DoesNotMatch(@"\{[0-9a-zA-Z]*\}", text);
            Assert.Throws<ArgumentException>(() => rule.At(WorkloadTarget.Type, args.Append(("extra", "x")).ToArray()));
        }
    }

    [Fact]
    public void The_targets_raise_build_rules_with_the_catalogs_messages()
    {
        var targets = XDocument.Load(Path.Combine(BuildFolder, "HevLayer.Generators.targets"));
        var errors = targets.Descendants().Where(e => e.Name.LocalName == "Error" && ((string?)e.Attribute("Code"))?.StartsWith("HEVL", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            var rule = RuleCatalog.Get((string)error.Attribute("Code")!);
            Assert.Equal(RuleReporter.Build, rule.Reporter);
            var msbuild = Regex.Replace((string)error.Attribute("Text")!, @"[$%@]\([^)]*\)", "*");
            Assert.Equal(Regex.Replace(rule.Message, @"\{[a-zA-Z0-9]+\}", "*"), msbuild);
        }
    }

    [Fact]
    public void The_readme_rule_table_has_one_row_per_rule_with_its_severity_and_basis()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var rows = Regex.Matches(readme, @"^\| <a id=""(hevl[0-9]{3})""></a>`(HEVL[0-9]{3})` \| ([a-z]+) \| ([a-zA-Z ]+) \|", RegexOptions.Multiline)
            .Select(m => (Anchor: m.Groups[1].Value, Id: m.Groups[2].Value, Severity: m.Groups[3].Value, Basis: m.Groups[4].Value))
            .ToList();

        Assert.Equal(RuleCatalog.All.Select(r => r.Id), rows.Select(r => r.Id));
        foreach (var row in rows)
        {
            var rule = RuleCatalog.Get(row.Id);
            Assert.Equal(rule.HelpAnchor, row.Anchor);
            Assert.Equal(rule.Severity.ToString().ToLowerInvariant(), row.Severity);
            Assert.Equal(rule.Basis switch { RuleBasis.Seed => "seed", RuleBasis.Kubernetes => "Kubernetes", RuleBasis.Inference => "our inference", _ => "tool" }, row.Basis);
        }
    }

    [Fact]
    public void Every_emitted_field_in_the_readme_names_the_rules_that_check_it()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme.Substring(readme.IndexOf("## What is emitted, and from where", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 5, StringComparison.Ordinal));
        var rows = Regex.Matches(section, @"^\| `(?<field>[^`]+)`[^\n]*\| (?<checks>[^|\n]+) \|$", RegexOptions.Multiline).ToList();

        Assert.True(rows.Count >= 20, "the emitted-field table has " + rows.Count + " rows");
        foreach (var row in rows)
        {
            var checks = row.Groups["checks"].Value;
            var ids = Regex.Matches(checks, "HEVL[0-9]{3}").Select(m => m.Value).ToList();
            Assert.True(ids.Count > 0 || checks.Contains("constant", StringComparison.Ordinal), row.Groups["field"].Value + " names no rule: " + checks);
            Assert.All(ids, id => Assert.NotEqual(RuleReporter.Build, RuleCatalog.Get(id).Reporter));
        }
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
            Assert.Equal(RuleCatalog.Get(descriptor.Id).HelpAnchor, anchor);
            Assert.Equal(DiagnosticDescriptors.HelpBase + anchor, descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>", readme, StringComparison.Ordinal);
            Assert.Matches(new Regex("^" + descriptor.Id + @" \| " + Regex.Escape(descriptor.Category) + @" \| " + descriptor.DefaultSeverity + " ", RegexOptions.Multiline), releases);
        }

        // And no release note names a rule that no analyzer reports.
        var noted = Regex.Matches(releases, "^(HEVL[0-9]{3}) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal), noted.OrderBy(i => i, StringComparer.Ordinal));
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

    [Fact]
    public void The_template_references_the_package_version_this_repository_builds()
    {
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var version = props.Descendants().Single(e => e.Name.LocalName == "Version").Value;
        var template = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "HevLayer.Templates", "content", "hevlayer-workers", "HevLayer.Workers.csproj"));
        var reference = template.Descendants().Single(e => e.Name.LocalName == "PackageReference" && (string?)e.Attribute("Include") == "HevLayer.Generators");
        Assert.Equal(version, (string?)reference.Attribute("Version"));
    }
}

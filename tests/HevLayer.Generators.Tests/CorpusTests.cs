using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.InfraRules;
using Xunit;

using HevLayer.Policy.Yaml;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Nasty InfraRules files kept in tests/HevLayer.Generators.Tests/Corpus: each gets its exact findings
/// (id, line, column), and reading it stays within a time and memory bound. The bounds are generous
/// ceilings that catch runaway work (an alias bomb expanded, a deep recursion), not benchmarks.
/// </summary>
public sealed class CorpusTests
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(5);
    private const long MemoryBound = 256L * 1024 * 1024;

    [Theory]
    [InlineData("seed.yaml", "")]
    [InlineData("billion-laughs.yaml", "HEVL220@15:15")]
    [InlineData("deep-nesting.yaml", "HEVL220@6:47")]
    [InlineData("huge-numbers.yaml", "HEVL208@7:13 HEVL217@9:31 HEVL210@15:16 HEVL217@20:13 HEVL217@21:24")]
    [InlineData("duplicate-keys.yaml", "HEVL201@9:7")]
    [InlineData("tabs.yaml", "HEVL201@7:13")]
    [InlineData("bom-crlf.yaml", "")]
    [InlineData("truncated.yaml", "HEVL201@15:16")]
    [InlineData("invalid-utf8.yaml", "HEVL222@9:21")]
    [InlineData("scalar-root.yaml", "HEVL221@1:1")]
    [InlineData("empty.yaml", "HEVL221@1:1")]
    [InlineData("merge-keys.yaml", "HEVL216@20:7 HEVL208@21:13")]
    [InlineData("flow-json.yaml", "")]
    [InlineData("pools-as-scalars.yaml", "HEVL217@7:7")]
    [InlineData("unicode-names.yaml", "")]
    public void Each_nasty_file_gets_its_exact_findings_within_bounds(string file, string expected)
    {
        // Read as the compiler reads an AdditionalFile: UTF-8, BOM stripped, invalid bytes replaced.
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Corpus", file), new UTF8Encoding(false, false));

        Assert.Equal(expected, Measure(file, text));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_before_parsing()
    {
        var text = "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\n# " + new string('x', YamlLimits.MaxCharacters) + "\n";

        Assert.Equal("HEVL220@1:1", Measure("huge.yaml", text));
    }

    [Fact]
    public void A_very_long_scalar_is_refused_where_it_starts()
    {
        var text = "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: " + new string('d', 100_000) + "\n";

        Assert.Equal("HEVL220@4:9", Measure("long.yaml", text));
    }

    private static string Measure(string file, string text)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var read = InfraRulesReader.Read(file, text);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(clock.Elapsed < TimeBound, $"{file} took {clock.Elapsed}.");
        Assert.True(allocated < MemoryBound, $"{file} allocated {allocated:N0} bytes.");
        Assert.All(read.Findings, f => Assert.InRange(f.Span!.Start, 0, text.Length));
        return string.Join(" ", read.Findings
            .OrderBy(f => f.Span!.Start)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(f => $"{f.RuleId}@{f.Span!.StartLine}:{f.Span.StartColumn}"));
    }
}

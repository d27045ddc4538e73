using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using HevLayer.Policy.InfraRules;
using Xunit;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// Generated InfraRules documents: valid ones with random values are checked against an independent
/// oracle of which rules must fire; mutated ones (flipped characters, duplicated keys, tabs, BOM, CRLF,
/// invalid UTF-8, truncation) must never make the reader throw or point outside the file.
/// </summary>
public sealed class InfraRulesProperties
{
    // Quantities with the bytes an independent reader gives them; null marks a quantity Kubernetes rejects.
    private static readonly (string Text, double? Value)[] Memory =
    {
        ("256Mi", 256d * 1024 * 1024), ("1Gi", 1024d * 1024 * 1024), ("2Gi", 2048d * 1024 * 1024), ("512M", 512e6), ("1.5Gi", 1.5 * 1024 * 1024 * 1024), ("0", 0),
        ("12MB", null), ("abc", null), ("1.2.3", null), ("-", null), ("Mi", null),
    };

    private static readonly string[] PoolNames = { "cpu", "gpu", "mem", "" };
    private static readonly string[] Kinds = { "cpu", "gpu", "GPU", "mem" };
    private static readonly string[] Modes = { "autoscale", "fixed", "disabled", "sometimes" };

    private static readonly Gen<Pool> PoolGen =
        from name in Gen.OneOf(Gen.Const((string?)null), Gen.OneOfConst(PoolNames).Select(n => (string?)n))
        from kind in Gen.OneOfConst(Kinds)
        from gpuType in Gen.OneOfConst<string?>(null, "nvidia-l4")
        from ceiling in Gen.OneOf(Gen.Const((int?)null), Gen.Int[-2, 30].Select(i => (int?)i))
        from request in Gen.Int[-1, Memory.Length - 1]
        from limit in Gen.Int[-1, Memory.Length - 1]
        select new Pool(name, kind, gpuType, ceiling, request, limit);

    private static readonly Gen<Cache?> CacheGen = Gen.OneOf(
        Gen.Const((Cache?)null),
        from cap in Gen.Int[-1, 300]
        from factor in Gen.Int[-1, 5]
        from min in Gen.Int[0, 5]
        from max in Gen.Int[0, 5]
        from mode in Gen.OneOfConst(Modes)
        select (Cache?)new Cache(cap, factor, min, max, mode));

    internal static readonly Gen<Doc> DocGen =
        from name in Gen.OneOfConst("default", "default", "default", "prod")
        from ns in Gen.Bool
        from pools in PoolGen.Array[0, 4]
        from cache in CacheGen
        from unknown in Gen.OneOfConst<string?>(null, null, null, "colour", "computePool")
        select new Doc(name, ns, pools, cache, unknown);

    [Fact]
    public void Valid_documents_with_random_values_fire_exactly_the_rules_an_independent_oracle_expects() =>
        PropertyRun.ForAll(DocGen, PropertyRun.Cases, 1, doc =>
        {
            var text = doc.Render();
            var read = InfraRulesReader.Read("gen.yaml", text);
            var actual = read.Findings.Select(f => f.RuleId).OrderBy(id => id, StringComparer.Ordinal).ToList();
            Assert.Equal(doc.Expected().OrderBy(id => id, StringComparer.Ordinal).ToList(), actual);
            AssertInside(read, text);
        }, d => d.Render());

    [Fact]
    public void Mutated_documents_never_throw_and_every_finding_points_inside_the_file()
    {
        var mutated =
            from doc in DocGen
            from edits in Gen.Int[1, 4].SelectMany(n => Gen.Select(Gen.Int[0, 7], Gen.Int[0, 100_000], Gen.Int[0, Nasty.Length - 1]).Array[n])
            select Mutate(doc.Render(), edits);

        PropertyRun.ForAll(mutated, PropertyRun.Cases, 2, text =>
        {
            var first = InfraRulesReader.Read("mutated.yaml", text);
            AssertInside(first, text);
            var again = InfraRulesReader.Read("mutated.yaml", text);
            Assert.Equal(first.Findings, again.Findings);
        }, t => t.Replace("\t", "\\t", StringComparison.Ordinal));
    }

    private static readonly string[] Nasty = { "\t", ":", "\"", "'", "[", "{", "&a", "*a", "\0", "\uFFFD", "\uD800", "\r", "#", "- ", "%", "!!int ", "\u2028", "\uFEFF" };

    private static string Mutate(string text, (int Kind, int Position, int Nasty)[] edits)
    {
        foreach (var (kind, position, nasty) in edits)
        {
            var at = text.Length == 0 ? 0 : position % text.Length;
            var lines = text.Split('\n');
            var line = lines.Length == 0 ? 0 : position % lines.Length;
            text = kind switch
            {
                0 => text.Remove(at, Math.Min(1, text.Length - at)).Insert(at, Nasty[nasty]),     // flip a character
                1 => string.Join("\n", lines.Take(line + 1).Concat(lines.Skip(line))),               // duplicate a line (and its key)
                2 => string.Join("\n", lines.Select((l, i) => i == line ? "\t" + l.TrimStart() : l)), // tab indentation
                3 => "\uFEFF" + text,                                                                 // BOM
                4 => text.Replace("\n", "\r\n", StringComparison.Ordinal),                          // CRLF
                5 => text.Substring(0, at),                                                           // truncation
                6 => text.Insert(at, Encoding.UTF8.GetString(new byte[] { 0xC3, 0x28, 0xFF })),      // invalid UTF-8, decoded as the compiler does
                _ => text.Insert(at, Nasty[nasty]),
            };
        }

        return text;
    }

    private static void AssertInside(InfraRulesFile read, string text)
    {
        foreach (var finding in read.Findings)
        {
            var span = finding.Span!;
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
            Assert.True(span.StartLine >= 1 && span.StartColumn >= 1, $"{finding.RuleId} at {span}");
        }
    }

    internal sealed record Pool(string? Name, string Kind, string? GpuType, int? Ceiling, int Request, int Limit);

    internal sealed record Cache(int Cap, int Factor, int Min, int Max, string Mode);

    internal sealed record Doc(string Name, bool Namespace, Pool[] Pools, Cache? Cache, string? Unknown)
    {
        public string Render()
        {
            var sb = new StringBuilder("apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: ").Append(Name).Append('\n');
            if (Namespace)
            {
                sb.Append("  namespace: layer\n");
            }

            sb.Append("spec:\n");
            if (Unknown is not null)
            {
                sb.Append("  ").Append(Unknown).Append(": blue\n");
            }

            sb.Append(Pools.Length == 0 ? "  computePools: []\n" : "  computePools:\n");
            foreach (var pool in Pools)
            {
                sb.Append("    - kind: ").Append(pool.Kind).Append('\n');
                if (pool.Name is not null)
                {
                    sb.Append("      name: \"").Append(pool.Name).Append("\"\n");
                }

                if (pool.GpuType is not null)
                {
                    sb.Append("      gpuType: ").Append(pool.GpuType).Append('\n');
                }

                if (pool.Ceiling is int ceiling)
                {
                    sb.Append("      maxReplicasPerWorkload: ").Append(ceiling.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }

                if (pool.Request >= 0 || pool.Limit >= 0)
                {
                    sb.Append("      resources:\n");
                    if (pool.Request >= 0)
                    {
                        sb.Append("        requests:\n          memory: \"").Append(Memory[pool.Request].Text).Append("\"\n");
                    }

                    if (pool.Limit >= 0)
                    {
                        sb.Append("        limits:\n          memory: \"").Append(Memory[pool.Limit].Text).Append("\"\n");
                    }
                }
            }

            if (Cache is { } c)
            {
                sb.Append("  documentCache:\n    capGiB: ").Append(c.Cap.ToString(CultureInfo.InvariantCulture))
                    .Append("\n    replicationFactor: ").Append(c.Factor.ToString(CultureInfo.InvariantCulture))
                    .Append("\n    scaling:\n      mode: ").Append(c.Mode)
                    .Append("\n      nodes:\n        min: ").Append(c.Min.ToString(CultureInfo.InvariantCulture))
                    .Append("\n        max: ").Append(c.Max.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            return sb.ToString();
        }

        /// <summary>The oracle: the rule ids the seed's semantics demand, worked out independently of the rules' code.</summary>
        public List<string> Expected()
        {
            var ids = new List<string>();
            if (Name != "default")
            {
                ids.Add("HEVL203");
            }

            if (Namespace)
            {
                ids.Add("HEVL204");
            }

            if (Unknown is not null)
            {
                ids.Add("HEVL216");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pool in Pools)
            {
                if (string.IsNullOrEmpty(pool.Name))
                {
                    ids.Add("HEVL207");
                }
                else if (!names.Add(pool.Name))
                {
                    ids.Add("HEVL206");
                }

                if (pool.Ceiling is null or < 1)
                {
                    ids.Add("HEVL208");
                }

                if (pool.GpuType is not null && !string.Equals(pool.Kind, "gpu", StringComparison.OrdinalIgnoreCase))
                {
                    ids.Add("HEVL209");
                }

                var request = pool.Request >= 0 ? Memory[pool.Request].Value : null;
                var limit = pool.Limit >= 0 ? Memory[pool.Limit].Value : null;
                if (pool.Request >= 0 && request is null)
                {
                    ids.Add("HEVL210");
                }

                if (pool.Limit >= 0 && limit is null)
                {
                    ids.Add("HEVL210");
                }
                else if (request is double r && limit is double l && r > l)
                {
                    ids.Add("HEVL211");
                }
            }

            if (Cache is { } c)
            {
                if (c.Cap <= 0)
                {
                    ids.Add("HEVL212");
                }

                if (c.Factor < 1 || c.Factor > c.Max)
                {
                    ids.Add("HEVL213");
                }

                if (c.Min > c.Max)
                {
                    ids.Add("HEVL214");
                }

                if (Array.IndexOf(Modes, c.Mode) == 3)
                {
                    ids.Add("HEVL215");
                }
            }

            return ids;
        }
    }
}

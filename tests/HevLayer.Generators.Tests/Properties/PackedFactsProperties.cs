using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using HevLayer.Build;
using HevLayer.Generators.Emit;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Policy.Emit;
using Xunit;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// The packed facts (the one string argument of <c>[GeneratedWorkload]</c>): the format as documented
/// reads back field by field, and text that is not a packed string (cut short, one character changed, a
/// newer format) is refused with a <see cref="FormatException"/> and nothing else, wherever it breaks.
/// </summary>
public sealed class PackedFactsProperties
{
    // The packed string of the format's documented example (src/Shared/WorkloadFacts.cs), written by hand from
    // the format's description: version 3; a Pipeline (0); "ingest"; "search"; not paused; no labels; no
    // annotations; "img:1.0.0" (a colon inside a string); batchSize and timeoutSeconds unset (~); no node
    // selector; no tolerations; no service account (~); "cpu"; mode 0; min 0; max 3; retry unset (~~~); no
    // triggers, targets, index selector or inputs; no version (~); no filter; schedule unset (~~~~); namespace and
    // image the workload's own (defaulted 0).
    private const string Example = "3;0;6:ingest6:search0;0;0;9:img:1.0.0~~0;0;~3:cpu0;0;3;~~~0;0;0;0;~0;~~~~0;";

    [Fact]
    public void The_documented_example_reads_back_field_by_field()
    {
        var facts = WorkloadFacts.Unpack(Example);

        Assert.False(facts.Function);
        Assert.Equal("ingest", facts.Name);
        Assert.Equal("search", facts.Namespace);
        Assert.False(facts.Flag(FactSlot.Paused));
        Assert.Empty(facts.Texts(FactSlot.Labels));
        Assert.Empty(facts.Texts(FactSlot.Annotations));
        Assert.Equal("img:1.0.0", facts.Text(FactSlot.Image));
        Assert.Null(facts.OptionalNumber(FactSlot.BatchSize));
        Assert.Null(facts.OptionalNumber(FactSlot.TimeoutSeconds));
        Assert.Empty(facts.Texts(FactSlot.NodeSelector));
        Assert.Empty(facts.Texts(FactSlot.Tolerations));
        Assert.Null(facts.OptionalText(FactSlot.ServiceAccountName));
        Assert.Equal("cpu", facts.Text(FactSlot.Pool));
        Assert.Equal((0, 0, 3), (facts.Number(FactSlot.Mode), facts.Number(FactSlot.MinReplicas), facts.Number(FactSlot.MaxReplicas)));
        Assert.Null(facts.OptionalNumber(FactSlot.MaxAttempts));
        Assert.Equal(0, facts.Number(FactSlot.Triggers));
        Assert.Empty(facts.Texts(FactSlot.TargetNamespaces));
        Assert.Empty(facts.Texts(FactSlot.IndexSelector));
        Assert.Empty(facts.Texts(FactSlot.Inputs));
        Assert.Null(facts.OptionalText(FactSlot.Version));
        Assert.Empty(facts.Texts(FactSlot.Filter));
        Assert.Null(facts.OptionalNumber(FactSlot.MaxConcurrentScans));
        Assert.Equal(0, facts.Number(FactSlot.Defaulted));
        Assert.Equal(Example, facts.Pack());
    }

    [Fact]
    public void Strings_arrays_and_optional_counts_read_back_in_order()
    {
        // A Function (1), paused, one label pair whose value holds every separator the format uses, an empty
        // annotation value, batchSize 64, one node selector pair, one toleration (key, Exists, no value,
        // NoExecute, 300 s), a service account, triggers 3, maxBackoffSeconds 5, an index selector, a version,
        // leaseSeconds 30, namespace and image from the project's defaults (1 + 2).
        const string packed = "3;1;1:f2:ns1;2;4:team6:a;b:~12;1:k0:3:img64;~2;3:k/a3:v/b5;3:key6:Exists0:9:NoExecute3:3002:sa4:gpu12;-1;2;~~5;3;1;2:ns2;4:tier4:gold1;1:x2:v11;3:a=b~30;~~3;";
        var facts = WorkloadFacts.Unpack(packed);

        Assert.True(facts.Function);
        Assert.True(facts.Flag(FactSlot.Paused));
        Assert.Equal(new[] { "team", "a;b:~1" }, facts.Texts(FactSlot.Labels));
        Assert.Equal(new[] { "k", string.Empty }, facts.Texts(FactSlot.Annotations));
        Assert.Equal(("img", "gpu1"), (facts.Text(FactSlot.Image), facts.Text(FactSlot.Pool)));
        Assert.Equal(64, facts.OptionalNumber(FactSlot.BatchSize));
        Assert.Null(facts.OptionalNumber(FactSlot.TimeoutSeconds));
        Assert.Equal(new[] { "k/a", "v/b" }, facts.Texts(FactSlot.NodeSelector));
        Assert.Equal(new[] { "key", "Exists", string.Empty, "NoExecute", "300" }, facts.Texts(FactSlot.Tolerations));
        Assert.Equal("sa", facts.OptionalText(FactSlot.ServiceAccountName));
        Assert.Equal((2, -1, 2), (facts.Number(FactSlot.Mode), facts.Number(FactSlot.MinReplicas), facts.Number(FactSlot.MaxReplicas)));
        Assert.Equal((null, null, 5), (facts.OptionalNumber(FactSlot.MaxAttempts), facts.OptionalNumber(FactSlot.InitialBackoffSeconds), facts.OptionalNumber(FactSlot.MaxBackoffSeconds)));
        Assert.Equal(3, facts.Number(FactSlot.Triggers));
        Assert.Equal(new[] { "ns" }, facts.Texts(FactSlot.TargetNamespaces));
        Assert.Equal(new[] { "tier", "gold" }, facts.Texts(FactSlot.IndexSelector));
        Assert.Equal(new[] { "x" }, facts.Texts(FactSlot.Inputs));
        Assert.Equal("v1", facts.OptionalText(FactSlot.Version));
        Assert.Equal(new[] { "a=b" }, facts.Texts(FactSlot.Filter));
        Assert.Equal(30, facts.OptionalNumber(FactSlot.LeaseSeconds));
        Assert.Null(facts.OptionalNumber(FactSlot.DiscoveryIntervalSeconds));
        Assert.Equal(3, facts.Number(FactSlot.Defaulted));
        Assert.Equal(packed, facts.Pack());

        // In an environment with its own namespace and image, both defaulted values give way; nothing else changes.
        var prod = facts.InEnvironment("search-prod", "registry/prod:1");
        Assert.Equal(("search-prod", "registry/prod:1"), (prod.Namespace, prod.Text(FactSlot.Image)));
        Assert.Equal(packed.Replace("2:ns1;", "11:search-prod1;", StringComparison.Ordinal).Replace("3:img64;", "15:registry/prod:164;", StringComparison.Ordinal), prod.Pack());
        Assert.Equal(packed, facts.InEnvironment(null, string.Empty).Pack());
    }

    // One fact over a table, not a theory: every case is asserted in every run, and mutation testing
    // attributes the coverage of each to this test.
    [Fact]
    public void Text_that_is_not_packed_facts_is_refused_with_where_and_what()
    {
        var cases = new (string Packed, string Expected)[]
        {
            (Example.Replace("3;0;6:", "2;0;6:", StringComparison.Ordinal), "format 2"),
            (string.Empty, "character 0: expected a number"),
            (Example + "0;", "end of the text"),
            (Example.Replace("9:img", "99:img", StringComparison.Ordinal), "string length"),
            (Example.Replace("6:ingest", "~", StringComparison.Ordinal), "a string"),
            (Example.Replace("3;0;6:", "3;2;6:", StringComparison.Ordinal), "0 or 1"),
            (Example.Substring(0, Example.Length - 2) + "4;", "0 to 3"),
            (Example.Replace("search0;", "search2;", StringComparison.Ordinal), "0 or 1"),

            // Counts: absurd, and merely more than the rest of the text can hold (each item takes at least two characters).
            (Example.Replace("search0;0;", "search0;999999;", StringComparison.Ordinal), "count"),
            (Example.Replace("search0;0;", "search0;40;", StringComparison.Ordinal), "count"),
            (Example.Replace("search0;0;", "search0;-1;", StringComparison.Ordinal), "count"),

            // Pairs come in twos, tolerations in fives.
            (Example.Replace("search0;0;", "search0;1;1:k", StringComparison.Ordinal), "twos"),
            (Example.Replace("1.0.0~~0;0;~", "1.0.0~~0;1;1:k~", StringComparison.Ordinal), "fives"),

            // An optional number is a number or '~'.
            (Example.Replace("1.0.0~~", "1.0.0x~", StringComparison.Ordinal), "number followed by ';'"),

            // Numbers: past int's range, many digits, and 2^64 + 5, which a reader without a digit limit would wrap to 5.
            (Example.Replace("cpu0;0;3;", "cpu0;0;2147483648;", StringComparison.Ordinal), "character 53: expected a number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;0;-2147483649;", StringComparison.Ordinal), "number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;0;99999999999;", StringComparison.Ordinal), "number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;0;18446744073709551621;", StringComparison.Ordinal), "number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;0;;", StringComparison.Ordinal), "number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;0;3:", StringComparison.Ordinal), "number followed by ';'"),

            // Numbers spelled otherwise than the writer spells them: one spelling each, so what is read packs back the same.
            (Example.Replace("cpu0;0;3;", "cpu0;0;03;", StringComparison.Ordinal), "character 53: expected a number followed by ';'"),
            (Example.Replace("cpu0;0;3;", "cpu0;-0;3;", StringComparison.Ordinal), "character 51: expected a number followed by ';'"),
            (Example.Replace("6:ingest", "06:ingest", StringComparison.Ordinal), "character 4: expected a number followed by ':'"),
        };

        foreach (var (packed, expected) in cases)
        {
            var e = Assert.Throws<FormatException>(() => WorkloadFacts.Unpack(packed));
            Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{packed}\n{e.Message}\nexpected: {expected}");
        }
    }

    [Fact]
    public void The_ends_of_the_int_range_travel()
    {
        var packed = Example.Replace("cpu0;0;3;", "cpu0;-2147483648;2147483647;", StringComparison.Ordinal);
        var facts = WorkloadFacts.Unpack(packed);
        Assert.Equal((int.MinValue, int.MaxValue), (facts.Number(FactSlot.MinReplicas), facts.Number(FactSlot.MaxReplicas)));
        Assert.Equal(packed, facts.Pack());
    }

    [Fact]
    public void Packed_facts_compiled_into_an_assembly_and_read_back_render_the_same_manifests()
    {
        // Hostile strings everywhere (lone surrogates, NUL, line breaks, the format's own separators), through
        // the C# literal, the compiler's UTF-8 attribute blob and the build task's metadata reader: the YAML is
        // the writer's for the original workload (which writes a lone surrogate as U+FFFD, as the blob does).
        PropertyRun.ForAll(TypedManifestProperties.Workload.Array[50], Math.Max(1, PropertyRun.Cases / 1000), 22, models =>
        {
            var source = new StringBuilder();
            for (var i = 0; i < models.Length; i++)
            {
                source.Append("[HevLayer.Manifests.GeneratedWorkload(").Append(SourceEmitter.Literal(WorkloadFacts.From(models[i]).Pack())).Append(")] class W").Append(i).Append(" { }\n");
            }

            using var image = new MemoryStream();
            var emitted = GeneratorHarness.Compile(("W.cs", source.ToString())).Emit(image);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

            var read = AssemblyFactsReader.Read(image.ToArray(), "W.dll");
            Assert.Equal(models.Select((m, i) => ManifestWriter.Write(m with { SourceType = "W" + i })), read.Select(m => m.Yaml));
        });
    }

    [Fact]
    public void Packed_facts_cut_short_or_changed_anywhere_are_refused_or_read_back_as_the_same_string()
    {
        var gen =
            from workload in TypedManifestProperties.Workload
            from cut in Gen.Double[0, 1]
            from at in Gen.Double[0, 1]
            from replacement in Gen.OneOfConst(';', ':', '~', '-', '0', '9', 'x', '\uD800')
            select (Packed: WorkloadFacts.From(workload).Pack(), Cut: cut, At: at, Replacement: replacement);
        PropertyRun.ForAll(gen, PropertyRun.Cases, 21, c =>
        {
            var cut = c.Packed.Substring(0, (int)(c.Cut * (c.Packed.Length - 1)));
            Assert.Throws<FormatException>(() => WorkloadFacts.Unpack(cut));

            // A changed string is refused, or it is read as facts that pack to exactly that string: the reader
            // accepts one spelling of each fact, so nothing it reads can be written differently.
            var chars = c.Packed.ToCharArray();
            chars[(int)(c.At * (chars.Length - 1))] = c.Replacement;
            var changed = new string(chars);
            WorkloadFacts read;
            try
            {
                read = WorkloadFacts.Unpack(changed);
            }
            catch (FormatException)
            {
                return;
            }

            Assert.Equal(changed, read.Pack());
        });
    }
}

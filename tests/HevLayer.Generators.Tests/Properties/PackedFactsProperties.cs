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
    [Fact]
    public void The_documented_example_reads_back_field_by_field()
    {
        // Written by hand from the format's description: version 1; a Pipeline (0); "ingest"; "search"; not
        // paused; no labels; no annotations; "img:1.0.0" (a colon inside a string); "cpu"; mode 0; min 0;
        // max 3; nothing optional set, no values; no triggers, targets, inputs; no version (~); no filter.
        var facts = WorkloadFacts.Unpack("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;");

        Assert.False(facts.Function);
        Assert.Equal("ingest", facts.Name);
        Assert.Equal("search", facts.Namespace);
        Assert.False(facts.Paused);
        Assert.Empty(facts.Labels);
        Assert.Empty(facts.Annotations);
        Assert.Equal("img:1.0.0", facts.Image);
        Assert.Equal("cpu", facts.Pool);
        Assert.Equal((0, 0, 3, 0), (facts.Mode, facts.MinReplicas, facts.MaxReplicas, facts.Set));
        Assert.Empty(facts.Values);
        Assert.Equal(0, facts.Triggers);
        Assert.Empty(facts.TargetNamespaces);
        Assert.Empty(facts.Inputs);
        Assert.Null(facts.Version);
        Assert.Empty(facts.Filter);
    }

    [Fact]
    public void Strings_arrays_and_optional_counts_read_back_in_order()
    {
        // A Function (1), paused, one label pair whose value holds every separator the format uses, an
        // empty annotation value, batchSize and leaseSeconds set (bits 0 and 6: 65), triggers 3, a version.
        var facts = WorkloadFacts.Unpack("1;1;1:f2:ns1;2;4:team6:a;b:~12;1:k0:3:img4:gpu12;-1;2;65;2;64;30;3;1;2:ns1;1:x2:v11;3:a=b");

        Assert.True(facts.Function);
        Assert.True(facts.Paused);
        Assert.Equal(new[] { "team", "a;b:~1" }, facts.Labels);
        Assert.Equal(new[] { "k", string.Empty }, facts.Annotations);
        Assert.Equal(("img", "gpu1"), (facts.Image, facts.Pool));
        Assert.Equal((2, -1, 2), (facts.Mode, facts.MinReplicas, facts.MaxReplicas));
        Assert.Equal(64, facts.Get(0));
        Assert.Null(facts.Get(1));
        Assert.Equal(30, facts.Get(6));
        Assert.Equal(3, facts.Triggers);
        Assert.Equal(new[] { "ns" }, facts.TargetNamespaces);
        Assert.Equal(new[] { "x" }, facts.Inputs);
        Assert.Equal("v1", facts.Version);
        Assert.Equal(new[] { "a=b" }, facts.Filter);
    }

    // One fact over a table, not a theory: every case is asserted in every run, and mutation testing
    // attributes the coverage of each to this test.
    [Fact]
    public void Text_that_is_not_packed_facts_is_refused_with_where_and_what()
    {
        var cases = new (string Packed, string Expected)[]
        {
            ("2;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "format 2"),
            (string.Empty, "character 0: expected a number"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;0;", "end of the text"),
            ("1;0;6:ingest6:search0;0;0;99:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "string length"),
            ("1;0;~6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "a string"),
            ("1;2;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "0 or 1"),

            // Counts: absurd, and merely more than the rest of the text can hold (each item takes at least two characters).
            ("1;0;6:ingest6:search0;999999;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "count"),
            ("1;0;6:ingest6:search0;30;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "count"),
            ("1;0;6:ingest6:search0;-1;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "count"),

            // Numbers: past int's range, many digits, and 2^64 + 5, which a reader without a digit limit would wrap to 5.
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;2147483648;0;0;0;0;0;~0;", "character 46: expected a number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;-2147483649;0;0;0;0;0;~0;", "number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;99999999999;0;0;0;0;0;~0;", "number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;18446744073709551621;0;0;0;0;0;~0;", "number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;;0;0;0;0;0;~0;", "number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3:0;0;0;0;0;~0;", "number followed by ';'"),

            // Numbers spelled otherwise than the writer spells them: one spelling each, so what is read packs back the same.
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;03;0;0;0;0;0;~0;", "character 46: expected a number followed by ';'"),
            ("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;-0;3;0;0;0;0;0;~0;", "character 44: expected a number followed by ';'"),
            ("1;0;06:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;", "character 4: expected a number followed by ':'"),
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
        var facts = WorkloadFacts.Unpack("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;-2147483648;2147483647;0;0;0;0;0;~0;");
        Assert.Equal((int.MinValue, int.MaxValue), (facts.MinReplicas, facts.MaxReplicas));
        Assert.Equal("1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;-2147483648;2147483647;0;0;0;0;0;~0;", facts.Pack());
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

            var read = ManifestReader.Read(image.ToArray(), "W.dll");
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

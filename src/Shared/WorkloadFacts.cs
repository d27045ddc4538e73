// A workload's manifest facts and their one text encoding. This file is compiled into two assemblies:
// the policy core (public, with the model mapping: the generator packs, the build task and the hevlayer
// tool unpack) and HevLayer.Abstractions (internal: the user's application unpacks, at run time, the facts
// of a typed `Manifest`). One definition of the fields and of the format, so they cannot drift apart.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

#if HEVLAYER_POLICY
namespace HevLayer.Policy.Emit;
#else
namespace HevLayer.Manifests;
#endif

/// <summary>
/// A workload's manifest as compact values: the values are the manifest's, not the declaration's
/// (defaults applied, labels and annotations as written, sorted, last value of a repeated key,
/// <c>replicas.max</c> as written). The generator writes them into the user's assembly as the one string
/// argument of <c>[HevLayer.Manifests.GeneratedWorkload("...")]</c> on each workload class (see
/// <see cref="Pack"/>); the build task reads that string from metadata and renders the YAML, and the
/// typed <c>Manifest</c> is built from it at run time.
/// </summary>
/// <remarks>
/// One string, not typed attribute arguments: the compiler binds and emits every argument expression of
/// every generated attribute on every build, and eighteen typed arguments (with arrays) per workload cost
/// the user's compile about 120 ms more per 1,000 workloads than one string constant (`shape N` in the
/// benchmarks).
/// </remarks>
#if HEVLAYER_POLICY
public
#else
internal
#endif
sealed partial class WorkloadFacts
{
    /// <summary>The format <see cref="Pack"/> writes: the first item of every packed string.</summary>
    public const int FormatVersion = 1;

    /// <summary>The optional counts, in the order of <see cref="Set"/>'s bits.</summary>
    public const int OptionalCount = 9;

    /// <summary>True for a Function.</summary>
    public bool Function { get; set; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary><c>spec.paused</c>.</summary>
    public bool Paused { get; set; }

    /// <summary>Labels as written, key and value in turn, in ordinal key order, without the managed-by label when it has its default value.</summary>
    public string[] Labels { get; set; } = Array.Empty<string>();

    /// <summary>Annotations as written, key and value in turn, in ordinal key order.</summary>
    public string[] Annotations { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.worker.image</c>.</summary>
    public string Image { get; set; } = string.Empty;

    /// <summary><c>spec.scaling.pool</c>.</summary>
    public string Pool { get; set; } = string.Empty;

    /// <summary><c>spec.scaling.mode</c>.</summary>
    public int Mode { get; set; }

    /// <summary><c>spec.scaling.replicas.min</c>.</summary>
    public int MinReplicas { get; set; }

    /// <summary><c>spec.scaling.replicas.max</c> as written.</summary>
    public int MaxReplicas { get; set; }

    /// <summary>Bit i set: optional count i is set (worker.batchSize, worker.timeoutSeconds, retry x3, schedule x4).</summary>
    public int Set { get; set; }

    /// <summary>The set optional counts, in order.</summary>
    public int[] Values { get; set; } = Array.Empty<int>();

    /// <summary><c>spec.triggers</c> as flags.</summary>
    public int Triggers { get; set; }

    /// <summary><c>spec.targetNamespaces</c>.</summary>
    public string[] TargetNamespaces { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.inputs</c>.</summary>
    public string[] Inputs { get; set; } = Array.Empty<string>();

    /// <summary><c>spec.version</c>, or null.</summary>
    public string? Version { get; set; }

    /// <summary><c>spec.filter</c>.</summary>
    public string[] Filter { get; set; } = Array.Empty<string>();

    /// <summary>The optional count <paramref name="index"/>, or null when not set.</summary>
    public int? Get(int index)
    {
        if ((Set & (1 << index)) == 0)
        {
            return null;
        }

        var position = 0;
        for (var i = 0; i < index; i++)
        {
            position += (Set >> i) & 1;
        }

        return position < Values.Length ? Values[position] : null;
    }

    /// <summary>True when any optional count in [<paramref name="from"/>, <paramref name="to"/>) is set.</summary>
    public bool Any(int from, int to) => ((Set >> from) & ((1 << (to - from)) - 1)) != 0;

    /// <summary>
    /// The facts as one string, every field in turn: <see cref="FormatVersion"/>, <see cref="Function"/>,
    /// <see cref="Name"/>, <see cref="Namespace"/>, <see cref="Paused"/>, <see cref="Labels"/>,
    /// <see cref="Annotations"/>, <see cref="Image"/>, <see cref="Pool"/>, <see cref="Mode"/>,
    /// <see cref="MinReplicas"/>, <see cref="MaxReplicas"/>, <see cref="Set"/>, <see cref="Values"/>,
    /// <see cref="Triggers"/>, <see cref="TargetNamespaces"/>, <see cref="Inputs"/>, <see cref="Version"/>,
    /// <see cref="Filter"/>. A number (a bool is 0 or 1) is its invariant decimal and <c>;</c>; a string
    /// is its length in UTF-16 code units, <c>:</c> and its characters, unescaped; a null string is
    /// <c>~</c>; an array is its length as a number, then its elements. Every item ends where its own
    /// prefix says, so any text travels as it is. Example: the Pipeline <c>ingest</c> in namespace <c>search</c>, no
    /// labels or annotations, image <c>img:1.0.0</c>, pool <c>cpu</c>, mode 0, replicas 0 to 3, nothing
    /// optional set, no Function fields: <c>1;0;6:ingest6:search0;0;0;9:img:1.0.03:cpu0;0;3;0;0;0;0;0;~0;</c>.
    /// </summary>
    public string Pack()
    {
        var s = new StringBuilder();
        Number(s, FormatVersion);
        Number(s, Function ? 1 : 0);
        Text(s, Name);
        Text(s, Namespace);
        Number(s, Paused ? 1 : 0);
        Texts(s, Labels);
        Texts(s, Annotations);
        Text(s, Image);
        Text(s, Pool);
        Number(s, Mode);
        Number(s, MinReplicas);
        Number(s, MaxReplicas);
        Number(s, Set);
        Number(s, Values.Length);
        foreach (var value in Values)
        {
            Number(s, value);
        }

        Number(s, Triggers);
        Texts(s, TargetNamespaces);
        Texts(s, Inputs);
        Text(s, Version);
        Texts(s, Filter);
        return s.ToString();
    }

    /// <summary>The facts <see cref="Pack"/> wrote into <paramref name="packed"/>.</summary>
    /// <exception cref="FormatException"><paramref name="packed"/> is not in the format, or in a newer one.</exception>
    public static WorkloadFacts Unpack(string packed)
    {
        var r = new Reader(packed);
        var version = r.Number();
        if (version != FormatVersion)
        {
            throw new FormatException("The workload facts are in format " + version.ToString(CultureInfo.InvariantCulture)
                + "; this reader knows format " + FormatVersion.ToString(CultureInfo.InvariantCulture) + ".");
        }

        var facts = new WorkloadFacts
        {
            Function = r.Bool(),
            Name = r.Text(),
            Namespace = r.Text(),
            Paused = r.Bool(),
            Labels = r.Texts(),
            Annotations = r.Texts(),
            Image = r.Text(),
            Pool = r.Text(),
            Mode = r.Number(),
            MinReplicas = r.Number(),
            MaxReplicas = r.Number(),
            Set = r.Number(),
            Values = r.Numbers(),
            Triggers = r.Number(),
            TargetNamespaces = r.Texts(),
            Inputs = r.Texts(),
            Version = r.TextOrNull(),
            Filter = r.Texts(),
        };
        r.End();
        return facts;
    }

    private static void Number(StringBuilder s, int value) => s.Append(value.ToString(CultureInfo.InvariantCulture)).Append(';');

    private static void Text(StringBuilder s, string? value)
    {
        if (value is null)
        {
            s.Append('~');
            return;
        }

        s.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }

    private static void Texts(StringBuilder s, string[] values)
    {
        Number(s, values.Length);
        foreach (var value in values)
        {
            Text(s, value);
        }
    }

    /// <summary>Reads the items of a packed string in turn; anything out of place is a <see cref="FormatException"/> naming its position.</summary>
    private sealed class Reader
    {
        private readonly string text;
        private int at;

        public Reader(string text)
        {
            this.text = text ?? throw new FormatException("The workload facts are null.");
        }

        public int Number()
        {
            var value = Digits(';');
            at++;
            return value;
        }

        public bool Bool() => Number() switch
        {
            0 => false,
            1 => true,
            _ => throw Bad("a 0 or 1"),
        };

        public string? TextOrNull()
        {
            if (at < text.Length && text[at] == '~')
            {
                at++;
                return null;
            }

            var length = Digits(':');
            if (length < 0 || length > text.Length - at - 1)
            {
                throw Bad("a string length within the text");
            }

            var value = text.Substring(at + 1, length);
            at += 1 + length;
            return value;
        }

        public string Text() => TextOrNull() ?? throw Bad("a string");

        public string[] Texts()
        {
            var values = new string[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Text();
            }

            return values;
        }

        public int[] Numbers()
        {
            var values = new int[Count()];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Number();
            }

            return values;
        }

        public void End()
        {
            if (at != text.Length)
            {
                throw Bad("the end of the text");
            }
        }

        // Every item is at least two characters, which bounds a count before anything is allocated.
        private int Count()
        {
            var count = Number();
            return count >= 0 && count <= (text.Length - at) / 2 ? count : throw Bad("a count that the rest of the text can hold");
        }

        /// <summary>An optionally negative invariant decimal that ends at <paramref name="end"/> (left at it), spelled as the writer spells it: no leading zero, no -0.</summary>
        private int Digits(char end)
        {
            var start = at;
            var negative = at < text.Length && text[at] == '-';
            if (negative)
            {
                at++;
            }

            long value = 0;
            var digits = 0;
            while (at < text.Length && text[at] >= '0' && text[at] <= '9' && digits < 11)
            {
                value = (value * 10) + (text[at] - '0');
                at++;
                digits++;
            }

            // One spelling per number, so that facts read back pack to the very text they were read from.
            var notAsWritten = digits > 0 && text[at - digits] == '0' && (digits > 1 || negative);
            value = negative ? -value : value;
            if (digits == 0 || notAsWritten || at >= text.Length || text[at] != end || value < int.MinValue || value > int.MaxValue)
            {
                at = start;
                throw Bad("a number followed by '" + end + "'");
            }

            return (int)value;
        }

        private FormatException Bad(string expected) =>
            new("The workload facts are malformed at character " + at.ToString(CultureInfo.InvariantCulture) + ": expected " + expected + ".");
    }
}

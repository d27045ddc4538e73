// A workload's manifest facts and their one text encoding. This file is compiled into two assemblies:
// the policy core (public, with the model mapping: the generator packs, the build task and the hevlayer
// tool unpack) and HevLayer.Abstractions (internal: the user's application unpacks, at run time, the facts
// of a typed `Manifest`). One definition of the slots and of the format, so they cannot drift apart.
using System;
using System.Globalization;
using System.Text;

#if HEVLAYER_POLICY
namespace HevLayer.Policy.Emit;
#else
namespace HevLayer.Manifests;
#endif

/// <summary>
/// The slots of the packed facts, in the order <see cref="WorkloadFacts.Pack"/> writes them. Each slot is
/// one manifest field; the policy core's table of workload fields (<c>WorkloadFields</c>) names the slot of
/// each of its rows, and a test holds every slot to exactly one row. Add a slot at the end of its group and
/// raise <see cref="WorkloadFacts.FormatVersion"/>.
/// </summary>
#if HEVLAYER_POLICY
public
#else
internal
#endif
enum FactSlot
{
    /// <summary><c>kind</c>: 1 for a Function, 0 for a Pipeline.</summary>
    Function,

    /// <summary><c>metadata.name</c>.</summary>
    Name,

    /// <summary><c>metadata.namespace</c>.</summary>
    Namespace,

    /// <summary><c>spec.paused</c>.</summary>
    Paused,

    /// <summary><c>metadata.labels</c>: key and value in turn, ordinal key order, without the managed-by label at its default.</summary>
    Labels,

    /// <summary><c>metadata.annotations</c>: key and value in turn, ordinal key order.</summary>
    Annotations,

    /// <summary><c>spec.worker.image</c>.</summary>
    Image,

    /// <summary><c>spec.worker.batchSize</c>.</summary>
    BatchSize,

    /// <summary><c>spec.worker.timeoutSeconds</c>.</summary>
    TimeoutSeconds,

    /// <summary><c>spec.worker.podSpec.nodeSelector</c>: key and value in turn, ordinal key order.</summary>
    NodeSelector,

    /// <summary><c>spec.worker.podSpec.tolerations</c>: <see cref="WorkloadFacts.TolerationWidth"/> strings per toleration (key, operator, value, effect, tolerationSeconds), empty when unset.</summary>
    Tolerations,

    /// <summary><c>spec.worker.podSpec.serviceAccountName</c>.</summary>
    ServiceAccountName,

    /// <summary><c>spec.scaling.pool</c>.</summary>
    Pool,

    /// <summary><c>spec.scaling.mode</c>: 0 autoscale, 1 fixed, 2 disabled.</summary>
    Mode,

    /// <summary><c>spec.scaling.replicas.min</c>.</summary>
    MinReplicas,

    /// <summary><c>spec.scaling.replicas.max</c> as written.</summary>
    MaxReplicas,

    /// <summary><c>spec.retry.maxAttempts</c>.</summary>
    MaxAttempts,

    /// <summary><c>spec.retry.initialBackoffSeconds</c>.</summary>
    InitialBackoffSeconds,

    /// <summary><c>spec.retry.maxBackoffSeconds</c>.</summary>
    MaxBackoffSeconds,

    /// <summary><c>spec.triggers</c> as flags (1 discovery, 2 write, 4 schedule).</summary>
    Triggers,

    /// <summary><c>spec.targetNamespaces</c>.</summary>
    TargetNamespaces,

    /// <summary><c>spec.indexSelector.matchLabels</c>: key and value in turn, ordinal key order.</summary>
    IndexSelector,

    /// <summary><c>spec.inputs</c>.</summary>
    Inputs,

    /// <summary><c>spec.version</c>.</summary>
    Version,

    /// <summary><c>spec.filter</c>.</summary>
    Filter,

    /// <summary><c>spec.schedule.discoveryIntervalSeconds</c>.</summary>
    DiscoveryIntervalSeconds,

    /// <summary><c>spec.schedule.leaseSeconds</c>.</summary>
    LeaseSeconds,

    /// <summary><c>spec.schedule.maxInFlightBatches</c>.</summary>
    MaxInFlightBatches,

    /// <summary><c>spec.schedule.maxConcurrentScans</c>.</summary>
    MaxConcurrentScans,

    /// <summary>
    /// Not a field: which of the values above came from the project's defaults rather than the workload's own
    /// attributes (<see cref="WorkloadFacts.DefaultedNamespace"/>, <see cref="WorkloadFacts.DefaultedImage"/>). An
    /// environment's own namespace and image replace exactly these (<see cref="WorkloadFacts.InEnvironment"/>).
    /// </summary>
    Defaulted,
}

/// <summary>How a <see cref="FactSlot"/> is written.</summary>
#if HEVLAYER_POLICY
public
#else
internal
#endif
enum FactShape
{
    /// <summary>A number (a bool is 0 or 1).</summary>
    Number,

    /// <summary>A number, or null.</summary>
    OptionalNumber,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A string, or null.</summary>
    OptionalText,

    /// <summary>An array of strings (key-value pairs and tolerations are flattened into one).</summary>
    Texts,
}

/// <summary>
/// A workload's manifest as compact values, one per <see cref="FactSlot"/>: the values are the manifest's,
/// not the declaration's (defaults applied, pairs as written, sorted, last value of a repeated key,
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
    /// <summary>The format <see cref="Pack"/> writes: the first item of every packed string. 2 added the pod-spec and index-selector slots and wrote optional numbers in place; 3 added <see cref="FactSlot.Defaulted"/>.</summary>
    public const int FormatVersion = 3;

    /// <summary>In <see cref="FactSlot.Defaulted"/>: the namespace is the project's default.</summary>
    public const int DefaultedNamespace = 1;

    /// <summary>In <see cref="FactSlot.Defaulted"/>: the image is the project's default.</summary>
    public const int DefaultedImage = 2;

    /// <summary>The strings of one toleration in <see cref="FactSlot.Tolerations"/>: key, operator, value, effect, tolerationSeconds.</summary>
    public const int TolerationWidth = 5;

    private static readonly FactShape[] Shapes = ShapesOfSlots();

    // Numbers and strings apart, so that no number is boxed: the build task unpacks every workload on every build.
    private readonly int?[] numbers = DefaultNumbers();
    private readonly object?[] texts = DefaultTexts();

    /// <summary>The number of slots.</summary>
    public static int SlotCount => Shapes.Length;

    /// <summary>How <paramref name="slot"/> is written.</summary>
    public static FactShape ShapeOf(FactSlot slot) => Shapes[(int)slot];

    /// <summary>True for a Function.</summary>
    public bool Function { get => Number(FactSlot.Function) == 1; set => numbers[(int)FactSlot.Function] = value ? 1 : 0; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get => Text(FactSlot.Name); set => Set(FactSlot.Name, value); }

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace { get => Text(FactSlot.Namespace); set => Set(FactSlot.Namespace, value); }

    /// <summary>The number in <paramref name="slot"/> (a <see cref="FactShape.Number"/> slot).</summary>
    public int Number(FactSlot slot) => numbers[(int)slot] ?? 0;

    /// <summary>The number in <paramref name="slot"/>, or null when it is not set.</summary>
    public int? OptionalNumber(FactSlot slot) => numbers[(int)slot];

    /// <summary>The bool in <paramref name="slot"/> (a number slot holding 0 or 1).</summary>
    public bool Flag(FactSlot slot) => Number(slot) != 0;

    /// <summary>The string in <paramref name="slot"/> (empty when a <see cref="FactShape.OptionalText"/> slot is not set).</summary>
    public string Text(FactSlot slot) => texts[(int)slot] as string ?? string.Empty;

    /// <summary>The string in <paramref name="slot"/>, or null when it is not set.</summary>
    public string? OptionalText(FactSlot slot) => texts[(int)slot] as string;

    /// <summary>The strings in <paramref name="slot"/> (a <see cref="FactShape.Texts"/> slot).</summary>
    public string[] Texts(FactSlot slot) => texts[(int)slot] as string[] ?? Array.Empty<string>();

    /// <summary>True when any of <paramref name="slots"/> holds a value (a set optional, a non-empty array).</summary>
    public bool Any(params FactSlot[] slots)
    {
        foreach (var slot in slots)
        {
            if (numbers[(int)slot] is null && (texts[(int)slot] is null || texts[(int)slot] is string[] { Length: 0 }))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Sets <paramref name="slot"/>: an <see cref="int"/>, <see cref="bool"/> (as 0 or 1), <see cref="string"/>,
    /// <see cref="T:string[]"/> or null, as its <see cref="ShapeOf">shape</see> allows.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not fit the slot's shape.</exception>
    public void Set(FactSlot slot, object? value)
    {
        if (value is bool flag)
        {
            value = flag ? 1 : 0;
        }

        var fits = ShapeOf(slot) switch
        {
            FactShape.Number => value is int,
            FactShape.OptionalNumber => value is null or int,
            FactShape.Text => value is string,
            FactShape.OptionalText => value is null or string,
            _ => value is string[],
        };
        if (!fits)
        {
            throw new ArgumentException("Slot " + slot + " holds a " + ShapeOf(slot) + ", not " + (value?.GetType().Name ?? "null") + ".", nameof(value));
        }

        if (ShapeOf(slot) is FactShape.Number or FactShape.OptionalNumber)
        {
            numbers[(int)slot] = (int?)value;
        }
        else
        {
            texts[(int)slot] = value;
        }
    }

    /// <summary>
    /// These facts in an environment whose own defaults are <paramref name="environmentNamespace"/> and
    /// <paramref name="environmentImage"/> (null or empty: the project's stand): the namespace and image that
    /// came from the project's defaults (<see cref="FactSlot.Defaulted"/>) are replaced, nothing else. A
    /// workload that overrides anything in the environment has facts of its own there instead.
    /// </summary>
    public WorkloadFacts InEnvironment(string? environmentNamespace, string? environmentImage)
    {
        var facts = new WorkloadFacts();
        Array.Copy(numbers, facts.numbers, numbers.Length);
        Array.Copy(texts, facts.texts, texts.Length);
        var defaulted = Number(FactSlot.Defaulted);
        if ((defaulted & DefaultedNamespace) != 0 && !string.IsNullOrEmpty(environmentNamespace))
        {
            facts.texts[(int)FactSlot.Namespace] = environmentNamespace;
        }

        if ((defaulted & DefaultedImage) != 0 && !string.IsNullOrEmpty(environmentImage))
        {
            facts.texts[(int)FactSlot.Image] = environmentImage;
        }

        return facts;
    }

    /// <summary>
    /// The facts as one string: <see cref="FormatVersion"/>, then every slot in <see cref="FactSlot"/> order.
    /// A number (a bool is 0 or 1) is its invariant decimal and <c>;</c>; a string is its length in UTF-16
    /// code units, <c>:</c> and its characters, unescaped; a null number or string is <c>~</c>; an array is
    /// its length as a number, then its elements. Every item ends where its own prefix says, so any text
    /// travels as it is. Example: the Pipeline <c>ingest</c> in namespace <c>search</c>, no labels or
    /// annotations, image <c>img:1.0.0</c>, pool <c>cpu</c>, mode 0, replicas 0 to 3, nothing optional set,
    /// no Function fields, namespace and image from the workload's own attributes:
    /// <c>3;0;6:ingest6:search0;0;0;9:img:1.0.0~~0;0;~3:cpu0;0;3;~~~0;0;0;0;~0;~~~~0;</c>.
    /// </summary>
    public string Pack()
    {
        var s = new StringBuilder();
        WriteNumber(s, FormatVersion);
        for (var i = 0; i < Shapes.Length; i++)
        {
            switch (numbers[i] ?? texts[i])
            {
                case int number:
                    WriteNumber(s, number);
                    break;
                case string text:
                    s.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                    break;
                case string[] texts:
                    WriteNumber(s, texts.Length);
                    foreach (var text in texts)
                    {
                        s.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                    }

                    break;
                default:
                    s.Append('~');
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>The facts <see cref="Pack"/> wrote into <paramref name="packed"/>.</summary>
    /// <exception cref="FormatException"><paramref name="packed"/> is not in the format, or in another version of it.</exception>
    public static WorkloadFacts Unpack(string packed)
    {
        var r = new Reader(packed);
        var version = r.Number();
        if (version != FormatVersion)
        {
            throw new FormatException("The workload facts are in format " + version.ToString(CultureInfo.InvariantCulture)
                + "; this reader knows format " + FormatVersion.ToString(CultureInfo.InvariantCulture) + ".");
        }

        var facts = new WorkloadFacts();
        for (var i = 0; i < Shapes.Length; i++)
        {
            switch (Shapes[i])
            {
                case FactShape.Number:
                    facts.numbers[i] = r.Number();
                    break;
                case FactShape.OptionalNumber:
                    facts.numbers[i] = r.OptionalNumber();
                    break;
                case FactShape.Text:
                    facts.texts[i] = r.Text();
                    break;
                case FactShape.OptionalText:
                    facts.texts[i] = r.TextOrNull();
                    break;
                default:
                    facts.texts[i] = r.Texts();
                    break;
            }
        }

        if (facts.Number(FactSlot.Function) is not (0 or 1) || facts.Number(FactSlot.Paused) is not (0 or 1) || facts.Number(FactSlot.Defaulted) is < 0 or > (DefaultedNamespace | DefaultedImage))
        {
            throw new FormatException("The workload facts are malformed: the kind and paused slots hold 0 or 1, the defaulted slot 0 to 3.");
        }

        if (facts.Texts(FactSlot.Tolerations).Length % TolerationWidth != 0
            || facts.Texts(FactSlot.Labels).Length % 2 != 0 || facts.Texts(FactSlot.Annotations).Length % 2 != 0
            || facts.Texts(FactSlot.NodeSelector).Length % 2 != 0 || facts.Texts(FactSlot.IndexSelector).Length % 2 != 0)
        {
            throw new FormatException("The workload facts are malformed: pairs come in twos and tolerations in fives.");
        }

        r.End();
        return facts;
    }

    private static FactShape[] ShapesOfSlots()
    {
        var shapes = new FactShape[(int)FactSlot.Defaulted + 1];
        foreach (FactSlot slot in Enum.GetValues(typeof(FactSlot)))
        {
            shapes[(int)slot] = slot switch
            {
                FactSlot.Function or FactSlot.Paused or FactSlot.Mode or FactSlot.MinReplicas or FactSlot.MaxReplicas or FactSlot.Triggers or FactSlot.Defaulted => FactShape.Number,
                FactSlot.Name or FactSlot.Namespace or FactSlot.Image or FactSlot.Pool => FactShape.Text,
                FactSlot.ServiceAccountName or FactSlot.Version => FactShape.OptionalText,
                FactSlot.Labels or FactSlot.Annotations or FactSlot.NodeSelector or FactSlot.Tolerations or FactSlot.TargetNamespaces
                    or FactSlot.IndexSelector or FactSlot.Inputs or FactSlot.Filter => FactShape.Texts,
                _ => FactShape.OptionalNumber,
            };
        }

        return shapes;
    }

    private static int?[] DefaultNumbers()
    {
        var numbers = new int?[Shapes.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = Shapes[i] == FactShape.Number ? 0 : null;
        }

        return numbers;
    }

    private static object?[] DefaultTexts()
    {
        var texts = new object?[Shapes.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = Shapes[i] switch
            {
                FactShape.Text => string.Empty,
                FactShape.Texts => Array.Empty<string>(),
                _ => null,
            };
        }

        return texts;
    }

    private static void WriteNumber(StringBuilder s, int value) => s.Append(value.ToString(CultureInfo.InvariantCulture)).Append(';');

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

        public int? OptionalNumber()
        {
            if (at < text.Length && text[at] == '~')
            {
                at++;
                return null;
            }

            return Number();
        }

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

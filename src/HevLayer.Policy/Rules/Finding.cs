using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules;

/// <summary>What a <see cref="WorkloadTarget"/> points at.</summary>
public enum TargetKind
{
    /// <summary>The class declaration (its identifier).</summary>
    Type,

    /// <summary>The <c>[Pipeline]</c> or <c>[Function]</c> attribute.</summary>
    Workload,

    /// <summary>The second workload attribute of a class that carries both.</summary>
    OtherWorkload,

    /// <summary>The workload's name (the first constructor argument of <c>[Pipeline]</c>/<c>[Function]</c>).</summary>
    Name,

    /// <summary>An attribute (<see cref="WorkloadTarget.Attribute"/>), or one of its named arguments (<see cref="WorkloadTarget.Argument"/>).</summary>
    Attribute,

    /// <summary>The repeatable key-value attribute (<c>[Label]</c>, <c>[Annotation]</c>, <c>[NodeSelector]</c>, <c>[IndexSelector]</c>) whose key is <see cref="WorkloadTarget.Key"/>.</summary>
    Pair,

    /// <summary>
    /// One of a repeatable attribute's uses (<c>[Toleration]</c>), by its 0-based position among them in
    /// <see cref="WorkloadTarget.Key"/>, or one of its arguments (by property name, whether written by position or by name).
    /// </summary>
    Item,
}

/// <summary>
/// Which part of a workload declaration a finding is about, by attribute and argument name; adapters map
/// it to a source location (the analyzer to the attribute argument, falling back to the attribute, the
/// workload attribute and the class).
/// </summary>
/// <param name="Kind">What is pointed at.</param>
/// <param name="Attribute">The attribute's short name (<c>Scaling</c>, <c>Worker</c>, ...); for <see cref="TargetKind.Workload"/> arguments, null.</param>
/// <param name="Argument">A named argument of the attribute, or null for the attribute itself.</param>
/// <param name="Key">For <see cref="TargetKind.Pair"/>: the pair's key; for <see cref="TargetKind.Item"/>: the use's position.</param>
public readonly record struct WorkloadTarget(TargetKind Kind, string? Attribute, string? Argument, string? Key)
{
    /// <summary>The class declaration.</summary>
    public static WorkloadTarget Type => new(TargetKind.Type, null, null, null);

    /// <summary>The <c>[Pipeline]</c> or <c>[Function]</c> attribute.</summary>
    public static WorkloadTarget Workload => new(TargetKind.Workload, null, null, null);

    /// <summary>The second of <c>[Pipeline]</c> and <c>[Function]</c> on one class.</summary>
    public static WorkloadTarget OtherWorkload => new(TargetKind.OtherWorkload, null, null, null);

    /// <summary>The workload's name argument.</summary>
    public static WorkloadTarget Name => new(TargetKind.Name, null, null, null);

    /// <summary>A named argument of the workload attribute (<c>Namespace</c>, <c>Paused</c>, <c>Triggers</c>, ...).</summary>
    public static WorkloadTarget WorkloadArgument(string argument) => new(TargetKind.Workload, null, argument, null);

    /// <summary>An attribute such as <c>[Scaling]</c>, or one of its named arguments.</summary>
    public static WorkloadTarget On(string attribute, string? argument = null) => new(TargetKind.Attribute, attribute, argument, null);

    /// <summary>The <c>[Label]</c> or <c>[Annotation]</c> with <paramref name="key"/>.</summary>
    public static WorkloadTarget Pair(string attribute, string key) => new(TargetKind.Pair, attribute, null, key);

    /// <summary>The <paramref name="index"/>-th use of the repeatable <paramref name="attribute"/>, or its <paramref name="argument"/>.</summary>
    public static WorkloadTarget Item(string attribute, int index, string? argument = null) =>
        new(TargetKind.Item, attribute, argument, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>A place in a text file: 0-based offsets, 1-based lines and columns (as editors show them).</summary>
public sealed record SourceSpan(string Path, int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The first character of a file.</summary>
    public static SourceSpan FileStart(string path) => new(path, 0, 0, 1, 1, 1, 1);

    /// <summary>The one character at <paramref name="offset"/> of <paramref name="text"/>, with its line and column.</summary>
    public static SourceSpan AtOffset(string path, string text, int offset)
    {
        int line = 1, column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        var end = offset < text.Length ? offset + 1 : offset;
        return new SourceSpan(path, offset, end, line, column, line, column + (end - offset));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path}({StartLine},{StartColumn})";
}

/// <summary>
/// One rule's verdict. <see cref="Args"/> fill the rule's message holes, in the rule's parameter order;
/// <see cref="Properties"/> carry data for code fixes. A workload finding names a <see cref="Target"/>;
/// a file finding a <see cref="Span"/>. Create findings through the rule (<see cref="Rule.At"/>, <see cref="Rule.In"/>).
/// </summary>
public sealed record Finding(string RuleId, WorkloadTarget Target, SourceSpan? Span, EquatableArray<string> Args, EquatableArray<KeyValue> Properties)
{
    /// <summary>This finding with a property for code fixes.</summary>
    public Finding With(string key, string value) =>
        this with { Properties = new EquatableArray<KeyValue>(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Append(Properties, new KeyValue(key, value)))) };

    /// <summary>The message, as the compiler would print it.</summary>
    public string Message => RuleCatalog.Get(RuleId).Render(this);
}

using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules;

/// <summary>Which part of a workload declaration a finding is about; adapters map it to a source location.</summary>
public enum WorkloadTarget
{
    /// <summary>The class declaration (its identifier).</summary>
    Type,

    /// <summary>The <c>[Pipeline]</c> or <c>[Function]</c> attribute.</summary>
    WorkloadAttribute,

    /// <summary>The workload's name argument.</summary>
    Name,

    /// <summary>The <c>Namespace =</c> argument.</summary>
    Namespace,

    /// <summary>The <c>Paused =</c> argument.</summary>
    Paused,

    /// <summary>The <c>Triggers =</c> argument.</summary>
    Triggers,

    /// <summary>The <c>[Scaling]</c> attribute.</summary>
    ScalingAttribute,

    /// <summary>The <c>Pool =</c> argument.</summary>
    Pool,

    /// <summary>The <c>Mode =</c> argument.</summary>
    Mode,

    /// <summary>The <c>MinReplicas =</c> argument.</summary>
    MinReplicas,

    /// <summary>The <c>MaxReplicas =</c> argument.</summary>
    MaxReplicas,

    /// <summary>The <c>[Label]</c> whose key is the finding's first argument.</summary>
    Label,

    /// <summary>The <c>[Annotation]</c> whose key is the finding's first argument.</summary>
    Annotation,
}

/// <summary>A place in a text file: 0-based offsets, 1-based lines and columns (as editors show them).</summary>
public sealed record SourceSpan(string Path, int Start, int End, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}({StartLine},{StartColumn})";
}

/// <summary>
/// One rule's verdict. <see cref="Args"/> fill the rule's message format; <see cref="Properties"/>
/// carry data for code fixes. A workload finding names a <see cref="Target"/>; a file finding a <see cref="Span"/>.
/// </summary>
public sealed record Finding(string RuleId, WorkloadTarget Target, SourceSpan? Span, EquatableArray<string> Args, EquatableArray<KeyValue> Properties)
{
    /// <summary>A finding on a workload declaration.</summary>
    public static Finding AtWorkload(string ruleId, WorkloadTarget target, params string[] args) =>
        new(ruleId, target, null, new EquatableArray<string>(args), EquatableArray<KeyValue>.Empty);

    /// <summary>A finding in a file.</summary>
    public static Finding InFile(string ruleId, SourceSpan span, params string[] args) =>
        new(ruleId, WorkloadTarget.Type, span, new EquatableArray<string>(args), EquatableArray<KeyValue>.Empty);

    /// <summary>This finding with a property for code fixes.</summary>
    public Finding With(string key, string value) =>
        this with { Properties = new EquatableArray<KeyValue>(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Append(Properties, new KeyValue(key, value)))) };
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HevLayer.Policy.Rules;

/// <summary>How bad a finding is by default. Users change it per id in <c>.editorconfig</c>.</summary>
public enum RuleSeverity
{
    /// <summary>A note: the declaration is fine, but works differently from what it may seem to say.</summary>
    Info,

    /// <summary>Probably a mistake, but the operator may accept the object.</summary>
    Warning,

    /// <summary>The object certainly cannot work, or the operator rejects it.</summary>
    Error,
}

/// <summary>Which part of the product a rule is about; it is the diagnostic's category (<c>HevLayer.&lt;area&gt;</c>) and the id's hundreds.</summary>
public enum RuleArea
{
    /// <summary>HEVL0xx: <c>spec.scaling</c> of a workload.</summary>
    Scaling,

    /// <summary>HEVL1xx: the workload's declaration and its other fields.</summary>
    Declaration,

    /// <summary>HEVL2xx: the InfraRules file.</summary>
    InfraRules,

    /// <summary>HEVL3xx: the build task that writes manifests.</summary>
    Build,

    /// <summary>HEVL4xx: the cluster source of InfraRules.</summary>
    Cluster,

    /// <summary>HEVL5xx: hand-written Pipeline and Function manifests, as the <c>hevlayer</c> tool reads them.</summary>
    Manifest,

    /// <summary>HEVL9xx: HevLayer itself failed.</summary>
    Internal,
}

/// <summary>Where a rule's knowledge comes from: the README marks every rule that goes beyond the seed or Kubernetes as ours.</summary>
public enum RuleBasis
{
    /// <summary>A statement of the seed (the InfraRules and scaling text).</summary>
    Seed,

    /// <summary>Kubernetes itself: the API server's validation, or what the kubelet can run.</summary>
    Kubernetes,

    /// <summary>Our inference where no public source says what the operator accepts.</summary>
    Inference,

    /// <summary>A limit or contract of this tool (for example, what the generator can express).</summary>
    Tool,
}

/// <summary>Which adapter raises a rule's findings; each analyzer's <c>SupportedDiagnostics</c> derive from it.</summary>
public enum RuleReporter
{
    /// <summary>The C# workload analyzer, on the attribute argument at fault.</summary>
    WorkloadAnalyzer,

    /// <summary>The InfraRules analyzer, at a line and column of the YAML file.</summary>
    InfraRulesAnalyzer,

    /// <summary>Both analyzers (internal failures).</summary>
    AllAnalyzers,

    /// <summary>The MSBuild targets and tasks (before or after the compile).</summary>
    Build,

    /// <summary>The reader of hand-written manifests, at a line and column of the YAML file: <c>hevlayer check</c> and <c>import</c>, and the workload analyzer on the files a project lists as <c>HevLayerManifest</c>.</summary>
    AssemblyFactsReader,
}

/// <summary>
/// One rule of the catalog: its id, default severity, area, basis, title and message. The message has
/// named holes (<c>Pool '{pool}' is not ...</c>); findings fill them by name, so a message and the code
/// that raises it cannot drift apart. Analyzer descriptors, the strict list, the README table and the
/// release notes are derived from, or held by tests to, these entries (see <see cref="RuleCatalog"/>).
/// </summary>
public abstract class Rule
{
    /// <summary>Creates a rule.</summary>
    protected Rule(string id, RuleSeverity severity, RuleArea area, RuleBasis basis, RuleReporter reporter, string title, string message)
    {
        Id = id;
        Severity = severity;
        Area = area;
        Basis = basis;
        Reporter = reporter;
        Title = title;
        Message = message;
        (Parameters, PositionalMessage) = Compile(message);
    }

    /// <summary><c>HEVL</c> and three digits; never reused.</summary>
    public string Id { get; }

    /// <summary>The default severity.</summary>
    public RuleSeverity Severity { get; }

    /// <summary>The area, which is also the category.</summary>
    public RuleArea Area { get; }

    /// <summary>Where the rule's knowledge comes from.</summary>
    public RuleBasis Basis { get; }

    /// <summary>Which adapter reports it.</summary>
    public RuleReporter Reporter { get; }

    /// <summary>A short title.</summary>
    public string Title { get; }

    /// <summary>The message, with named holes such as <c>{pool}</c>.</summary>
    public string Message { get; }

    /// <summary>The names of the message's holes, in order of first appearance.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The message with holes numbered in <see cref="Parameters"/> order (the composite format Roslyn and MSBuild take).</summary>
    public string PositionalMessage { get; }

    /// <summary>The diagnostic category: <c>HevLayer.Scaling</c>, <c>HevLayer.Declaration</c>, ...</summary>
    public string Category => "HevLayer." + Area;

    /// <summary>Where each rule's help lives: the README, anchored by lowercase id.</summary>
    public const string HelpBase = "https://github.com/hevlayer/hevlayer-generators/blob/main/README.md#";

    /// <summary>The README anchor of the rule's help entry.</summary>
    public string HelpAnchor => Id.ToLowerInvariant();

    /// <summary>The address of the rule's help entry.</summary>
    public string HelpUri => HelpBase + HelpAnchor;

    /// <summary>A finding on a workload declaration, its holes filled by name.</summary>
    public Finding At(WorkloadTarget target, params (string Name, string Value)[] args) =>
        new(Id, target, null, Order(args), Model.EquatableArray<Model.KeyValue>.Empty);

    /// <summary>A finding at a place in a file, its holes filled by name.</summary>
    public Finding In(SourceSpan span, params (string Name, string Value)[] args) =>
        new(Id, WorkloadTarget.Type, span, Order(args), Model.EquatableArray<Model.KeyValue>.Empty);

    /// <summary>The message of <paramref name="finding"/>, as the compiler would print it.</summary>
    public string Render(Finding finding)
    {
        var values = new object[finding.Args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = finding.Args[i];
        }

        return string.Format(CultureInfo.InvariantCulture, PositionalMessage, values);
    }

    /// <inheritdoc />
    public override string ToString() => Id + ": " + Title;

    /// <summary>A whole number as messages write it.</summary>
    protected static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private Model.EquatableArray<string> Order((string Name, string Value)[] args)
    {
        if (args.Length != Parameters.Count)
        {
            throw new ArgumentException($"{Id} takes {string.Join(", ", Parameters)}; got {args.Length} arguments.", nameof(args));
        }

        var ordered = new string[Parameters.Count];
        foreach (var (name, value) in args)
        {
            var index = IndexOf(name);
            if (index < 0 || ordered[index] is not null)
            {
                throw new ArgumentException($"{Id} has no hole '{name}', or it was given twice; its holes: {string.Join(", ", Parameters)}.", nameof(args));
            }

            ordered[index] = value ?? string.Empty;
        }

        return new Model.EquatableArray<string>(ordered);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (string.Equals(Parameters[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Turns <c>{name}</c> holes into <c>{0}</c>, <c>{1}</c>, ...; <c>{{</c> and <c>}}</c> stay literal braces.</summary>
    private static (IReadOnlyList<string> Parameters, string Positional) Compile(string message)
    {
        var names = new List<string>();
        var positional = new StringBuilder(message.Length);
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                positional.Append(c).Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException("A lone '}' in the message: " + message, nameof(message));
            }

            if (c != '{')
            {
                positional.Append(c);
                continue;
            }

            var close = message.IndexOf('}', i + 1);
            var name = close < 0 ? string.Empty : message.Substring(i + 1, close - i - 1);
            if (name.Length == 0 || !IsIdentifier(name))
            {
                throw new ArgumentException("A hole must be {name}: " + message, nameof(message));
            }

            var index = names.IndexOf(name);
            if (index < 0)
            {
                index = names.Count;
                names.Add(name);
            }

            positional.Append('{').Append(index.ToString(CultureInfo.InvariantCulture)).Append('}');
            i = close;
        }

        return (names, positional.ToString());
    }

    private static bool IsIdentifier(string name)
    {
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A rule that no check method raises: the YAML reader, an adapter or the build does, through <see cref="Rule.At"/> or <see cref="Rule.In"/>.</summary>
public sealed class ReportedRule : Rule
{
    /// <summary>Creates the rule.</summary>
    public ReportedRule(string id, RuleSeverity severity, RuleArea area, RuleBasis basis, RuleReporter reporter, string title, string message)
        : base(id, severity, area, basis, reporter, title, message)
    {
    }
}

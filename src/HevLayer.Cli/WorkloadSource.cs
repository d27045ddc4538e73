using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Cli;

/// <summary>One environment's attribute on an imported class: <c>[Scaling(Environment = "prod", MaxReplicas = 12)]</c>.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Attribute">The attribute's short name (<c>Scaling</c>, <c>Label</c>).</param>
/// <param name="Arguments">Its arguments as C#, positional first; <c>Environment = "..."</c> is written after the positional ones.</param>
/// <param name="Positional">How many of <paramref name="Arguments"/> are positional.</param>
internal sealed record EnvironmentAttribute(string Environment, string Attribute, IReadOnlyList<string> Arguments, int Positional = 0);

/// <summary>
/// Writes a workload as the attributed C# class that builds back to it: one file, file-scoped namespace,
/// one attribute per line, arguments in the attributes' own order, and only what differs from the
/// attributes' defaults. The layout is what <c>dotnet format</c> leaves unchanged (a test runs it).
/// </summary>
internal static class WorkloadSource
{
    /// <summary>The C# file for <paramref name="workload"/>, as class <paramref name="className"/> in <paramref name="codeNamespace"/>.</summary>
    /// <param name="workload">The workload (with environments: the values they share).</param>
    /// <param name="className">The class.</param>
    /// <param name="codeNamespace">The C# namespace.</param>
    /// <param name="origin">Where the workload was read, for the header comment.</param>
    /// <param name="overrides">Each environment's differences, written right after the shared attribute they override (or where it would be).</param>
    public static string Write(WorkloadModel workload, string className, string codeNamespace, string origin, IReadOnlyList<EnvironmentAttribute>? overrides = null)
    {
        overrides ??= System.Array.Empty<EnvironmentAttribute>();
        var text = new StringBuilder();
        text.Append("// Imported by hevlayer import from ").Append(Comment(origin)).Append(".\n");
        text.Append("using HevLayer;\n\n");
        text.Append("namespace ").Append(codeNamespace).Append(";\n\n");

        // Every argument comes from the table of workload fields: what an attribute argument sets, written
        // when it differs from the attribute's default. [Scaling] leads the parts: it is what the rules check.
        var kindArgs = new List<string> { Literal(workload.Name) };
        kindArgs.AddRange(Arguments(workload, null));
        Attribute(text, ManifestWriter.KindName(workload.Kind), kindArgs);

        var parts = WorkloadFields.PartAttributes.OrderBy(a => a == "Scaling" ? 0 : 1).ToList();
        foreach (var part in parts.Where(p => WorkloadFields.ForArgument(p, null) is null))
        {
            var args = Arguments(workload, part);
            if (args.Count > 0 || (part == "Scaling" && workload.Scaling is not null))
            {
                Attribute(text, part, args);
            }

            Overrides(text, part, overrides);
        }

        foreach (var part in parts)
        {
            // Null checks, not negated patterns that bind: Stryker could not mutate the method then.
            var repeated = WorkloadFields.ForArgument(part, null);
            if (repeated is null || !repeated.AppliesTo(workload.Kind))
            {
                continue;
            }

            switch (repeated.Get!(workload))
            {
                case EquatableArray<KeyValue> pairs:
                    foreach (var pair in pairs)
                    {
                        Attribute(text, part, new[] { Literal(pair.Key), Literal(pair.Value) });
                    }

                    break;
                case EquatableArray<TolerationModel> tolerations:
                    foreach (var toleration in tolerations)
                    {
                        Attribute(text, part, Toleration(toleration));
                    }

                    break;
            }

            Overrides(text, part, overrides);
        }

        text.Append("public sealed partial class ").Append(className).Append("\n{\n}\n");
        return text.ToString();
    }

    /// <summary>A C# class name for a workload name: <c>ingest-docs</c> becomes <c>IngestDocs</c>; one that would start with a digit gets the kind in front.</summary>
    public static string ClassName(string name, WorkloadKind kind)
    {
        var text = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, ManifestWriter.KindName(kind));
        }

        return text.ToString();
    }

    /// <summary>True for a dotted C# namespace such as <c>Acme.Workers</c>.</summary>
    public static bool IsNamespace(string value) => value.Split('.').All(part =>
        part.Length > 0
        && (char.IsLetter(part[0]) || part[0] == '_')
        && part.All(c => char.IsLetterOrDigit(c) || c == '_')
        && !Keywords.Contains(part));

    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>A C# regular string literal (the generator's own writer).</summary>
    public static string Literal(string value) => CSharpLiteral.Quote(value);

    /// <summary>The named arguments of <paramref name="attribute"/> (null: [Pipeline]/[Function]) that set <paramref name="workload"/>'s values, in the table's order.</summary>
    private static List<string> Arguments(WorkloadModel workload, string? attribute)
    {
        var args = new List<string>();
        foreach (var field in WorkloadFields.All)
        {
            // Null checks, not patterns that bind: Stryker could not mutate the method then.
            var target = field.Target;
            var argument = target?.Argument;
            if (target is null || argument is null || field.Get is null || !field.AppliesTo(workload.Kind)
                || (attribute is null ? target.Value.Kind != TargetKind.Workload : target.Value.Kind != TargetKind.Attribute || target.Value.Attribute != attribute))
            {
                continue;
            }

            var value = field.Get(workload);
            var code = IsAbsent(field, value) ? null : Code(value);
            if (code is not null)
            {
                args.Add(argument + " = " + code);
            }
        }

        return args;
    }

    /// <summary>
    /// True when <paramref name="value"/> of <paramref name="field"/> is what the attribute gives when the argument
    /// is not written (null, empty, false, the default), so the class leaves the argument out.
    /// </summary>
    public static bool IsAbsent(WorkloadField field, object? value) => value switch
    {
        null => true,
        ScalingMode mode => ManifestWriter.ModeName(mode) == field.Default,
        FunctionTriggers triggers => triggers == FunctionTriggers.None,
        bool flag => !flag,
        int number => number.ToString(CultureInfo.InvariantCulture) == field.Default,
        string { Length: 0 } => true,
        EquatableArray<string> { Count: 0 } => true,
        _ => false,
    };

    /// <summary>The C# expression of an argument's value (null for a value no argument takes).</summary>
    public static string? Code(object? value) => value switch
    {
        ScalingMode mode => "ScalingMode." + mode,
        FunctionTriggers triggers => triggers == FunctionTriggers.None ? "FunctionTriggers.None" : string.Join(" | ", Flags(triggers)),
        bool flag => flag ? "true" : "false",
        int number => Number(number),
        string text => Literal(text),
        EquatableArray<string> list => list.Count == 0 ? "new string[0]" : "new[] { " + string.Join(", ", list.Select(Literal)) + " }",
        _ => null,
    };

    /// <summary>The arguments of a <c>[Toleration]</c> and how many of them are positional.</summary>
    public static (List<string> Args, int Positional) TolerationArguments(TolerationModel toleration)
    {
        var args = Toleration(toleration);
        return (args, (toleration.Key.Length > 0 || toleration.Value.Length > 0 ? 1 : 0) + (toleration.Value.Length > 0 ? 1 : 0));
    }

    private static void Overrides(StringBuilder text, string part, IReadOnlyList<EnvironmentAttribute> overrides)
    {
        foreach (var o in overrides)
        {
            if (o.Attribute == part)
            {
                var args = o.Arguments.Take(o.Positional).Append("Environment = " + Literal(o.Environment)).Concat(o.Arguments.Skip(o.Positional)).ToList();
                Attribute(text, part, args);
            }
        }
    }

    private static IEnumerable<string> Flags(FunctionTriggers triggers)
    {
        foreach (FunctionTriggers flag in System.Enum.GetValues(typeof(FunctionTriggers)))
        {
            if (flag != FunctionTriggers.None && (triggers & flag) != 0)
            {
                yield return "FunctionTriggers." + flag;
            }
        }
    }

    /// <summary>A <c>[Toleration]</c>'s arguments: key and value by position, the rest by name when set (import has checked that each is one the enums can say).</summary>
    private static List<string> Toleration(TolerationModel toleration)
    {
        var args = new List<string>();
        if (toleration.Key.Length > 0 || toleration.Value.Length > 0)
        {
            args.Add(Literal(toleration.Key));
        }

        if (toleration.Value.Length > 0)
        {
            args.Add(Literal(toleration.Value));
        }

        if (toleration.Operator.Length > 0)
        {
            args.Add("Operator = TolerationOperator." + toleration.Operator);
        }

        if (toleration.Effect.Length > 0)
        {
            args.Add("Effect = TaintEffect." + toleration.Effect);
        }

        if (toleration.Seconds is { } seconds)
        {
            args.Add("TolerationSeconds = " + seconds.ToString(CultureInfo.InvariantCulture));
        }

        return args;
    }

    private static void Attribute(StringBuilder text, string name, IReadOnlyCollection<string> args)
    {
        text.Append('[').Append(name);
        if (args.Count > 0)
        {
            text.Append('(').Append(string.Join(", ", args)).Append(')');
        }

        text.Append("]\n");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Comment(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

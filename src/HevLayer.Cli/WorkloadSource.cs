using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;

namespace HevLayer.Cli;

/// <summary>
/// Writes a workload as the attributed C# class that builds back to it: one file, file-scoped namespace,
/// one attribute per line, arguments in the attributes' own order, and only what differs from the
/// attributes' defaults. The layout is what <c>dotnet format</c> leaves unchanged (a test runs it).
/// </summary>
internal static class WorkloadSource
{
    /// <summary>The C# file for <paramref name="workload"/>, as class <paramref name="className"/> in <paramref name="codeNamespace"/>.</summary>
    public static string Write(WorkloadModel workload, string className, string codeNamespace, string origin)
    {
        var text = new StringBuilder();
        text.Append("// Imported by hevlayer import from ").Append(Comment(origin)).Append(".\n");
        text.Append("using HevLayer;\n\n");
        text.Append("namespace ").Append(codeNamespace).Append(";\n\n");

        var function = workload.Function;
        var kindArgs = new List<string> { Literal(workload.Name) };
        if (!string.IsNullOrEmpty(workload.Namespace))
        {
            kindArgs.Add("Namespace = " + Literal(workload.Namespace!));
        }

        if (workload.Paused)
        {
            kindArgs.Add("Paused = true");
        }

        if (function is not null)
        {
            if (function.Triggers != FunctionTriggers.None)
            {
                kindArgs.Add("Triggers = " + string.Join(" | ", Triggers(function.Triggers)));
            }

            AddArray(kindArgs, "TargetNamespaces", function.TargetNamespaces);
            AddArray(kindArgs, "Inputs", function.Inputs);
            if (function.Version is { } version)
            {
                kindArgs.Add("Version = " + Literal(version));
            }

            AddArray(kindArgs, "Filter", function.Filter);
        }

        Attribute(text, function is null ? "Pipeline" : "Function", kindArgs);

        if (workload.Scaling is { } scaling)
        {
            var args = new List<string>();
            if (scaling.Pool is { } pool)
            {
                args.Add("Pool = " + Literal(pool));
            }

            if (scaling.Mode != ScalingMode.Autoscale)
            {
                args.Add("Mode = ScalingMode." + scaling.Mode);
            }

            if (scaling.MinReplicas != 0)
            {
                args.Add("MinReplicas = " + Number(scaling.MinReplicas));
            }

            if (scaling.MaxReplicas is { } max && (scaling.Mode != ScalingMode.Fixed || max != scaling.MinReplicas))
            {
                args.Add("MaxReplicas = " + Number(max));
            }

            Attribute(text, "Scaling", args);
        }

        var worker = new List<string>();
        AddText(worker, "Image", workload.Worker.Image);
        AddNumber(worker, "BatchSize", workload.Worker.BatchSize);
        AddNumber(worker, "TimeoutSeconds", workload.Worker.TimeoutSeconds);
        if (worker.Count > 0)
        {
            Attribute(text, "Worker", worker);
        }

        if (function?.Schedule is { } schedule)
        {
            var args = new List<string>();
            AddNumber(args, "DiscoveryIntervalSeconds", schedule.DiscoveryIntervalSeconds);
            AddNumber(args, "LeaseSeconds", schedule.LeaseSeconds);
            AddNumber(args, "MaxInFlightBatches", schedule.MaxInFlightBatches);
            AddNumber(args, "MaxConcurrentScans", schedule.MaxConcurrentScans);
            if (args.Count > 0)
            {
                Attribute(text, "Schedule", args);
            }
        }

        if (workload.Retry is { } retry)
        {
            var args = new List<string>();
            AddNumber(args, "MaxAttempts", retry.MaxAttempts);
            AddNumber(args, "InitialBackoffSeconds", retry.InitialBackoffSeconds);
            AddNumber(args, "MaxBackoffSeconds", retry.MaxBackoffSeconds);
            if (args.Count > 0)
            {
                Attribute(text, "Retry", args);
            }
        }

        foreach (var label in workload.Labels)
        {
            Attribute(text, "Label", new[] { Literal(label.Key), Literal(label.Value) });
        }

        foreach (var annotation in workload.Annotations)
        {
            Attribute(text, "Annotation", new[] { Literal(annotation.Key), Literal(annotation.Value) });
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

    private static IEnumerable<string> Triggers(FunctionTriggers triggers)
    {
        foreach (var (flag, name) in new[] { (FunctionTriggers.Discovery, "Discovery"), (FunctionTriggers.Write, "Write"), (FunctionTriggers.Schedule, "Schedule") })
        {
            if ((triggers & flag) != 0)
            {
                yield return "FunctionTriggers." + name;
            }
        }
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

    private static void AddArray(List<string> args, string name, EquatableArray<string> values)
    {
        if (values.Count > 0)
        {
            args.Add(name + " = new[] { " + string.Join(", ", values.Select(Literal)) + " }");
        }
    }

    private static void AddText(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.Add(name + " = " + Literal(value));
        }
    }

    private static void AddNumber(List<string> args, string name, int? value)
    {
        if (value is { } number)
        {
            args.Add(name + " = " + Number(number));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Comment(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

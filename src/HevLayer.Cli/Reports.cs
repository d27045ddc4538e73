using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Rules;

namespace HevLayer.Cli;

/// <summary>The three output formats of <c>hevlayer check</c>. Every one is deterministic: the same findings give the same bytes.</summary>
internal static class Reports
{
    /// <summary>The tool's version, as the package gives it.</summary>
    public static string Version { get; } =
        typeof(Reports).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The severity a finding is reported at: its rule's, with warnings raised to errors under --strict.</summary>
    public static RuleSeverity Level(Rule rule, bool strict) =>
        strict && rule.Severity == RuleSeverity.Warning ? RuleSeverity.Error : rule.Severity;

    /// <summary>One line per finding, in the compiler's format: <c>path(line,col): error HEVL001: message [yaml.path]</c>.</summary>
    public static string Text(IReadOnlyList<ManifestFinding> findings, bool strict)
    {
        var text = new StringBuilder();
        foreach (var f in findings)
        {
            text.Append(f.Span.Path).Append('(').Append(Number(f.Span.StartLine)).Append(',').Append(Number(f.Span.StartColumn)).Append("): ")
                .Append(Name(Level(f.Rule, strict))).Append(' ').Append(f.Finding.RuleId).Append(": ").Append(Message(f));
            if (f.Field is { } field)
            {
                text.Append(" [").Append(field).Append(']');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The finding property that names the environment a finding is about (as the analyzer's <c>environments</c>).</summary>
    public const string EnvironmentProperty = "environments";

    /// <summary>The environment <paramref name="finding"/> was checked in (<c>hevlayer check --environment</c>), or null.</summary>
    public static string? Environment(ManifestFinding finding) =>
        finding.Finding.Properties.FirstOrDefault(p => p.Key == EnvironmentProperty)?.Value;

    /// <summary>The message as the analyzer words it: after <c>in dev: </c> when the finding was checked in an environment.</summary>
    public static string Message(ManifestFinding finding) =>
        Environment(finding) is { } environment ? "in " + environment + ": " + finding.Finding.Message : finding.Finding.Message;

    /// <summary>The one-line summary written to standard error.</summary>
    public static string Summary(CheckCommand.CheckResult result, bool strict)
    {
        var errors = result.Findings.Count(f => Level(f.Rule, strict) == RuleSeverity.Error);
        var warnings = result.Findings.Count(f => Level(f.Rule, strict) == RuleSeverity.Warning);
        var notes = result.Findings.Count(f => Level(f.Rule, strict) == RuleSeverity.Info);
        var against = (result.Environment is { } environment ? "in " + environment + " " : string.Empty)
            + (result.InfraRulesSource is { } source ? "against InfraRules from " + source : "with no InfraRules (pools and ceilings not checked)");
        return $"hevlayer: {Count(result.Workloads, "workload")} in {Count(result.Files, "file")} checked {against}: {Count(errors, "error")}, {Count(warnings, "warning")}, {Count(notes, "note")}.";
    }

    /// <summary>SARIF 2.1.0, one run; each result carries the same region as the text output.</summary>
    public static string Sarif(IReadOnlyList<ManifestFinding> findings, bool strict)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "hevlayer");
            json.WriteString("semanticVersion", Version);
            json.WriteString("informationUri", "https://github.com/hevlayer/hevlayer-generators");
            json.WriteStartArray("rules");
            var rules = findings.Select(f => f.Rule).Distinct().OrderBy(r => r.Id, System.StringComparer.Ordinal).ToList();
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("name", rule.Title);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteString("helpUri", rule.HelpUri);
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", SarifLevel(rule.Severity));
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("category", rule.Category);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var f in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.Finding.RuleId);
                json.WriteNumber("ruleIndex", rules.IndexOf(f.Rule));
                json.WriteString("level", SarifLevel(Level(f.Rule, strict)));
                json.WriteStartObject("message");
                json.WriteString("text", Message(f));
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", f.Span.Path);
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", f.Span.StartLine);
                json.WriteNumber("startColumn", f.Span.StartColumn);
                json.WriteNumber("endLine", f.Span.EndLine);
                json.WriteNumber("endColumn", f.Span.EndColumn);
                json.WriteEndObject();
                json.WriteEndObject();
                if (f.Field is { } field)
                {
                    json.WriteStartArray("logicalLocations");
                    json.WriteStartObject();
                    json.WriteString("fullyQualifiedName", field);
                    json.WriteString("kind", "member");
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A JSON document of the findings and counts, for scripts.</summary>
    public static string Json(CheckCommand.CheckResult result, bool strict)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("files", result.Files);
            json.WriteNumber("workloads", result.Workloads);
            if (result.InfraRulesSource is { } source)
            {
                json.WriteString("infraRules", source);
            }
            else
            {
                json.WriteNull("infraRules");
            }

            if (result.Environment is { } environment)
            {
                json.WriteString("environment", environment);
            }

            json.WriteStartArray("findings");
            foreach (var f in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("id", f.Finding.RuleId);
                json.WriteString("severity", Name(Level(f.Rule, strict)));
                json.WriteString("file", f.Span.Path);
                json.WriteNumber("line", f.Span.StartLine);
                json.WriteNumber("column", f.Span.StartColumn);
                json.WriteNumber("endLine", f.Span.EndLine);
                json.WriteNumber("endColumn", f.Span.EndColumn);
                if (f.Field is { } field)
                {
                    json.WriteString("field", field);
                }

                json.WriteString("message", Message(f));
                if (Environment(f) is { } findingEnvironment)
                {
                    json.WriteString("environment", findingEnvironment);
                }

                json.WriteString("helpUri", f.Rule.HelpUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>error, warning or info, as the compiler prints them.</summary>
    public static string Name(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "info",
    };

    private static string SarifLevel(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => "error",
        RuleSeverity.Warning => "warning",
        _ => "note",
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(int value, string noun) => Number(value) + " " + noun + (value == 1 ? string.Empty : "s");
}

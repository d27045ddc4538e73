using System.Collections.Immutable;
using System.Linq;
using HevLayer.Generators.Diagnostics;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace HevLayer.Generators.Analyzers;

/// <summary>Turns Policy findings into Roslyn diagnostics: the adapter's only translation step.</summary>
internal static class DiagnosticFactory
{
    public static Diagnostic Create(Finding finding, Location location) => Create(finding, location, null);

    /// <summary>
    /// The diagnostic of <paramref name="finding"/>, its message after <paramref name="prefix"/> (<c>in dev</c>)
    /// when given. The id, title, severity and help link stay the rule's, so .editorconfig, strict mode and
    /// suppressions treat it as the rule.
    /// </summary>
    public static Diagnostic Create(Finding finding, Location location, string? prefix)
    {
        var properties = finding.Properties.Count == 0
            ? ImmutableDictionary<string, string?>.Empty
            : finding.Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value);
        var descriptor = DiagnosticDescriptors.For(finding.RuleId);
        if (prefix is not null)
        {
            descriptor = Prefixed.GetOrAdd((finding.RuleId, prefix), key => new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                key.Prefix.Replace("{", "{{").Replace("}", "}}") + ": " + descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture),
                descriptor.Category,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                descriptor.Description,
                descriptor.HelpLinkUri,
                descriptor.CustomTags.ToArray()));
        }

        return Diagnostic.Create(descriptor, location, properties, finding.Args.Cast<object>().ToArray());
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Id, string Prefix), DiagnosticDescriptor> Prefixed = new();

    /// <summary>A location in a non-C# file from a finding's span (Roslyn's lines and columns are 0-based).</summary>
    public static Location InFile(SourceSpan span, string path) =>
        Location.Create(
            path,
            new TextSpan(span.Start, System.Math.Max(0, span.End - span.Start)),
            new LinePositionSpan(
                new LinePosition(System.Math.Max(0, span.StartLine - 1), System.Math.Max(0, span.StartColumn - 1)),
                new LinePosition(System.Math.Max(0, span.EndLine - 1), System.Math.Max(0, span.EndColumn - 1))));

    /// <summary>An internal failure on <paramref name="subject"/>, reported instead of crashing the compiler.</summary>
    public static Diagnostic Internal(Location location, string subject, System.Exception e) =>
        Create(InternalRules.InternalError.At(WorkloadTarget.Type, ("subject", subject), ("exception", e.GetType().Name), ("detail", e.Message)), location);
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>
/// The errors the passes found, by file, kept between saves: while any remains, the build would fail and the
/// folder is not written. A file's errors go when that file is checked again.
/// </summary>
internal sealed class ProjectErrors
{
    private readonly Dictionary<string, List<Diagnostic>> errors = new(StringComparer.Ordinal);

    /// <summary>True when an error anywhere in the project says the build would fail.</summary>
    public bool Any => errors.Count > 0;

    /// <summary>The files with errors, full paths (the empty string for errors with no file).</summary>
    public IEnumerable<string> Files => errors.Keys;

    /// <summary>What a pass reports: every error, and the HEVL warnings and notes (the compiler's own warnings are the build's to show).</summary>
    public static List<Diagnostic> Shown(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .Where(d => !d.IsSuppressed && (d.Severity == DiagnosticSeverity.Error || (d.Id.StartsWith("HEVL", StringComparison.Ordinal) && d.Severity != DiagnosticSeverity.Hidden)))
            .Distinct()
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Forgets every file's errors (the whole project is about to be checked).</summary>
    public void Clear() => errors.Clear();

    /// <summary>Forgets the errors of the file at <paramref name="path"/> (it was checked again).</summary>
    public void Forget(string path) => errors.Remove(path);

    /// <summary>Keeps the errors among the diagnostics a pass shows.</summary>
    public void Record(IEnumerable<Diagnostic> shown)
    {
        foreach (var error in shown.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var path = error.Location.GetLineSpan().Path ?? string.Empty;
            if (!errors.TryGetValue(path, out var list))
            {
                errors[path] = list = new List<Diagnostic>();
            }

            list.Add(error);
        }
    }
}

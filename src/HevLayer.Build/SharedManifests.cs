using System;
using System.Collections.Generic;
using System.Linq;

namespace HevLayer.Build;

/// <summary>How the manifests that target frameworks sharing one folder staged compare (<see cref="WriteSharedManifests"/>).</summary>
public static class SharedManifests
{
    /// <summary>Each manifest file that is not the same for every target: which targets have it, or that its text differs.</summary>
    public static List<string> Differences(IReadOnlyList<(string Framework, SortedDictionary<string, string> Files)> targets)
    {
        var differences = new List<string>();
        var names = new SortedSet<string>(targets.SelectMany(t => t.Files.Keys), StringComparer.Ordinal);
        foreach (var name in names)
        {
            var having = targets.Where(t => t.Files.ContainsKey(name)).Select(t => t.Framework).ToList();
            if (having.Count < targets.Count)
            {
                var lacking = targets.Where(t => !t.Files.ContainsKey(name)).Select(t => t.Framework);
                differences.Add($"{Workload(name)} is declared for {string.Join(", ", having)} and not for {string.Join(", ", lacking)}");
            }
            else if (targets.Select(t => t.Files[name]).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                differences.Add($"{Workload(name)} differs between {string.Join(" and ", targets.Select(t => t.Framework))}");
            }
        }

        return differences;
    }

    /// <summary>"Pipeline search/ingest-docs (pipeline.search.ingest-docs.yaml)" from a manifest file name (kind.namespace.name.yaml).</summary>
    private static string Workload(string fileName)
    {
        var parts = fileName.Substring(0, fileName.Length - ".yaml".Length).Split(new[] { '.' }, 3);
        if (parts.Length < 3)
        {
            return fileName;
        }

        var kind = parts[0].Length == 0 ? parts[0] : char.ToUpperInvariant(parts[0][0]) + parts[0].Substring(1);
        return $"{kind} {parts[1]}/{parts[2]} ({fileName})";
    }
}

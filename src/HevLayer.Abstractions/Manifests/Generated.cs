using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.ComponentModel;

namespace HevLayer.Manifests;

/// <summary>
/// Small factories the generated code calls, so that each workload's generated file stays short (the
/// compiler parses and binds one per workload). Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Generated
{
    /// <summary>A read-only, ordinal map from alternating keys and values.</summary>
    public static IReadOnlyDictionary<string, string> Map(params string[] keysAndValues)
    {
        if (keysAndValues is null || keysAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Keys and values must alternate.", nameof(keysAndValues));
        }

        var map = new Dictionary<string, string>(keysAndValues.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i < keysAndValues.Length; i += 2)
        {
            map[keysAndValues[i]] = keysAndValues[i + 1];
        }

        return new ReadOnlyDictionary<string, string>(map);
    }

    /// <summary>A read-only list of <paramref name="items"/>.</summary>
    public static IReadOnlyList<string> List(params string[] items) =>
        items is null || items.Length == 0 ? Array.Empty<string>() : Array.AsReadOnly(items);
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Build;
using Microsoft.CodeAnalysis;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>Compiles a generator's output compilation and reads the manifests back like the build task does.</summary>
internal static class Emitted
{
    public static IReadOnlyList<RenderedManifest> Manifests(Compilation output)
    {
        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return AssemblyFactsReader.Read(stream.ToArray(), output.AssemblyName ?? "output");
    }

    public static Dictionary<string, string> ManifestsByFile(Compilation output) =>
        Manifests(output).ToDictionary(m => m.FileName, m => m.Yaml, System.StringComparer.Ordinal);
}

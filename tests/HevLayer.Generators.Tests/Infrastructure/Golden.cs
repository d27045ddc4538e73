using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// Golden files: expected outputs kept in the repository under tests/HevLayer.Generators.Tests/Golden.
/// Run with HEVLAYER_ACCEPT_GOLDEN=1 to write the current output as the new expectation, then review
/// the diff in git before committing it.
/// </summary>
internal static class Golden
{
    public static bool Accepting => Environment.GetEnvironmentVariable("HEVLAYER_ACCEPT_GOLDEN") == "1";

    /// <summary>Asserts that the folder <paramref name="caseName"/> holds exactly <paramref name="actual"/> (relative path to text).</summary>
    public static void Verify(string caseName, IReadOnlyDictionary<string, string> actual)
    {
        var folder = Path.Combine(RepoPaths.Golden, caseName);
        if (Accepting)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            foreach (var (path, text) in actual)
            {
                var full = Path.Combine(folder, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text, new UTF8Encoding(false));
            }

            return;
        }

        Assert.True(Directory.Exists(folder), $"No golden files for '{caseName}'. Run the tests with HEVLAYER_ACCEPT_GOLDEN=1 to create them.");
        var expectedFiles = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expectedFiles, actual.Keys.OrderBy(f => f, StringComparer.Ordinal).ToList());

        foreach (var file in expectedFiles)
        {
            var expected = File.ReadAllText(Path.Combine(folder, file));
            Assert.True(
                expected == actual[file],
                $"{caseName}/{file} differs from its golden file. If the change is intended, run with HEVLAYER_ACCEPT_GOLDEN=1 and review the diff.\n--- expected\n{expected}\n--- actual\n{actual[file]}");
        }
    }
}

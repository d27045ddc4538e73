using System;
using System.IO;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>Locates the repository from the test binaries, so tests read the real sample and golden files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleWorkers => Path.Combine(Root, "samples", "Workers");

    public static string Golden => Path.Combine(Root, "tests", "HevLayer.Generators.Tests", "Golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HevLayer.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HevLayer.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}

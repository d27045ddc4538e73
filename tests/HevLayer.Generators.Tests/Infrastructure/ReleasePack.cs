using System;
using System.Threading;
using Xunit;

namespace HevLayer.Generators.Tests.Infrastructure;

/// <summary>
/// <c>dotnet pack -c Release</c> of a project of the repository into a folder feed, one at a time in the test
/// run: the packed projects share HevLayer.Policy and HevLayer.Build, and two packs building them into the same
/// Release obj/ and bin/ folders at once can overwrite each other's files.
/// </summary>
internal static class ReleasePack
{
    private static readonly Lock Gate = new();

    /// <summary>Packs <paramref name="project"/> into <paramref name="feed"/>, after any other pack of the run has finished; fails the test when the pack fails.</summary>
    public static void Run(string project, string feed, TimeSpan timeout)
    {
        lock (Gate)
        {
            var pack = ProcessRunner.Run("dotnet", new[] { "pack", project, "-c", "Release", "-o", feed, "-nologo", "-tl:off", "-v:m" }, RepoPaths.Root, timeout);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed: " + pack);
        }
    }
}

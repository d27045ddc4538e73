using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Makes the compiler assemblies resolve to the SDK's own Roslyn (the folder <c>dotnet build</c> runs csc
/// from), the way Microsoft.Build.Locator does for MSBuild. The tool compiles against an older
/// Microsoft.CodeAnalysis and ships none: binding to the SDK's newer one gives `watch` the SDK's language
/// versions and lets it load the generators the SDK's packs were built for.
/// </summary>
internal static class SdkRoslyn
{
    private static string? folder;

    /// <summary>The folder the compiler assemblies are loaded from, once <see cref="Use"/> was called.</summary>
    public static string? Folder => folder;

    /// <summary>
    /// Resolves compiler assemblies from <paramref name="bincore"/> from now on. Must run before any
    /// Microsoft.CodeAnalysis type is touched; a process that already has them (a test host) keeps its own.
    /// </summary>
    public static void Use(string bincore)
    {
        if (!File.Exists(Path.Combine(bincore, "Microsoft.CodeAnalysis.CSharp.dll")))
        {
            throw new ProjectLoadException($"The SDK's compiler was not found in {bincore}; watch needs the .NET SDK the project builds with.");
        }

        if (folder is not null)
        {
            return;
        }

        folder = bincore;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        // Only what the default context could not find: the compiler and whatever it brings beside it.
        if (folder is null || name.Name is null)
        {
            return null;
        }

        var path = Path.Combine(folder, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}

using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Loads the project's analyzer and generator assemblies as the compiler does: each folder in a load context
/// of its own, so that two packages' copies of a dependency do not meet, while the compiler assemblies and
/// the framework come from the tool's process (a generator must see the same Microsoft.CodeAnalysis types as
/// the driver that runs it).
/// </summary>
internal sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly ConcurrentDictionary<string, FolderContext> contexts = new(StringComparer.Ordinal);

    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        return contexts.GetOrAdd(folder, f => new FolderContext(f)).LoadFromAssemblyPath(fullPath);
    }

    private sealed class FolderContext : AssemblyLoadContext
    {
        private readonly string folder;

        public FolderContext(string folder)
            : base("hevlayer-analyzers:" + folder)
        {
            this.folder = folder;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is null || IsShared(name.Name))
            {
                return null;
            }

            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        /// <summary>The compiler's own assemblies (those beside csc) and the framework's.</summary>
        private static bool IsShared(string name) =>
            (SdkRoslyn.Folder is { } compiler && File.Exists(Path.Combine(compiler, name + ".dll")))
            || name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp"
            || name.StartsWith("System.", StringComparison.Ordinal)
            || name is "System" or "mscorlib" or "netstandard";
    }
}

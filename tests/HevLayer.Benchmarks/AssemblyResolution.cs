using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace HevLayer.Benchmarks;

/// <summary>
/// The generator loads HevLayer.Policy, which sits beside the benchmark assembly but, as a dependency of
/// an analyzer project, is left out of this executable's deps.json. Resolve it (and YamlDotNet) from the
/// application folder, in this process and in BenchmarkDotNet's child processes alike. Without this the
/// generator fails to load Policy and the driver records the exception instead of running it, which an
/// earlier run of this suite measured as if it were the generator's time.
/// </summary>
internal static class AssemblyResolution
{
    [ModuleInitializer]
    internal static void Register() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
}

using System;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace HevLayer.Benchmarks;

/// <summary>
/// What HevLayer adds to the user's assembly: the same N attributed classes emitted (Release, embedded
/// PDB as this repository builds) with and without the generator's output. Sizes are deterministic, so
/// one emit each is the figure.
/// </summary>
public static class SizeBenchmark
{
    public static void Print(int n)
    {
        var plain = Synthetic.Compilation(n).WithOptions(Synthetic.Compilation(n).Options.WithOptimizationLevel(OptimizationLevel.Release).WithDeterministic(true));
        var withHevLayer = Synthetic.WithGeneratedSources(plain);
        var floor = Size(plain);
        var ours = Size(withHevLayer);
        Console.WriteLine($"== Assembly size, N = {n:N0} workloads (Release, no PDB)");
        Console.WriteLine($"plain compile (attributes only): {floor:N0} bytes");
        Console.WriteLine($"with HevLayer's generated code:  {ours:N0} bytes");
        Console.WriteLine($"growth: {(ours - floor) / 1024.0:N1} KiB, {(ours - floor) / (double)n:N0} bytes per workload");
    }

    private static long Size(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return stream.Length;
    }
}

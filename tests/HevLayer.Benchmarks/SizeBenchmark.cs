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
        var floor = Size(plain).Length;
        var image = Size(withHevLayer);
        var ours = image.Length;
        Console.WriteLine($"== Assembly size, N = {n:N0} workloads (Release, no PDB)");
        Console.WriteLine($"plain compile (attributes only): {floor:N0} bytes");
        Console.WriteLine($"with HevLayer's generated code:  {ours:N0} bytes");
        Console.WriteLine($"growth: {(ours - floor) / 1024.0:N1} KiB, {(ours - floor) / (double)n:N0} bytes per workload");

        // What the build task now does on every build, no-op builds included: decode each workload's facts
        // from metadata and render its YAML with the one writer (the folder I/O comes on top).
        var times = new System.Collections.Generic.List<double>();
        for (var i = 0; i < 12; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var manifests = HevLayer.Build.AssemblyFactsReader.Read(image, "synthetic");
            clock.Stop();
            if (manifests.Count != n)
            {
                throw new InvalidOperationException($"Read {manifests.Count} manifests, expected {n}.");
            }

            if (i >= 2)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"build task: read the facts and render {n:N0} manifests: {Spread.Of(times, "ms", "0.0")} (10 runs after 2 warm-ups)");
    }

    private static byte[] Size(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return stream.ToArray();
    }
}

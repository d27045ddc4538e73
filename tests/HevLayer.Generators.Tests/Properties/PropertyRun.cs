using System;
using CsCheck;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// Drives CsCheck generators from one fixed seed, so CI runs the same cases every time. The count is
/// 10,000 per property; HEVLAYER_PROPERTY_CASES raises it for a soak run. A failure names the case
/// number and input, which the same seed reproduces.
/// </summary>
internal static class PropertyRun
{
    public const ulong Seed = 20261124;

    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("HEVLAYER_PROPERTY_CASES"), out var cases) && cases > 0 ? cases : 10_000;

    public static void ForAll<T>(Gen<T> gen, int count, uint stream, Action<T> property, Func<T, string>? print = null)
    {
        var pcg = new PCG(stream, Seed);
        for (var i = 0; i < count; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Property failed at case {i} (seed {Seed}, stream {stream}):\n{print?.Invoke(value) ?? value?.ToString()}\n{e.Message}", e);
            }
        }
    }
}

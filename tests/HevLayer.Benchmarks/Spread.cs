using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HevLayer.Benchmarks;

/// <summary>How the hand-written benchmark modes report a set of timings: the median, with min..max.</summary>
public static class Spread
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median unit (min..max)", invariant culture, in <paramref name="format"/>.</summary>
    public static string Of(IEnumerable<double> values, string unit = "ms", string format = "0.00")
    {
        var all = values.ToArray();
        return Median(all).ToString(format, CultureInfo.InvariantCulture) + " " + unit + " ("
            + all.Min().ToString(format, CultureInfo.InvariantCulture) + ".." + all.Max().ToString(format, CultureInfo.InvariantCulture) + ")";
    }
}

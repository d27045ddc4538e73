using System.Globalization;

namespace HevLayer.Policy.InfraRules;

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>512Mi</c>, <c>1.5</c>, <c>2e3</c>).</summary>
public static class Quantity
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    {
        ("Ki", 1024d), ("Mi", 1048576d), ("Gi", 1073741824d), ("Ti", 1099511627776d), ("Pi", 1125899906842624d), ("Ei", 1152921504606846976d),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    };

    /// <summary>
    /// Parses a quantity in Kubernetes' grammar: a signed decimal number followed by a binary-SI suffix
    /// (Ki..Ei), a decimal-SI suffix (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2).
    /// </summary>
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var end = 0;
        if (text[0] is '+' or '-')
        {
            end++;
        }

        var digits = 0;
        var dots = 0;
        while (end < text.Length && (char.IsDigit(text[end]) && text[end] < 128 || text[end] == '.'))
        {
            if (text[end] == '.')
            {
                dots++;
            }
            else
            {
                digits++;
            }

            end++;
        }

        if (digits == 0 || dots > 1
            || !double.TryParse(text.Substring(0, end), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = text.Substring(end);
        if (suffix.Length == 0)
        {
            value = number;
            return true;
        }

        foreach (var (s, factor) in Suffixes)
        {
            if (suffix == s)
            {
                value = number * factor;
                return true;
            }
        }

        if (suffix[0] is 'e' or 'E' && suffix.Length > 1
            && int.TryParse(suffix.Substring(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && exponent is >= -30 and <= 30)
        {
            value = number * System.Math.Pow(10, exponent);
            return true;
        }

        return false;
    }
}

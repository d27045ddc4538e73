using System.Globalization;
using System.Text;

namespace HevLayer.Policy.Emit;

/// <summary>C# source text for values: the one string-literal writer of the generator and of <c>hevlayer import</c>.</summary>
public static class CSharpLiteral
{
    /// <summary>
    /// <paramref name="value"/> as a regular C# string literal. Escapes quotes, backslashes, every
    /// character C# reads as a line break, other control characters and lone surrogates (which UTF-8
    /// cannot carry); everything else stays as it is. A single pass: the generator quotes every workload's strings on a cold run,
    /// and <c>hevlayer import</c> writes its attribute arguments with it.
    /// </summary>
    public static string Quote(string value)
    {
        var i = 0;
        while (i < value.Length && !NeedsEscape(value, i))
        {
            i++;
        }

        if (i == value.Length)
        {
            return "\"" + value + "\"";
        }

        var sb = new StringBuilder(value.Length + 16).Append('"').Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (!NeedsEscape(value, i))
            {
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool NeedsEscape(string s, int i)
    {
        var c = s[i];
        if (c >= ' ' && c < 0x7F)
        {
            return c is '"' or '\\';
        }

        return c < ' ' || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
            || (char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
                : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1])));
    }
}

using System.Globalization;
using System.Text;

namespace HevLayer.Policy.Emit;

/// <summary>Quotes YAML scalars so that every YAML 1.1 and 1.2 reader reads back the same string.</summary>
public static class YamlScalar
{
    private static readonly string[] Reserved =
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null",
    };

    /// <summary>
    /// Returns <paramref name="value"/> plain when it starts with an ASCII letter, holds only ASCII
    /// letters, digits, '.', '_', '/' and '-', and is no boolean or null word; otherwise double-quoted
    /// with every control or line-breaking character escaped (a lone surrogate, which no YAML or UTF-8
    /// text can carry, becomes U+FFFD).
    /// </summary>
    public static string Format(string value) => IsPlainSafe(value) ? value : Quote(value);

    /// <summary>
    /// <paramref name="value"/> with every lone surrogate replaced by U+FFFD: the string a YAML reader
    /// gets back. Map keys go through this before they are compared, so that two keys that differ only
    /// in lone surrogates do not become one key written twice.
    /// </summary>
    public static string Scrub(string value)
    {
        char[]? chars = null;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogate(value[i]) && !IsPairedSurrogate(value, i))
            {
                chars ??= value.ToCharArray();
                chars[i] = '\uFFFD';
            }
        }

        return chars is null ? value : new string(chars);
    }

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !IsAsciiLetter(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' || c == '-'))
            {
                return false;
            }
        }

        foreach (var word in Reserved)
        {
            if (string.Equals(value, word, System.StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsSurrogate(c) && !IsPairedSurrogate(value, i))
                    {
                        // A lone surrogate is no Unicode character: YAML cannot carry it (YamlDotNet throws on
                        // "\uD800", Go's decoders substitute), and UTF-8 cannot either. Write what every
                        // reader would end up with: the replacement character, as Scrub writes it, so a
                        // value scrubbed before (as the build's facts are) renders to the same bytes.
                        sb.Append('\uFFFD');
                    }
                    else if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    internal static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i])
            ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
            : i > 0 && char.IsHighSurrogate(s[i - 1]);
}

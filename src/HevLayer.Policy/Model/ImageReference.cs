using System.Globalization;

namespace HevLayer.Policy.Model;

/// <summary>
/// The container image reference grammar of the Docker distribution <c>reference</c> package, as the kubelet
/// parses <c>containers[].image</c> (<c>ParseNormalizedNamed</c>):
/// <c>[host[:port]/]path-component[/path-component]*[:tag][@algorithm:hex]</c>.
/// </summary>
/// <remarks>
/// A hand-written scanner over the string: no regular expressions, no backtracking, linear in the length,
/// and no allocation unless there is a problem to describe. It runs in the compiler on every keystroke.
/// <para>
/// Where the grammar and the runtimes differ, this follows what the runtimes accept: the first component is a
/// registry only when it contains '.' or ':', is <c>localhost</c>, or has uppercase letters; a bare
/// 64-digit hex string is refused (it would be an image ID); the 255-character limit counts the repository
/// path only, including the <c>library/</c> prefix Docker Hub adds to one-component names; and a digest must
/// use an algorithm go-digest v1.0.0 registers (sha256, sha384, sha512) with exactly its number of lowercase
/// hex digits. One place is deliberately stricter than the Go code: a first component that is meant as a registry but is not a valid
/// host name (<c>my_registry.com/app</c>) is refused, although the Go grammar would fall back to reading it as
/// a Docker Hub path.
/// </para>
/// </remarks>
public static class ImageReference
{
    /// <summary>The longest repository path (the part after the registry, before the tag).</summary>
    public const int MaxRepositoryPathLength = 255;

    /// <summary>The longest tag.</summary>
    public const int MaxTagLength = 128;

    private const string PathRule = "only lowercase letters, digits and separators . _ __ - are allowed";
    private const string SeparatorRule = "between letters and digits only one '.', one '_', two '__' or any number of '-' are allowed";
    private const string TagRule = "up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'";
    private const string HostRule = "dot-separated labels of letters, digits and '-', each starting and ending with a letter or digit, or an IPv6 address in brackets";
    private const string DigestRule = "for example sha256 followed by 64 lowercase hex digits";
    private const string LibraryPrefix = "library/";

    /// <summary>
    /// Null when <paramref name="image"/> is a valid image reference; otherwise a short English phrase saying what
    /// is wrong and what is allowed, written to follow "is not a valid OCI image reference: ".
    /// </summary>
    /// <param name="image">The reference, such as <c>ghcr.io/acme/worker:1.2</c> or <c>nginx@sha256:…</c>.</param>
    /// <returns>Null when valid, else the problem, starting lowercase and without a final period.</returns>
    public static string? Problem(string? image)
    {
        if (image is null || image.Length == 0)
        {
            return "it is empty";
        }

        if (char.IsWhiteSpace(image[0]) || char.IsWhiteSpace(image[image.Length - 1]))
        {
            return "it has leading or trailing whitespace";
        }

        var at = -1;
        for (var i = 0; i < image.Length; i++)
        {
            var c = image[i];
            if (c > ' ' && c < '\u007f')
            {
                if (c == '@')
                {
                    if (at >= 0)
                    {
                        return "it contains more than one '@' (one digest may follow the name, as in name@sha256:<hex>)";
                    }

                    at = i;
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                return "it contains whitespace";
            }

            if (c < '\u007f' || char.IsControl(c))
            {
                return "it contains the control character " + CodePoint(c);
            }

            var codePoint = char.IsHighSurrogate(c) && i + 1 < image.Length && char.IsLowSurrogate(image[i + 1])
                ? char.ConvertToUtf32(c, image[i + 1])
                : c;
            return "it contains the non-ASCII character " + CodePoint(codePoint) + " (image references are ASCII only)";
        }

        if (IsImageId(image))
        {
            return "it is a 64-digit hex image ID, which cannot be used as a repository name (pin a digest with name@sha256:<hex> instead)";
        }

        var nameEnd = at < 0 ? image.Length : at;
        if (nameEnd == 0)
        {
            return "the repository name is empty (nothing comes before '@')";
        }

        // The registry, when there is one, ends at the first '/'.
        var pathStart = 0;
        var hubPath = true;
        var slash = image.IndexOf('/', 0, nameEnd);
        if (slash >= 0 && LooksLikeRegistry(image, slash))
        {
            var problem = RegistryProblem(image, slash);
            if (problem is not null)
            {
                return problem;
            }

            pathStart = slash + 1;
            hubPath = RangeIs(image, 0, slash, "docker.io") || RangeIs(image, 0, slash, "index.docker.io");
        }

        // A path has no ':', so the first one after the registry starts the tag.
        var colon = image.IndexOf(':', pathStart, nameEnd - pathStart);
        var pathEnd = colon < 0 ? nameEnd : colon;

        var pathProblem = PathProblem(image, pathStart, pathEnd, hubPath);
        if (pathProblem is not null)
        {
            return pathProblem;
        }

        if (colon >= 0)
        {
            var tagProblem = TagProblem(image, colon + 1, nameEnd);
            if (tagProblem is not null)
            {
                return tagProblem;
            }
        }

        return at < 0 ? null : DigestProblem(image, at + 1, image.Length);
    }

    private static bool LooksLikeRegistry(string s, int end)
    {
        if (RangeIs(s, 0, end, "localhost"))
        {
            return true;
        }

        for (var i = 0; i < end; i++)
        {
            var c = s[i];
            if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z'))
            {
                return true;
            }
        }

        return false;
    }

    private static string? RegistryProblem(string s, int end)
    {
        int hostEnd;
        if (s[0] == '[')
        {
            var close = s.IndexOf(']', 0, end);
            if (close < 0)
            {
                return "the registry host '" + s.Substring(0, end) + "' opens '[' for an IPv6 address but does not close it";
            }

            if (close == 1)
            {
                return "the registry IPv6 address '[]' is empty";
            }

            for (var i = 1; i < close; i++)
            {
                if (!IsHexDigit(s[i]) && s[i] != ':')
                {
                    return "the registry IPv6 address '" + s.Substring(0, close + 1)
                        + "' may hold only hex digits and ':' (no zone, no embedded IPv4 address)";
                }
            }

            hostEnd = close + 1;
            if (hostEnd < end && s[hostEnd] != ':')
            {
                return "the registry host '" + s.Substring(0, end) + "' has something other than ':port' after ']'";
            }
        }
        else
        {
            var portColon = s.IndexOf(':', 0, end);
            hostEnd = portColon < 0 ? end : portColon;
            if (hostEnd == 0)
            {
                return "the registry host is empty (nothing comes before ':')";
            }

            var hostProblem = HostProblem(s, hostEnd);
            if (hostProblem is not null)
            {
                return "the registry host '" + s.Substring(0, hostEnd) + "' " + hostProblem + " (" + HostRule + ")";
            }
        }

        if (hostEnd == end)
        {
            return null;
        }

        // s[hostEnd] is ':'.
        if (hostEnd + 1 == end)
        {
            return "the registry port is empty (nothing follows ':')";
        }

        for (var i = hostEnd + 1; i < end; i++)
        {
            if (s[i] < '0' || s[i] > '9')
            {
                return "the registry port '" + s.Substring(hostEnd + 1, end - hostEnd - 1) + "' is not a number";
            }
        }

        return null;
    }

    private static string? HostProblem(string s, int end)
    {
        var labelStart = 0;
        for (var i = 0; i <= end; i++)
        {
            if (i == end || s[i] == '.')
            {
                if (i == labelStart)
                {
                    return "has an empty label";
                }

                if (s[labelStart] == '-' || s[i - 1] == '-')
                {
                    return "has a label that starts or ends with '-'";
                }

                labelStart = i + 1;
                continue;
            }

            if (!IsAsciiLetterOrDigit(s[i]) && s[i] != '-')
            {
                return "contains '" + s[i] + "'";
            }
        }

        return null;
    }

    private static string? PathProblem(string s, int start, int end, bool hubPath)
    {
        if (start == end)
        {
            return "the repository path is empty";
        }

        for (var i = start; i < end; i++)
        {
            if (s[i] >= 'A' && s[i] <= 'Z')
            {
                return "it contains uppercase letters in the repository path (" + PathRule + ")";
            }
        }

        var oneComponent = true;
        var componentStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && s[i] != '/')
            {
                continue;
            }

            var problem = ComponentProblem(s, componentStart, i);
            if (problem is not null)
            {
                return problem;
            }

            oneComponent &= i == end;
            componentStart = i + 1;
        }

        // Docker Hub files a one-component name under library/, and the limit applies to that path.
        var length = end - start + (hubPath && oneComponent ? LibraryPrefix.Length : 0);
        if (length > MaxRepositoryPathLength)
        {
            return "the repository path is longer than 255 characters (it has " + Number(length)
                + (hubPath && oneComponent ? ", counting the 'library/' prefix Docker Hub adds" : string.Empty) + ")";
        }

        return null;
    }

    private static string? ComponentProblem(string s, int start, int end)
    {
        if (start == end)
        {
            return "a path component is empty (two '/' in a row, or a '/' at the start or end of the path)";
        }

        for (var i = start; i < end; i++)
        {
            var c = s[i];
            if (!IsLowerAlphanumeric(c) && !IsPathSeparator(c))
            {
                return "the path component '" + s.Substring(start, end - start) + "' contains '" + c + "' (" + PathRule + ")";
            }
        }

        if (!IsLowerAlphanumeric(s[start]) || !IsLowerAlphanumeric(s[end - 1]))
        {
            return "the path component '" + s.Substring(start, end - start)
                + "' must start and end with a lowercase letter or digit (" + PathRule + ")";
        }

        // Interior runs of separators: ".", "_", "__" or any number of "-".
        var j = start;
        while (j < end)
        {
            if (!IsPathSeparator(s[j]))
            {
                j++;
                continue;
            }

            var runStart = j;
            var dashes = true;
            while (IsPathSeparator(s[j]))
            {
                dashes &= s[j] == '-';
                j++;
            }

            var run = j - runStart;
            var allowed = run == 1 || dashes || (run == 2 && s[runStart] == '_' && s[runStart + 1] == '_');
            if (!allowed)
            {
                return "the path component '" + s.Substring(start, end - start) + "' has the separator '"
                    + s.Substring(runStart, run) + "' (" + SeparatorRule + ")";
            }
        }

        return null;
    }

    private static string? TagProblem(string s, int start, int end)
    {
        var length = end - start;
        if (length == 0)
        {
            return "the tag is empty (nothing follows ':'; a tag is " + TagRule + ")";
        }

        if (length > MaxTagLength)
        {
            return "the tag is " + Number(length) + " characters long (a tag is " + TagRule + ")";
        }

        for (var i = start; i < end; i++)
        {
            var c = s[i];
            var word = IsAsciiLetterOrDigit(c) || c == '_';
            if (!word && !(i > start && (c == '.' || c == '-')))
            {
                return "the tag '" + s.Substring(start, length) + "' is not valid: " + TagRule;
            }
        }

        return null;
    }

    private static string? DigestProblem(string s, int start, int end)
    {
        if (start == end)
        {
            return "the digest is empty (nothing follows '@'; " + DigestRule + ")";
        }

        var colon = s.IndexOf(':', start, end - start);
        if (colon < 0)
        {
            return "the digest '" + s.Substring(start, end - start) + "' is not algorithm:hex (" + DigestRule + ")";
        }

        if (colon == start)
        {
            return "the digest algorithm is empty (nothing comes before ':'; " + DigestRule + ")";
        }

        if (!IsDigestAlgorithm(s, start, colon))
        {
            return "the digest algorithm '" + s.Substring(start, colon - start)
                + "' is not valid (letters and digits starting with a letter, such as sha256)";
        }

        var hexLength =
            RangeIs(s, start, colon, "sha256") ? 64 :
            RangeIs(s, start, colon, "sha384") ? 96 :
            RangeIs(s, start, colon, "sha512") ? 128 :
            0;
        if (hexLength == 0)
        {
            return "the digest algorithm '" + s.Substring(start, colon - start)
                + "' is not supported by container runtimes (use sha256, sha384 or sha512)";
        }

        string? issue = null;
        var encodedLength = end - colon - 1;
        var uppercase = false;
        for (var i = colon + 1; i < end && issue is null; i++)
        {
            var c = s[i];
            if (c >= 'A' && c <= 'F')
            {
                uppercase = true;
            }
            else if (!IsLowerHexDigit(c))
            {
                issue = "contains '" + c + "', which is not a hex digit";
            }
        }

        issue ??=
            encodedLength == 0 ? "has no hex digits after the ':'" :
            encodedLength != hexLength ? "has " + Number(encodedLength) + " hex digits" :
            uppercase ? "has uppercase hex digits" :
            null;
        if (issue is null)
        {
            return null;
        }

        var algorithm = s.Substring(start, colon - start);
        return "the " + algorithm + " digest " + issue + " (" + algorithm + " takes exactly " + Number(hexLength) + " lowercase hex digits)";
    }

    // algorithm := component ([+._-] component)*, component := [A-Za-z][A-Za-z0-9]*
    private static bool IsDigestAlgorithm(string s, int start, int end)
    {
        var componentStart = true;
        for (var i = start; i < end; i++)
        {
            var c = s[i];
            if (componentStart)
            {
                if (!IsAsciiLetter(c))
                {
                    return false;
                }

                componentStart = false;
            }
            else if (c == '+' || c == '.' || c == '_' || c == '-')
            {
                componentStart = true;
            }
            else if (!IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return end > start && !componentStart;
    }

    private static bool IsImageId(string s)
    {
        if (s.Length != 64)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsLowerHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool RangeIs(string s, int start, int end, string value) =>
        end - start == value.Length && string.CompareOrdinal(s, start, value, 0, value.Length) == 0;

    private static bool IsPathSeparator(char c) => c == '.' || c == '_' || c == '-';

    private static bool IsLowerAlphanumeric(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');

    private static bool IsLowerHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');

    private static bool IsHexDigit(char c) => IsLowerHexDigit(c) || (c >= 'A' && c <= 'F');

    private static string CodePoint(int c) => "U+" + c.ToString("X4", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

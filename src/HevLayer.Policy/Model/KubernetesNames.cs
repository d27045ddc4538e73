namespace HevLayer.Policy.Model;

/// <summary>Kubernetes naming rules that workload names and namespaces must follow.</summary>
public static class KubernetesNames
{
    /// <summary>The longest RFC 1123 label.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>
    /// True when <paramref name="value"/> is an RFC 1123 label: 1 to 63 characters, lowercase ASCII
    /// letters, digits and '-', starting and ending with a letter or digit. Workload names become
    /// Deployment names and file names, and namespaces must be labels, so both follow this rule.
    /// </summary>
    public static bool IsDnsLabel(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > MaxLabelLength)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && !(c == '-' && i > 0 && i < value.Length - 1))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Why <paramref name="key"/> is not a valid label or annotation key, or null when it is: an optional
    /// DNS-subdomain prefix and '/', then a name of 1 to 63 characters (letters, digits, '-', '_', '.'),
    /// starting and ending with a letter or digit.
    /// </summary>
    public static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key.Substring(slash + 1);
        if (slash >= 0)
        {
            var prefix = key.Substring(0, slash);
            if (!IsDnsSubdomain(prefix))
            {
                return "the prefix '" + prefix + "' must be a lowercase DNS subdomain of at most 253 characters, such as example.com";
            }
        }

        return NameProblem(name, "the name");
    }

    /// <summary>Why <paramref name="value"/> is not a valid label value, or null when it is (empty is valid).</summary>
    public static string? LabelValueProblem(string value) => value.Length == 0 ? null : NameProblem(value, "the value");

    private static string? NameProblem(string name, string what)
    {
        if (name.Length == 0 || name.Length > MaxLabelLength)
        {
            return what + " must be 1 to 63 characters long";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            var inner = c is '-' or '_' or '.';
            if (!alphanumeric && !(inner && i > 0 && i < name.Length - 1))
            {
                return what + " may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="value"/> is an RFC 1123 subdomain: at most 253 characters, dot-separated
    /// RFC 1123 labels (the syntax of most Kubernetes object names, such as service accounts).
    /// </summary>
    public static bool IsDnsSubdomain(string value)
    {
        if (value.Length == 0 || value.Length > 253)
        {
            return false;
        }

        foreach (var part in value.Split('.'))
        {
            if (!IsDnsLabel(part))
            {
                return false;
            }
        }

        return true;
    }
}

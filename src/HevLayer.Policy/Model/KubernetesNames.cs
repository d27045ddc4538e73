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
}

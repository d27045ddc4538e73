using System.Collections.Generic;
using System.Text;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>HEVL116. Kubernetes: the API server rejects an object whose annotations (keys and values) total more than 256 KiB.</summary>
public sealed class AnnotationsTooLarge : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL116";

    /// <summary>The API server's limit on the total size of an object's annotations, in bytes.</summary>
    public const int Limit = 256 * 1024;

    private AnnotationsTooLarge()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, "Annotations too large", "The annotations total {size} bytes; Kubernetes allows at most {limit} bytes of annotation keys and values per object")
    {
    }

    /// <summary>The rule.</summary>
    public static AnnotationsTooLarge Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        // The last value of a repeated key is what is written (HEVL115 says so).
        var written = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var annotation in context.Declared.Annotations)
        {
            written[annotation.Key] = annotation.Value;
        }

        long size = 0;
        foreach (var pair in written)
        {
            size += Encoding.UTF8.GetByteCount(pair.Key) + Encoding.UTF8.GetByteCount(pair.Value);
        }

        if (size > Limit)
        {
            yield return At(WorkloadTarget.Workload, ("size", Text(size)), ("limit", Text(Limit)));
        }
    }
}

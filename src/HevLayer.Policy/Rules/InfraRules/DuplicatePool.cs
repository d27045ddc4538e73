using System.Collections.Generic;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules.InfraRules;

/// <summary>HEVL206. Seed: workloads reference a pool by <c>name</c>, so a name must pick one pool.</summary>
public sealed class DuplicatePool : InfraRulesRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL206";

    private DuplicatePool()
        : base(DiagnosticId, RuleSeverity.Error, RuleBasis.Seed, "Duplicate pool name", "Pool '{pool}' is declared twice (first at line {line}); pool names must be unique")
    {
    }

    /// <summary>The rule.</summary>
    public static DuplicatePool Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        var first = new Dictionary<string, Node<string>>(System.StringComparer.Ordinal);
        foreach (var pool in spec.Pools)
        {
            if (pool.Name is { Value.Length: > 0 } name)
            {
                if (first.TryGetValue(name.Value, out var earlier))
                {
                    yield return In(name.Span, ("pool", name.Value), ("line", Text(earlier.Span.StartLine)));
                }
                else
                {
                    first.Add(name.Value, name);
                }
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.InfraRules;

namespace HevLayer.Policy.Rules;

/// <summary>
/// What the operator checks of <c>InfraRules/default</c> (the seed's text), over the positioned spec.
/// Each finding points at the field at fault.
/// </summary>
public static class InfraRulesRules
{
    /// <summary>The only name the operator accepts.</summary>
    public const string RequiredName = "default";

    /// <summary>The API version of InfraRules.</summary>
    public const string ApiVersion = "hevlayer.com/v1alpha1";

    /// <summary>The scaling modes documentCache accepts.</summary>
    public static readonly string[] CacheModes = { "autoscale", "fixed", "disabled" };

    /// <summary>Every finding for <paramref name="spec"/>.</summary>
    public static IEnumerable<Finding> Check(InfraRulesSpec spec)
    {
        if (spec.ApiVersion is null || spec.ApiVersion.Value != ApiVersion)
        {
            yield return Finding.InFile(RuleIds.WrongApiVersionOrKind, spec.ApiVersion?.Span ?? spec.Document, "apiVersion", spec.ApiVersion?.Value ?? "(missing)", ApiVersion);
        }

        if (spec.Kind is null || spec.Kind.Value != InfraRulesReader.Kind)
        {
            yield return Finding.InFile(RuleIds.WrongApiVersionOrKind, spec.Kind?.Span ?? spec.Document, "kind", spec.Kind?.Value ?? "(missing)", InfraRulesReader.Kind);
        }

        if (spec.Name is null || spec.Name.Value != RequiredName)
        {
            yield return Finding.InFile(RuleIds.NotNamedDefault, spec.Name?.Span ?? spec.Document, spec.Name?.Value ?? "(missing)");
        }

        if (spec.Namespace is { } ns)
        {
            yield return Finding.InFile(RuleIds.NamespaceOnClusterScoped, ns.Span, ns.Value);
        }

        var seen = new Dictionary<string, PoolSpec>();
        foreach (var pool in spec.Pools)
        {
            foreach (var finding in CheckPool(pool, seen))
            {
                yield return finding;
            }
        }

        if (spec.DocumentCache is { } cache)
        {
            foreach (var finding in CheckCache(cache))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<Finding> CheckPool(PoolSpec pool, Dictionary<string, PoolSpec> seen)
    {
        if (pool.Name is null || pool.Name.Value.Length == 0)
        {
            yield return Finding.InFile(RuleIds.PoolWithoutName, pool.Name?.Span ?? pool.Span);
        }
        else if (seen.TryGetValue(pool.Name.Value, out var first))
        {
            yield return Finding.InFile(RuleIds.DuplicatePool, pool.Name.Span, pool.Name.Value, first.Name!.Span.StartLine.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            seen.Add(pool.Name.Value, pool);
        }

        var poolName = pool.Name?.Value ?? "(unnamed)";
        if (pool.MaxReplicasPerWorkload is null)
        {
            yield return Finding.InFile(RuleIds.InvalidPoolCeiling, pool.Name?.Span ?? pool.Span, poolName, "is missing");
        }
        else if (pool.MaxReplicasPerWorkload.Value < 1)
        {
            yield return Finding.InFile(RuleIds.InvalidPoolCeiling, pool.MaxReplicasPerWorkload.Span, poolName, "is " + pool.MaxReplicasPerWorkload.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (pool.GpuType is { } gpuType && !string.Equals(pool.Kind?.Value, "gpu", System.StringComparison.OrdinalIgnoreCase))
        {
            yield return Finding.InFile(RuleIds.GpuTypeOnNonGpuPool, gpuType.Span, poolName, pool.Kind?.Value ?? "(missing)");
        }

        var requests = new Dictionary<string, double>();
        foreach (var quantity in pool.Requests)
        {
            if (!Quantity.TryParse(quantity.Value.Value, out var value))
            {
                yield return Finding.InFile(RuleIds.InvalidQuantity, quantity.Value.Span, quantity.Value.Value, "requests." + quantity.Resource);
            }
            else
            {
                requests[quantity.Resource] = value;
            }
        }

        foreach (var quantity in pool.Limits)
        {
            if (!Quantity.TryParse(quantity.Value.Value, out var limit))
            {
                yield return Finding.InFile(RuleIds.InvalidQuantity, quantity.Value.Span, quantity.Value.Value, "limits." + quantity.Resource);
            }
            else if (requests.TryGetValue(quantity.Resource, out var request) && request > limit)
            {
                var requested = pool.Requests.First(r => r.Resource == quantity.Resource);
                yield return Finding.InFile(RuleIds.RequestAboveLimit, requested.Value.Span, quantity.Resource, poolName, requested.Value.Value, quantity.Value.Value);
            }
        }
    }

    private static IEnumerable<Finding> CheckCache(DocumentCacheSpec cache)
    {
        if (cache.CapGiB is { } cap && cap.Value <= 0)
        {
            yield return Finding.InFile(RuleIds.InvalidCacheCapacity, cap.Span, cap.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (cache.ReplicationFactor is { } factor)
        {
            if (factor.Value < 1)
            {
                yield return Finding.InFile(RuleIds.InvalidReplicationFactor, factor.Span, Text(factor.Value), "at least 1");
            }
            else if (cache.NodesMax is { } nodesMax && factor.Value > nodesMax.Value)
            {
                yield return Finding.InFile(RuleIds.InvalidReplicationFactor, factor.Span, Text(factor.Value), "at most scaling.nodes.max (" + Text(nodesMax.Value) + "), or the replicas cannot be placed");
            }
        }

        if (cache.NodesMin is { } min && cache.NodesMax is { } max && min.Value > max.Value)
        {
            yield return Finding.InFile(RuleIds.CacheNodesMinAboveMax, min.Span, Text(min.Value), Text(max.Value));
        }

        if (cache.Mode is { } mode && System.Array.IndexOf(CacheModes, mode.Value) < 0)
        {
            yield return Finding.InFile(RuleIds.UnknownCacheMode, mode.Span, mode.Value, string.Join(", ", CacheModes));
        }
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

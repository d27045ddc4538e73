using System;
using System.Collections.Generic;

namespace HevLayer.Manifests;

/// <summary><c>spec.worker.podSpec</c>: the pod-spec fragment merged into the worker pods.</summary>
public sealed class PodSpec
{
    /// <summary>Creates the fragment. Called by generated code.</summary>
    public PodSpec(IReadOnlyDictionary<string, string> nodeSelector, IReadOnlyList<Toleration> tolerations, string? serviceAccountName)
    {
        NodeSelector = nodeSelector ?? throw new ArgumentNullException(nameof(nodeSelector));
        Tolerations = tolerations ?? throw new ArgumentNullException(nameof(tolerations));
        ServiceAccountName = serviceAccountName;
    }

    /// <summary><c>nodeSelector</c>, in ordinal key order (empty when none).</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; }

    /// <summary><c>tolerations</c>, in declaration order (empty when none).</summary>
    public IReadOnlyList<Toleration> Tolerations { get; }

    /// <summary><c>serviceAccountName</c>, when set.</summary>
    public string? ServiceAccountName { get; }
}

/// <summary>One of <c>spec.worker.podSpec.tolerations</c>, as written: an empty string is a field left out.</summary>
public sealed class Toleration
{
    /// <summary>Creates the toleration. Called by generated code.</summary>
    public Toleration(string key, string @operator, string value, string effect, long? tolerationSeconds)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Operator = @operator ?? throw new ArgumentNullException(nameof(@operator));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Effect = effect ?? throw new ArgumentNullException(nameof(effect));
        TolerationSeconds = tolerationSeconds;
    }

    /// <summary><c>key</c>.</summary>
    public string Key { get; }

    /// <summary><c>operator</c>: <c>Equal</c>, <c>Exists</c>, or empty (Equal).</summary>
    public string Operator { get; }

    /// <summary><c>value</c>.</summary>
    public string Value { get; }

    /// <summary><c>effect</c>: <c>NoSchedule</c>, <c>PreferNoSchedule</c>, <c>NoExecute</c>, or empty (every effect).</summary>
    public string Effect { get; }

    /// <summary><c>tolerationSeconds</c>, when set.</summary>
    public long? TolerationSeconds { get; }
}

/// <summary><c>spec.indexSelector</c> of a Function.</summary>
public sealed class IndexSelector
{
    /// <summary>Creates the selector. Called by generated code.</summary>
    public IndexSelector(IReadOnlyDictionary<string, string> matchLabels)
    {
        MatchLabels = matchLabels ?? throw new ArgumentNullException(nameof(matchLabels));
    }

    /// <summary><c>matchLabels</c>, in ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> MatchLabels { get; }
}

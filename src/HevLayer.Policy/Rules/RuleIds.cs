namespace HevLayer.Policy.Rules;

/// <summary>
/// Every diagnostic id, by area. Ids are never reused. The descriptors (title, message, severity) are
/// in HevLayer.Generators' DiagnosticDescriptors; each id has a README entry at #hevlNNN.
/// </summary>
public static class RuleIds
{
    // Workload scaling: HEVL001-HEVL099.

    /// <summary>The pool is not in InfraRules/default.</summary>
    public const string UnknownPool = "HEVL001";

    /// <summary>The replica count the mode runs is above the pool's maxReplicasPerWorkload.</summary>
    public const string ReplicasAboveCeiling = "HEVL002";

    /// <summary>No pool.</summary>
    public const string MissingPool = "HEVL003";

    /// <summary>Negative replicas.</summary>
    public const string NegativeReplicas = "HEVL004";

    /// <summary>min above max.</summary>
    public const string MinAboveMax = "HEVL005";

    /// <summary>Autoscale with max 0.</summary>
    public const string AutoscaleMaxZero = "HEVL006";

    /// <summary>Fixed with min 0.</summary>
    public const string FixedMinZero = "HEVL007";

    /// <summary>max set in fixed mode.</summary>
    public const string FixedMaxIgnored = "HEVL008";

    /// <summary>Paused with a mode that would run replicas.</summary>
    public const string PausedOverridesMode = "HEVL009";

    // Declaration: HEVL101-HEVL199.

    /// <summary>Not an RFC 1123 label.</summary>
    public const string InvalidName = "HEVL101";

    /// <summary>Not an RFC 1123 label.</summary>
    public const string InvalidNamespace = "HEVL102";

    /// <summary>Same kind, namespace and name twice.</summary>
    public const string DuplicateWorkload = "HEVL103";

    /// <summary>[Pipeline] and [Function] on one class.</summary>
    public const string ConflictingKinds = "HEVL104";

    /// <summary>The class is not partial.</summary>
    public const string NotPartial = "HEVL105";

    /// <summary>The class is abstract, static or generic.</summary>
    public const string UnsupportedClass = "HEVL106";

    /// <summary>An outer type is not partial, is generic, or hides the class.</summary>
    public const string UnsupportedNesting = "HEVL107";

    /// <summary>A Function with no trigger.</summary>
    public const string NoTrigger = "HEVL108";

    /// <summary>A schedule trigger with no [Schedule].</summary>
    public const string ScheduleMissing = "HEVL109";

    /// <summary>No image from anywhere.</summary>
    public const string MissingImage = "HEVL110";

    /// <summary>A label key or value Kubernetes rejects.</summary>
    public const string InvalidLabel = "HEVL111";

    /// <summary>An annotation key Kubernetes rejects.</summary>
    public const string InvalidAnnotation = "HEVL112";

    // The InfraRules file: HEVL200-HEVL299.

    /// <summary>No InfraRules found.</summary>
    public const string InfraRulesNotFound = "HEVL200";

    /// <summary>YAML syntax error.</summary>
    public const string YamlSyntax = "HEVL201";

    /// <summary>Wrong apiVersion or kind.</summary>
    public const string WrongApiVersionOrKind = "HEVL202";

    /// <summary>metadata.name is not default.</summary>
    public const string NotNamedDefault = "HEVL203";

    /// <summary>A namespace on the cluster-scoped object.</summary>
    public const string NamespaceOnClusterScoped = "HEVL204";

    /// <summary>More than one InfraRules document.</summary>
    public const string MultipleInfraRules = "HEVL205";

    /// <summary>Duplicate pool names.</summary>
    public const string DuplicatePool = "HEVL206";

    /// <summary>A pool with no name.</summary>
    public const string PoolWithoutName = "HEVL207";

    /// <summary>maxReplicasPerWorkload missing or below 1.</summary>
    public const string InvalidPoolCeiling = "HEVL208";

    /// <summary>gpuType on a pool that is not of GPU kind.</summary>
    public const string GpuTypeOnNonGpuPool = "HEVL209";

    /// <summary>Not a Kubernetes quantity.</summary>
    public const string InvalidQuantity = "HEVL210";

    /// <summary>A request above its limit.</summary>
    public const string RequestAboveLimit = "HEVL211";

    /// <summary>documentCache.capGiB not above 0.</summary>
    public const string InvalidCacheCapacity = "HEVL212";

    /// <summary>documentCache.replicationFactor below 1 or above nodes.max.</summary>
    public const string InvalidReplicationFactor = "HEVL213";

    /// <summary>documentCache nodes.min above nodes.max.</summary>
    public const string CacheNodesMinAboveMax = "HEVL214";

    /// <summary>Unknown documentCache scaling mode.</summary>
    public const string UnknownCacheMode = "HEVL215";

    /// <summary>A field InfraRules does not have.</summary>
    public const string UnknownField = "HEVL216";

    /// <summary>A value of the wrong type.</summary>
    public const string WrongValueType = "HEVL217";

    /// <summary>The InfraRules input exceeds a safety limit (size, nesting, aliases, scalar length).</summary>
    public const string InputOverLimit = "HEVL220";

    // Internal: HEVL900-HEVL999.

    /// <summary>The tool failed to analyze a declaration or file; reported instead of crashing the compiler.</summary>
    public const string InternalError = "HEVL900";
}

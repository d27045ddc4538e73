using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;

namespace HevLayer.Generators.Diagnostics;

/// <summary>
/// Every HEVL diagnostic, in one place. Ids come from <see cref="RuleIds"/> (the rules that raise them live
/// in HevLayer.Policy); each has a README entry at its help link. Adding one means: a rule, a descriptor
/// here, AnalyzerReleases.Unshipped.md, the README table, and a test.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Where each rule's help lives: the README, anchored by lowercase id.</summary>
    public const string HelpBase = "https://github.com/hevlayer/hevlayer-generators/blob/main/README.md#";

    /// <summary>HEVL001: Unknown compute pool.</summary>
    public static readonly DiagnosticDescriptor UnknownPool = new(
        RuleIds.UnknownPool,
        "Unknown compute pool",
        "Pool '{0}' is not in InfraRules/default ({1}); pools: {2}",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl001",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL002: Replicas above the pool's ceiling.</summary>
    public static readonly DiagnosticDescriptor ReplicasAboveCeiling = new(
        RuleIds.ReplicasAboveCeiling,
        "Replicas above the pool's ceiling",
        "{0} = {1} is above the ceiling of pool '{2}'{3}: it allows at most {4} replicas per workload ({5})",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl002",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL003: No compute pool.</summary>
    public static readonly DiagnosticDescriptor MissingPool = new(
        RuleIds.MissingPool,
        "No compute pool",
        "The workload names no compute pool; add [Scaling(Pool = \"...\")] with {0}",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl003",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL004: Negative replicas.</summary>
    public static readonly DiagnosticDescriptor NegativeReplicas = new(
        RuleIds.NegativeReplicas,
        "Negative replicas",
        "{0} is {1}; replica counts must be 0 or more",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl004",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL005: MinReplicas above MaxReplicas.</summary>
    public static readonly DiagnosticDescriptor MinAboveMax = new(
        RuleIds.MinAboveMax,
        "MinReplicas above MaxReplicas",
        "MinReplicas ({0}) is above MaxReplicas ({1}); autoscale scales between them, so MinReplicas must not exceed MaxReplicas",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl005",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL006: Autoscale with MaxReplicas 0.</summary>
    public static readonly DiagnosticDescriptor AutoscaleMaxZero = new(
        RuleIds.AutoscaleMaxZero,
        "Autoscale with MaxReplicas 0",
        "Autoscale with MaxReplicas 0 can never run a replica; set MaxReplicas to 1 or more, or use Mode = ScalingMode.Disabled",
        "HevLayer.Scaling",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl006",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL007: Fixed mode with MinReplicas 0.</summary>
    public static readonly DiagnosticDescriptor FixedMinZero = new(
        RuleIds.FixedMinZero,
        "Fixed mode with MinReplicas 0",
        "Fixed mode with MinReplicas 0 runs nothing; use Mode = ScalingMode.Disabled to say so, or set MinReplicas to 1 or more",
        "HevLayer.Scaling",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl007",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL008: MaxReplicas is ignored in fixed mode.</summary>
    public static readonly DiagnosticDescriptor FixedMaxIgnored = new(
        RuleIds.FixedMaxIgnored,
        "MaxReplicas is ignored in fixed mode",
        "MaxReplicas is ignored in fixed mode, which runs MinReplicas ({0}) replicas; remove MaxReplicas",
        "HevLayer.Scaling",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl008",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL009: Paused overrides the scaling mode.</summary>
    public static readonly DiagnosticDescriptor PausedOverridesMode = new(
        RuleIds.PausedOverridesMode,
        "Paused overrides the scaling mode",
        "The workload is paused, so it is scaled to 0 whatever its {0} mode; the mode applies again once Paused is false",
        "HevLayer.Scaling",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl009",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL101: Invalid workload name.</summary>
    public static readonly DiagnosticDescriptor InvalidName = new(
        RuleIds.InvalidName,
        "Invalid workload name",
        "'{0}' is not a valid workload name: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl101",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL102: Invalid namespace.</summary>
    public static readonly DiagnosticDescriptor InvalidNamespace = new(
        RuleIds.InvalidNamespace,
        "Invalid namespace",
        "'{0}' is not a valid namespace{1}: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl102",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL103: Duplicate workload.</summary>
    public static readonly DiagnosticDescriptor DuplicateWorkload = new(
        RuleIds.DuplicateWorkload,
        "Duplicate workload",
        "{0} '{1}' in namespace '{2}' is declared by both {3} and {4}; each workload needs its own kind, namespace and name",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl103",
        customTags: new[] { "HevLayer", WellKnownDiagnosticTags.CompilationEnd });

    /// <summary>HEVL104: Both Pipeline and Function.</summary>
    public static readonly DiagnosticDescriptor ConflictingKinds = new(
        RuleIds.ConflictingKinds,
        "Both Pipeline and Function",
        "'{0}' is marked both [Pipeline] and [Function]; a workload is one or the other, so remove one attribute",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl104",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL105: Workload class is not partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = new(
        RuleIds.NotPartial,
        "Workload class is not partial",
        "Workload class '{0}' must be partial, so that the generator can add its Manifest property",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl105",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL106: Workload class is abstract, static or generic.</summary>
    public static readonly DiagnosticDescriptor UnsupportedClass = new(
        RuleIds.UnsupportedClass,
        "Workload class is abstract, static or generic",
        "Workload class '{0}' is {1}; a workload class must be a concrete, non-static, non-generic class",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl106",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL107: Workload class is nested where the generator cannot extend it.</summary>
    public static readonly DiagnosticDescriptor UnsupportedNesting = new(
        RuleIds.UnsupportedNesting,
        "Workload class is nested where the generator cannot extend it",
        "Workload class '{0}' is nested in '{1}', which {2}; every outer type must be partial and non-generic, and the class must be reachable (not private or protected)",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl107",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL108: Function without a trigger.</summary>
    public static readonly DiagnosticDescriptor NoTrigger = new(
        RuleIds.NoTrigger,
        "Function without a trigger",
        "Function '{0}' has no trigger; set Triggers to FunctionTriggers.Discovery, Write or Schedule (or several, with |)",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl108",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL109: Schedule trigger without schedule settings.</summary>
    public static readonly DiagnosticDescriptor ScheduleMissing = new(
        RuleIds.ScheduleMissing,
        "Schedule trigger without schedule settings",
        "Function '{0}' has a schedule trigger but no [Schedule]; add [Schedule(DiscoveryIntervalSeconds = ...)]",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl109",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL110: No worker image.</summary>
    public static readonly DiagnosticDescriptor MissingImage = new(
        RuleIds.MissingImage,
        "No worker image",
        "{0} '{1}' has no worker image; set [Worker(Image = \"...\")], [assembly: HevLayerDefaults(Image = \"...\")] or the HevLayerImage MSBuild property",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl110",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL111: Invalid label.</summary>
    public static readonly DiagnosticDescriptor InvalidLabel = new(
        RuleIds.InvalidLabel,
        "Invalid label",
        "Label '{0}' is not valid: {1}",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl111",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL112: Invalid annotation key.</summary>
    public static readonly DiagnosticDescriptor InvalidAnnotation = new(
        RuleIds.InvalidAnnotation,
        "Invalid annotation key",
        "Annotation key '{0}' is not valid: {1}",
        "HevLayer.Declaration",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl112",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL200: No InfraRules found.</summary>
    public static readonly DiagnosticDescriptor InfraRulesNotFound = new(
        RuleIds.InfraRulesNotFound,
        "No InfraRules found",
        "No InfraRules/default found, so pools and replica ceilings are not checked; add infrarules.yaml beside the project, or name InfraRules files with the HevLayerInfraRules MSBuild property",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl200",
        customTags: new[] { "HevLayer", WellKnownDiagnosticTags.CompilationEnd });

    /// <summary>HEVL201: YAML syntax error.</summary>
    public static readonly DiagnosticDescriptor YamlSyntax = new(
        RuleIds.YamlSyntax,
        "YAML syntax error",
        "YAML syntax error: {0}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl201",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL202: Wrong apiVersion or kind.</summary>
    public static readonly DiagnosticDescriptor WrongApiVersionOrKind = new(
        RuleIds.WrongApiVersionOrKind,
        "Wrong apiVersion or kind",
        "{0} is '{1}'; InfraRules needs {0}: {2}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl202",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL203: InfraRules not named default.</summary>
    public static readonly DiagnosticDescriptor NotNamedDefault = new(
        RuleIds.NotNamedDefault,
        "InfraRules not named default",
        "InfraRules is named '{0}'; the operator accepts only InfraRules/default",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl203",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL204: Namespace on a cluster-scoped object.</summary>
    public static readonly DiagnosticDescriptor NamespaceOnClusterScoped = new(
        RuleIds.NamespaceOnClusterScoped,
        "Namespace on a cluster-scoped object",
        "InfraRules is cluster-scoped; remove metadata.namespace '{0}'",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl204",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL205: More than one InfraRules document.</summary>
    public static readonly DiagnosticDescriptor MultipleInfraRules = new(
        RuleIds.MultipleInfraRules,
        "More than one InfraRules document",
        "More than one InfraRules document; there is exactly one InfraRules/default, and the one at {0} is used",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl205",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL206: Duplicate pool name.</summary>
    public static readonly DiagnosticDescriptor DuplicatePool = new(
        RuleIds.DuplicatePool,
        "Duplicate pool name",
        "Pool '{0}' is declared twice (first at line {1}); pool names must be unique",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl206",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL207: Pool without a name.</summary>
    public static readonly DiagnosticDescriptor PoolWithoutName = new(
        RuleIds.PoolWithoutName,
        "Pool without a name",
        "A compute pool has no name; workloads choose pools by name",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl207",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL208: Missing or invalid maxReplicasPerWorkload.</summary>
    public static readonly DiagnosticDescriptor InvalidPoolCeiling = new(
        RuleIds.InvalidPoolCeiling,
        "Missing or invalid maxReplicasPerWorkload",
        "maxReplicasPerWorkload of pool '{0}' {1}; it must be a whole number of 1 or more",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl208",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL209: gpuType on a non-GPU pool.</summary>
    public static readonly DiagnosticDescriptor GpuTypeOnNonGpuPool = new(
        RuleIds.GpuTypeOnNonGpuPool,
        "gpuType on a non-GPU pool",
        "gpuType is set on pool '{0}' of kind '{1}'; gpuType applies only to pools of kind gpu",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl209",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL210: Invalid resource quantity.</summary>
    public static readonly DiagnosticDescriptor InvalidQuantity = new(
        RuleIds.InvalidQuantity,
        "Invalid resource quantity",
        "'{0}' in {1} is not a Kubernetes quantity; use forms such as 500m, 2, 512Mi or 1Gi",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl210",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL211: Request above limit.</summary>
    public static readonly DiagnosticDescriptor RequestAboveLimit = new(
        RuleIds.RequestAboveLimit,
        "Request above limit",
        "The {0} request of pool '{1}' ({2}) is above its limit ({3}); requests must not exceed limits",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl211",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL212: Invalid document cache capacity.</summary>
    public static readonly DiagnosticDescriptor InvalidCacheCapacity = new(
        RuleIds.InvalidCacheCapacity,
        "Invalid document cache capacity",
        "documentCache.capGiB is {0}; it must be above 0",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl212",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL213: Invalid document cache replication factor.</summary>
    public static readonly DiagnosticDescriptor InvalidReplicationFactor = new(
        RuleIds.InvalidReplicationFactor,
        "Invalid document cache replication factor",
        "documentCache.replicationFactor is {0}; it must be {1}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl213",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL214: Document cache nodes.min above nodes.max.</summary>
    public static readonly DiagnosticDescriptor CacheNodesMinAboveMax = new(
        RuleIds.CacheNodesMinAboveMax,
        "Document cache nodes.min above nodes.max",
        "documentCache.scaling.nodes.min ({0}) is above nodes.max ({1})",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl214",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL215: Unknown document cache scaling mode.</summary>
    public static readonly DiagnosticDescriptor UnknownCacheMode = new(
        RuleIds.UnknownCacheMode,
        "Unknown document cache scaling mode",
        "documentCache.scaling.mode '{0}' is unknown; use one of: {1}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl215",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL216: Unknown InfraRules field.</summary>
    public static readonly DiagnosticDescriptor UnknownField = new(
        RuleIds.UnknownField,
        "Unknown InfraRules field",
        "Unknown field '{0}' in {1}; {2}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl216",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL217: Value of the wrong type.</summary>
    public static readonly DiagnosticDescriptor WrongValueType = new(
        RuleIds.WrongValueType,
        "Value of the wrong type",
        "{0} must be {1}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl217",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL220: InfraRules input over a safety limit.</summary>
    public static readonly DiagnosticDescriptor InputOverLimit = new(
        RuleIds.InputOverLimit,
        "InfraRules input over a safety limit",
        "The InfraRules file was not read: {0}, and the limit is {1}",
        "HevLayer.InfraRules",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl220",
        customTags: new[] { "HevLayer" });

    /// <summary>HEVL900: HevLayer could not analyze the input.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        RuleIds.InternalError,
        "HevLayer could not analyze the input",
        "HevLayer could not analyze {0} ({1}: {2}); its checks did not run, so please report this",
        "HevLayer.Internal",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "hevl900",
        customTags: new[] { "HevLayer" });

    /// <summary>Every descriptor, in id order.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        UnknownPool,
        ReplicasAboveCeiling,
        MissingPool,
        NegativeReplicas,
        MinAboveMax,
        AutoscaleMaxZero,
        FixedMinZero,
        FixedMaxIgnored,
        PausedOverridesMode,
        InvalidName,
        InvalidNamespace,
        DuplicateWorkload,
        ConflictingKinds,
        NotPartial,
        UnsupportedClass,
        UnsupportedNesting,
        NoTrigger,
        ScheduleMissing,
        MissingImage,
        InvalidLabel,
        InvalidAnnotation,
        InfraRulesNotFound,
        YamlSyntax,
        WrongApiVersionOrKind,
        NotNamedDefault,
        NamespaceOnClusterScoped,
        MultipleInfraRules,
        DuplicatePool,
        PoolWithoutName,
        InvalidPoolCeiling,
        GpuTypeOnNonGpuPool,
        InvalidQuantity,
        RequestAboveLimit,
        InvalidCacheCapacity,
        InvalidReplicationFactor,
        CacheNodesMinAboveMax,
        UnknownCacheMode,
        UnknownField,
        WrongValueType,
        InputOverLimit,
        InternalError,
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Rules.Declaration;
using HevLayer.Policy.Rules.Fields;
using HevLayer.Policy.Rules.InfraRules;
using HevLayer.Policy.Rules.Scaling;

namespace HevLayer.Policy.Rules;

/// <summary>
/// Every rule, once. The analyzers' descriptors and <c>SupportedDiagnostics</c> are built from this list;
/// tests hold the strict-mode list, the README's rule table and the release notes to it. Adding a rule
/// means: its class (or entry), a line here, its test, and a release note.
/// </summary>
public static class RuleCatalog
{
    /// <summary>The rules checked on every workload declaration, in the order their findings are reported.</summary>
    public static IReadOnlyList<WorkloadRule> Workload { get; } = new WorkloadRule[]
    {
        ConflictingKinds.Instance,
        NotPartial.Instance,
        UnsupportedClass.Instance,
        UnsupportedNesting.Instance,
        FileLocalClass.Instance,
        ManifestNameTaken.Instance,
        InvalidName.Instance,
        InvalidNamespace.Instance,
        InvalidLabel.Instance,
        InvalidAnnotation.Instance,
        RepeatedKey.Instance,
        AnnotationsTooLarge.Instance,
        AttributeDoesNotApply.Instance,
        NoTrigger.Instance,
        UnknownTrigger.Instance,
        ScheduleMissing.Instance,
        MissingImage.Instance,
        InvalidImage.Instance,
        ValueBelowOne.Instance,
        BackoffInitialAboveMax.Instance,
        InvalidTargetNamespace.Instance,
        InvalidInput.Instance,
        InvalidFilter.Instance,
        EmptyVersion.Instance,
        InvalidNodeSelector.Instance,
        InvalidToleration.Instance,
        InvalidServiceAccountName.Instance,
        InvalidIndexSelector.Instance,
        MissingPool.Instance,
        UnknownScalingMode.Instance,
        NegativeReplicas.Instance,
        AutoscaleMaxZero.Instance,
        MinAboveMax.Instance,
        FixedMinZero.Instance,
        FixedMaxIgnored.Instance,
        PausedOverridesMode.Instance,
        UnknownPool.Instance,
        ReplicasAboveCeiling.Instance,
        NodeSelectorConflictsWithPool.Instance,
        InfraRulesNotFound.Instance,
    };

    /// <summary>The rules checked on the InfraRules document.</summary>
    public static IReadOnlyList<InfraRulesRule> InfraRules { get; } = new InfraRulesRule[]
    {
        WrongApiVersionOrKind.Instance,
        NotNamedDefault.Instance,
        NamespaceOnClusterScoped.Instance,
        PoolWithoutName.Instance,
        DuplicatePool.Instance,
        InvalidPoolCeiling.Instance,
        GpuTypeOnNonGpuPool.Instance,
        InvalidQuantity.Instance,
        RequestAboveLimit.Instance,
        InvalidCacheCapacity.Instance,
        InvalidReplicationFactor.Instance,
        CacheNodesMinAboveMax.Instance,
        UnknownCacheMode.Instance,
    };

    /// <summary>Every rule, in id order.</summary>
    public static IReadOnlyList<Rule> All { get; } = Workload.Cast<Rule>()
        .Concat(InfraRules)
        .Concat(new Rule[]
        {
            CrossWorkloadRules.DuplicateWorkload,
            EnvironmentRules.UnknownEnvironment,
            EnvironmentRules.RepeatedOverride,
            InfraRulesFileRules.YamlSyntax,
            InfraRulesFileRules.MultipleInfraRules,
            InfraRulesFileRules.UnknownField,
            InfraRulesFileRules.WrongValueType,
            InfraRulesFileRules.InputOverLimit,
            InfraRulesFileRules.NoDocument,
            InfraRulesFileRules.NotUtf8,
            ManifestFileRules.YamlSyntax,
            ManifestFileRules.UnknownField,
            ManifestFileRules.WrongValueType,
            ManifestFileRules.InputOverLimit,
            ManifestFileRules.NotUtf8,
            ManifestFileRules.NotExpressible,
            ManifestFileRules.OtherApiVersion,
            BuildRules.InfraRulesFileMissing,
            BuildRules.UnknownInfraRulesSource,
            BuildRules.NotWritable,
            BuildRules.ForeignFile,
            BuildRules.BadFileName,
            BuildRules.SameFile,
            BuildRules.SharedFolder,
            BuildRules.InvalidEnvironmentName,
            BuildRules.RepeatedEnvironment,
            BuildRules.EnvironmentWithoutInfraRules,
            BuildRules.EnvironmentInfraRulesMissing,
            BuildRules.UnknownSelectedEnvironment,
            BuildRules.UnknownEnvironmentSource,
            BuildRules.NotPinned,
            BuildRules.Unreachable,
            BuildRules.AccessDenied,
            BuildRules.NotServed,
            BuildRules.BadAnswer,
            BuildRules.Kubeconfig,
            BuildRules.NeedsDotnetBuild,
            BuildRules.FetchFailed,
            InternalRules.InternalError,
        })
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToArray();

    private static readonly Dictionary<string, Rule> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with <paramref name="id"/>.</summary>
    public static Rule Get(string id) => ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException("No rule " + id, nameof(id));

    /// <summary>
    /// Every finding for one workload declaration, in rule order. A plain loop into a list made only when a
    /// rule finds something: the analyzer runs this for every workload on every pass, and almost every
    /// workload complies (no LINQ iterator, no closure, no list for a clean workload).
    /// </summary>
    public static IReadOnlyList<Finding> Check(WorkloadContext context)
    {
        List<Finding>? findings = null;
        var rules = WorkloadRules;
        for (var i = 0; i < rules.Length; i++)
        {
            foreach (var finding in rules[i].Check(context))
            {
                (findings ??= new List<Finding>()).Add(finding);
            }
        }

        return findings ?? (IReadOnlyList<Finding>)Array.Empty<Finding>();
    }

    private static readonly WorkloadRule[] WorkloadRules = Workload.ToArray();

    /// <summary>Every finding for one InfraRules document.</summary>
    public static IEnumerable<Finding> Check(InfraRulesSpec spec) => InfraRules.SelectMany(rule => rule.Check(spec));
}

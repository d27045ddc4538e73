using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;

namespace HevLayer.Policy.Rules;

/// <summary>
/// What the operator would reject of one workload (and what it would silently do differently from
/// what the code says), from the seed's scaling semantics. Plain code over plain models.
/// </summary>
public static class WorkloadRules
{
    /// <summary>Every finding for one workload declaration.</summary>
    /// <param name="declared">The workload as its attributes declare it (defaults not applied).</param>
    /// <param name="shape">Facts about the class declaration.</param>
    /// <param name="defaults">The project defaults (MSBuild properties merged with the assembly attribute).</param>
    /// <param name="infraRules">The effective InfraRules, or null when none was found (pool checks are skipped).</param>
    public static IEnumerable<Finding> Check(WorkloadModel declared, DeclarationShape shape, ProjectDefaults defaults, InfraRulesModel? infraRules)
    {
        var kind = declared.Kind == WorkloadKind.Function ? "Function" : "Pipeline";

        // Declaration.
        if (shape.HasConflictingKind)
        {
            yield return Finding.AtWorkload(RuleIds.ConflictingKinds, WorkloadTarget.WorkloadAttribute, shape.TypeName);
        }

        if (!shape.IsPartial)
        {
            yield return Finding.AtWorkload(RuleIds.NotPartial, WorkloadTarget.Type, shape.TypeName);
        }

        if (shape.UnsupportedReason is { } reason)
        {
            yield return Finding.AtWorkload(RuleIds.UnsupportedClass, WorkloadTarget.Type, shape.TypeName, reason);
        }

        if (shape.Outer is { } outer)
        {
            yield return Finding.AtWorkload(RuleIds.UnsupportedNesting, WorkloadTarget.Type, shape.TypeName, outer, shape.OuterProblem ?? string.Empty);
        }

        if (!KubernetesNames.IsDnsLabel(declared.Name))
        {
            yield return Finding.AtWorkload(RuleIds.InvalidName, WorkloadTarget.Name, declared.Name);
        }

        if (!string.IsNullOrEmpty(declared.Namespace))
        {
            if (!KubernetesNames.IsDnsLabel(declared.Namespace))
            {
                yield return Finding.AtWorkload(RuleIds.InvalidNamespace, WorkloadTarget.Namespace, declared.Namespace!, string.Empty);
            }
        }
        else if (!KubernetesNames.IsDnsLabel(defaults.EffectiveNamespace))
        {
            yield return Finding.AtWorkload(RuleIds.InvalidNamespace, WorkloadTarget.WorkloadAttribute, defaults.EffectiveNamespace, " (the project default, from HevLayerNamespace or [assembly: HevLayerDefaults])");
        }

        foreach (var label in declared.Labels)
        {
            if ((KubernetesNames.KeyProblem(label.Key) ?? KubernetesNames.LabelValueProblem(label.Value)) is { } problem)
            {
                yield return Finding.AtWorkload(RuleIds.InvalidLabel, WorkloadTarget.Label, label.Key, problem);
            }
        }

        foreach (var annotation in declared.Annotations)
        {
            if (KubernetesNames.KeyProblem(annotation.Key) is { } problem)
            {
                yield return Finding.AtWorkload(RuleIds.InvalidAnnotation, WorkloadTarget.Annotation, annotation.Key, problem);
            }
        }

        if (declared.Function is { } function)
        {
            if (function.Triggers == FunctionTriggers.None)
            {
                yield return Finding.AtWorkload(RuleIds.NoTrigger, WorkloadTarget.WorkloadAttribute, declared.Name);
            }
            else if ((function.Triggers & FunctionTriggers.Schedule) != 0 && function.Schedule is null)
            {
                yield return Finding.AtWorkload(RuleIds.ScheduleMissing, WorkloadTarget.Triggers, declared.Name);
            }
        }

        if (string.IsNullOrEmpty(declared.Worker.Image) && string.IsNullOrEmpty(defaults.Image))
        {
            yield return Finding.AtWorkload(RuleIds.MissingImage, WorkloadTarget.WorkloadAttribute, kind, declared.Name);
        }

        // Scaling.
        var scaling = declared.Scaling;
        if (scaling is null || string.IsNullOrEmpty(scaling.Pool))
        {
            var pools = infraRules is null ? "a pool from InfraRules/default" : "one of: " + PoolList(infraRules);
            yield return Finding.AtWorkload(RuleIds.MissingPool, scaling is null ? WorkloadTarget.WorkloadAttribute : WorkloadTarget.ScalingAttribute, pools);
            if (scaling is null)
            {
                yield break;
            }
        }

        foreach (var finding in CheckReplicas(declared, scaling))
        {
            yield return finding;
        }

        if (infraRules is not null && !string.IsNullOrEmpty(scaling.Pool))
        {
            var pool = infraRules.Find(scaling.Pool!);
            if (pool is null)
            {
                var ordered = infraRules.Pools.Select(p => p.Name).OrderBy(n => InfraRulesReader.Distance(n, scaling.Pool!)).ThenBy(n => n, System.StringComparer.Ordinal).ToArray();
                yield return Finding.AtWorkload(RuleIds.UnknownPool, WorkloadTarget.Pool, scaling.Pool!, infraRules.Source, ordered.Length == 0 ? "(none)" : string.Join(", ", ordered))
                    .With(PropertyNames.Pools, string.Join(",", ordered));
            }
            else if (pool.MaxReplicasPerWorkload is long ceiling && ceiling >= 1 && scaling.ReplicasCheckedAgainstCeiling is int replicas && replicas > ceiling)
            {
                var isFixed = scaling.Mode == ScalingMode.Fixed;
                yield return Finding.AtWorkload(
                        RuleIds.ReplicasAboveCeiling,
                        isFixed ? WorkloadTarget.MinReplicas : WorkloadTarget.MaxReplicas,
                        isFixed ? "MinReplicas" : "MaxReplicas",
                        Text(replicas),
                        pool.Name,
                        isFixed ? " (fixed mode runs MinReplicas replicas)" : string.Empty,
                        Text(ceiling),
                        infraRules.Source + " line " + Text(pool.Span.StartLine))
                    .With(PropertyNames.Ceiling, Text(ceiling))
                    .With(PropertyNames.Argument, isFixed ? "MinReplicas" : "MaxReplicas");
            }
        }
    }

    private static IEnumerable<Finding> CheckReplicas(WorkloadModel declared, ScalingModel scaling)
    {
        if (scaling.MinReplicas < 0)
        {
            yield return Finding.AtWorkload(RuleIds.NegativeReplicas, WorkloadTarget.MinReplicas, "MinReplicas", Text(scaling.MinReplicas));
        }

        if (scaling.MaxReplicas is int max && max < 0)
        {
            yield return Finding.AtWorkload(RuleIds.NegativeReplicas, WorkloadTarget.MaxReplicas, "MaxReplicas", Text(max));
        }

        switch (scaling.Mode)
        {
            case ScalingMode.Autoscale:
                if (scaling.MaxReplicas is not int declaredMax || declaredMax == 0)
                {
                    yield return Finding.AtWorkload(RuleIds.AutoscaleMaxZero, scaling.MaxReplicas is null ? WorkloadTarget.ScalingAttribute : WorkloadTarget.MaxReplicas);
                }
                else if (declaredMax > 0 && scaling.MinReplicas > declaredMax)
                {
                    yield return Finding.AtWorkload(RuleIds.MinAboveMax, WorkloadTarget.MinReplicas, Text(scaling.MinReplicas), Text(declaredMax));
                }

                break;

            case ScalingMode.Fixed:
                if (scaling.MinReplicas == 0)
                {
                    yield return Finding.AtWorkload(RuleIds.FixedMinZero, WorkloadTarget.Mode);
                }

                if (scaling.MaxReplicas is not null)
                {
                    yield return Finding.AtWorkload(RuleIds.FixedMaxIgnored, WorkloadTarget.MaxReplicas, Text(scaling.MinReplicas));
                }

                break;
        }

        if (declared.Paused && scaling.Mode != ScalingMode.Disabled)
        {
            yield return Finding.AtWorkload(RuleIds.PausedOverridesMode, WorkloadTarget.Paused, scaling.Mode == ScalingMode.Fixed ? "fixed" : "autoscale");
        }
    }

    private static string PoolList(InfraRulesModel infraRules) =>
        infraRules.Pools.Count == 0 ? "(none)" : string.Join(", ", infraRules.Pools.Select(p => p.Name));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Keys of <see cref="Finding.Properties"/> that code fixes read.</summary>
public static class PropertyNames
{
    /// <summary>HEVL001: the existing pools, closest name first, comma-separated.</summary>
    public const string Pools = "Pools";

    /// <summary>HEVL002: the pool's ceiling.</summary>
    public const string Ceiling = "Ceiling";

    /// <summary>HEVL002: the argument to clamp, MaxReplicas or MinReplicas.</summary>
    public const string Argument = "Argument";
}

// The workload vocabulary, defined once: the enums users write in attributes and the policy core reads,
// and the spellings the manifest and the typed API share. This file is compiled into HevLayer.Abstractions
// (namespace HevLayer, what users write; the spellings internal) and into the policy core (namespace
// HevLayer.Policy.Model); the enum values are the attributes' metadata, so both read the same numbers.
using System;
using System.Collections.Generic;

#if HEVLAYER_POLICY
namespace HevLayer.Policy.Model;
#else
namespace HevLayer;
#endif

/// <summary>How the Layer operator scales a worker's Deployment (<c>spec.scaling.mode</c>).</summary>
public enum ScalingMode
{
    /// <summary>
    /// <c>autoscale</c>: the operator emits a KEDA ScaledObject and queue depth scales the Deployment
    /// between <c>MinReplicas</c> and <c>MaxReplicas</c>.
    /// </summary>
    Autoscale = 0,

    /// <summary><c>fixed</c>: the Deployment runs <c>MinReplicas</c> replicas; no KEDA object.</summary>
    Fixed = 1,

    /// <summary><c>disabled</c>: the Deployment is scaled to 0; no KEDA object.</summary>
    Disabled = 2,
}

/// <summary>What makes a Function run (<c>spec.triggers</c>). Combine them with <c>|</c>.</summary>
[Flags]
public enum FunctionTriggers
{
    /// <summary>No trigger: a Function needs at least one (HEVL108).</summary>
    None = 0,

    /// <summary><c>discovery</c>: documents newly discovered in the target namespaces.</summary>
    Discovery = 1,

    /// <summary><c>write</c>: writes to the target namespaces.</summary>
    Write = 2,

    /// <summary><c>schedule</c>: a periodic scan (see <c>[Schedule]</c>).</summary>
    Schedule = 4,
}

/// <summary>How a toleration matches a taint (<c>spec.worker.podSpec.tolerations[].operator</c>).</summary>
public enum TolerationOperator
{
    /// <summary><c>Equal</c>: the taint's key and value equal the toleration's.</summary>
    Equal = 0,

    /// <summary><c>Exists</c>: any taint with the key (any key when the key is empty); the value must be empty.</summary>
    Exists = 1,
}

/// <summary>The taint effect a toleration tolerates (<c>spec.worker.podSpec.tolerations[].effect</c>).</summary>
public enum TaintEffect
{
    /// <summary>Every effect (the field is not written).</summary>
    All = 0,

    /// <summary><c>NoSchedule</c>.</summary>
    NoSchedule = 1,

    /// <summary><c>PreferNoSchedule</c>.</summary>
    PreferNoSchedule = 2,

    /// <summary><c>NoExecute</c>: the only effect that <c>TolerationSeconds</c> applies to.</summary>
    NoExecute = 3,
}

/// <summary>The spellings a manifest and the typed API share.</summary>
#if HEVLAYER_POLICY
public
#else
internal
#endif
static class WorkloadSpelling
{
    /// <summary>The label every generated manifest carries unless the workload sets it.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedByValue = "hevlayer-generators";

    /// <summary>The YAML spellings of the triggers set in <paramref name="triggers"/>: <c>discovery</c>, <c>write</c>, <c>schedule</c>, in that order.</summary>
    public static string[] TriggerNames(FunctionTriggers triggers)
    {
        var names = new List<string>(3);
        if ((triggers & FunctionTriggers.Discovery) != 0)
        {
            names.Add("discovery");
        }

        if ((triggers & FunctionTriggers.Write) != 0)
        {
            names.Add("write");
        }

        if ((triggers & FunctionTriggers.Schedule) != 0)
        {
            names.Add("schedule");
        }

        return names.ToArray();
    }
}

namespace HevLayer;

/// <summary>How the Layer operator scales a worker's Deployment (<c>spec.scaling.mode</c>).</summary>
public enum ScalingMode
{
    /// <summary>
    /// <c>autoscale</c>: the operator emits a KEDA ScaledObject and queue depth scales the Deployment
    /// between <see cref="ScalingAttribute.MinReplicas"/> and <see cref="ScalingAttribute.MaxReplicas"/>.
    /// </summary>
    Autoscale = 0,

    /// <summary><c>fixed</c>: the Deployment runs <see cref="ScalingAttribute.MinReplicas"/> replicas; no KEDA object.</summary>
    Fixed = 1,

    /// <summary><c>disabled</c>: the Deployment is scaled to 0; no KEDA object.</summary>
    Disabled = 2,
}

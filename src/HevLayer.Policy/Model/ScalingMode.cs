namespace HevLayer.Policy.Model;

/// <summary>
/// <c>spec.scaling.mode</c>. The numeric values match <c>HevLayer.ScalingMode</c>, which users write.
/// </summary>
public enum ScalingMode
{
    /// <summary><c>autoscale</c>: KEDA scales the Deployment between min and max.</summary>
    Autoscale = 0,

    /// <summary><c>fixed</c>: the Deployment runs <c>replicas.min</c>.</summary>
    Fixed = 1,

    /// <summary><c>disabled</c>: scaled to 0.</summary>
    Disabled = 2,
}

namespace HevLayer.Policy.Model;

/// <summary>
/// <c>spec.scaling</c> as declared. <see cref="MaxReplicas"/> is null when the user did not set it,
/// so that rules can tell "not set" from 0.
/// </summary>
public sealed record ScalingModel(string? Pool, ScalingMode Mode, int MinReplicas, int? MaxReplicas)
{
    /// <summary>
    /// The <c>replicas.max</c> written to the manifest. Fixed mode runs <c>min</c> replicas and ignores
    /// <c>max</c>, so it writes <c>max = min</c>; the other modes write what was declared (0 when not set).
    /// </summary>
    public int EmittedMaxReplicas => Mode == ScalingMode.Fixed ? MinReplicas : MaxReplicas ?? 0;

    /// <summary>
    /// The replica count the pool ceiling applies to: <c>max</c> in autoscale mode, <c>min</c> in fixed
    /// mode (what the Deployment runs), and none when disabled.
    /// </summary>
    public int? ReplicasCheckedAgainstCeiling => Mode switch
    {
        ScalingMode.Autoscale => MaxReplicas ?? 0,
        ScalingMode.Fixed => MinReplicas,
        _ => null,
    };
}

namespace HevLayer.Policy.Rules;

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

using System;

namespace HevLayer.Policy.Model;

/// <summary><c>spec.triggers</c>. The numeric values match <c>HevLayer.FunctionTriggers</c>.</summary>
[Flags]
public enum FunctionTriggers
{
    /// <summary>No trigger.</summary>
    None = 0,

    /// <summary><c>discovery</c>.</summary>
    Discovery = 1,

    /// <summary><c>write</c>.</summary>
    Write = 2,

    /// <summary><c>schedule</c>.</summary>
    Schedule = 4,
}

using System;

namespace HevLayer;

/// <summary>What starts a Function's work (<c>spec.triggers</c>). Combine with <c>|</c>.</summary>
[Flags]
public enum FunctionTriggers
{
    /// <summary>No trigger. A Function needs at least one.</summary>
    None = 0,

    /// <summary><c>discovery</c>: documents discovered in the target namespaces.</summary>
    Discovery = 1,

    /// <summary><c>write</c>: writes to the target namespaces.</summary>
    Write = 2,

    /// <summary><c>schedule</c>: a periodic scan; configure it with <see cref="ScheduleAttribute"/>.</summary>
    Schedule = 4,
}

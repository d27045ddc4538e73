namespace HevLayer.Policy.Model;

/// <summary>
/// Facts about the C# declaration of a workload class that decide whether the generator can extend it.
/// </summary>
/// <param name="TypeName">The class name as users see it.</param>
/// <param name="IsPartial">True when the class is declared partial.</param>
/// <param name="UnsupportedReason">"abstract", "static" or "generic" when the class is one of those; else null.</param>
/// <param name="Outer">The outer type at fault, when nesting prevents generation; else null.</param>
/// <param name="OuterProblem">Why that outer type prevents generation.</param>
/// <param name="HasConflictingKind">True when the class carries both [Pipeline] and [Function].</param>
/// <param name="Inapplicable">Short names of HevLayer attributes on the class that do not apply to its kind (for example <c>Schedule</c> on a Pipeline).</param>
/// <param name="FileLocal">
/// How the class is file-local (<c>is file-local</c>, or <c>is nested in file-local type 'Outer'</c>) when
/// it or an outer type is declared <c>file</c>: generated code lives in a file of its own and cannot
/// extend it. Null otherwise.
/// </param>
/// <param name="ManifestNameTaken">
/// Why the name <c>Manifest</c> is taken in the class (for example <c>already declares a property named
/// 'Manifest'</c>), so that the generator cannot add its typed <c>Manifest</c> property; null when it is free.
/// The manifest itself is still generated.
/// </param>
public sealed record DeclarationShape(
    string TypeName,
    bool IsPartial,
    string? UnsupportedReason,
    string? Outer,
    string? OuterProblem,
    bool HasConflictingKind,
    EquatableArray<string> Inapplicable = default,
    string? FileLocal = null,
    string? ManifestNameTaken = null)
{
    /// <summary>True when the generator can add members to the class and reach it from the registry.</summary>
    public bool IsExtensible => IsPartial && UnsupportedReason is null && Outer is null && FileLocal is null && !HasConflictingKind;

    /// <summary>True when the generator adds the typed <c>Manifest</c> property (given <see cref="IsExtensible"/>).</summary>
    public bool HasTypedManifest => ManifestNameTaken is null;
}

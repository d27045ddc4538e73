using HevLayer.Policy.Model;

namespace HevLayer.Generators.Model;

/// <summary>
/// Where and how the generator can extend a workload class. Strings and flags only: never a symbol.
/// Names are as the symbols spell them, without <c>@</c>; the emitter escapes them.
/// </summary>
/// <param name="Namespace">The containing namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Outer types, outermost first, as their declaration keywords and names.</param>
/// <param name="Keyword">The type's declaration keyword: <c>class</c> or <c>record</c>.</param>
/// <param name="Name">The type's name.</param>
/// <param name="FullyQualifiedName">The fully qualified name with <c>global::</c>.</param>
/// <param name="Shape">Whether the generator can extend the type, and if not, why (the analyzers report it).</param>
/// <param name="HidesInheritedManifest">
/// True when a base class is itself a workload class, whose generated <c>Manifest</c> the class's own hides
/// (so it is declared <c>new</c>).
/// </param>
/// <param name="ManifestForTaken">True when the class (or a base that is no workload) declares a member named <c>ManifestFor</c>: the per-environment method is then left out.</param>
public sealed record TypeSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Keyword,
    string Name,
    string FullyQualifiedName,
    DeclarationShape Shape,
    bool HidesInheritedManifest = false,
    bool ManifestForTaken = false);

/// <summary>An outer type a nested workload class is declared in.</summary>
public sealed record ContainingType(string Keyword, string Name);

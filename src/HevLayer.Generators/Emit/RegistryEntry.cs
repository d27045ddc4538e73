namespace HevLayer.Generators.Emit;

/// <summary>One line of the registry: the workload's type name (the sort key) and the C# expression of its manifest.</summary>
/// <param name="TypeName">The fully qualified type name.</param>
/// <param name="Expression">
/// <c>T.Manifest</c>, or, when the class could not get its typed property (the name is taken), the call
/// that property would have made.
/// </param>
internal readonly record struct RegistryEntry(string TypeName, string Expression);

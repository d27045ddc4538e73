// Reading what the generator put into an assembly, from its metadata (System.Reflection.Metadata, never loading it).
// Compiled into the build task (the user's own assembly, after compile) and the generator (the assemblies an
// application references, for the workloads it hosts), so both name types and recognize the attributes alike.
using System.Reflection.Metadata;

namespace HevLayer.Metadata;

/// <summary>Which of the generator's attributes (namespace <c>HevLayer.Manifests</c>) a custom attribute is.</summary>
internal enum GeneratedAttribute
{
    /// <summary>None of them.</summary>
    None,

    /// <summary><c>[GeneratedWorkload]</c>: a class's shared facts.</summary>
    Workload,

    /// <summary><c>[GeneratedEnvironment]</c>: a class's facts in one environment it overrides.</summary>
    Environment,

    /// <summary><c>[assembly: GeneratedEnvironments]</c>: the project's environments.</summary>
    Environments,
}

/// <summary>Names and attributes as the generator writes them, read back from metadata.</summary>
internal static class GeneratedMetadata
{
    /// <summary>The C# name of a type definition as the generator writes it: namespace, containing types and name, dot-separated.</summary>
    public static string TypeName(MetadataReader md, TypeDefinition type)
    {
        var name = md.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return TypeName(md, md.GetTypeDefinition(declaring)) + "." + name;
        }

        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Which generated attribute the custom attribute with <paramref name="constructor"/> is.</summary>
    public static GeneratedAttribute Which(MetadataReader md, EntityHandle constructor)
    {
        EntityHandle type;
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                type = md.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                type = md.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
                break;
            default:
                return GeneratedAttribute.None;
        }

        return type.Kind switch
        {
            HandleKind.TypeReference => Named(md, md.GetTypeReference((TypeReferenceHandle)type).Namespace, md.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Named(md, md.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, md.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => GeneratedAttribute.None,
        };
    }

    private static GeneratedAttribute Named(MetadataReader md, StringHandle ns, StringHandle name) =>
        !md.StringComparer.Equals(ns, "HevLayer.Manifests") ? GeneratedAttribute.None
        : md.StringComparer.Equals(name, "GeneratedWorkloadAttribute") ? GeneratedAttribute.Workload
        : md.StringComparer.Equals(name, "GeneratedEnvironmentAttribute") ? GeneratedAttribute.Environment
        : md.StringComparer.Equals(name, "GeneratedEnvironmentsAttribute") ? GeneratedAttribute.Environments
        : GeneratedAttribute.None;
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HevLayer.Build;

/// <summary>A manifest carried out of the compiler in the built assembly.</summary>
/// <param name="FileName">The file name the generator chose.</param>
/// <param name="Yaml">The manifest text, exactly as the generator rendered it.</param>
/// <param name="Summary">The workload's summary line (kind, namespace/name, pool, mode, min, max, tab-separated), when present.</param>
public sealed record EmbeddedManifest(string FileName, string Yaml, string? Summary = null);

/// <summary>
/// Reads the <c>[HevLayer.Manifests.GeneratedManifest(file, yaml, summary)]</c> attributes that the
/// generator puts on workload classes, with <see cref="System.Reflection.Metadata"/>: the assembly is never
/// loaded.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every embedded manifest from the assembly at <paramref name="assemblyPath"/>, in metadata order.</summary>
    public static IReadOnlyList<EmbeddedManifest> Read(string assemblyPath) => Read(File.ReadAllBytes(assemblyPath), assemblyPath);

    /// <summary>Reads every embedded manifest from an assembly image, in metadata order of the classes.</summary>
    public static IReadOnlyList<EmbeddedManifest> Read(byte[] image, string displayName)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.", displayName);
        }

        var md = pe.GetMetadataReader();
        var result = new List<EmbeddedManifest>();
        foreach (var type in md.TypeDefinitions)
        {
            foreach (var handle in md.GetTypeDefinition(type).GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                if (!IsGeneratedManifestAttribute(md, attribute.Constructor))
                {
                    continue;
                }

                var blob = md.GetBlobReader(attribute.Value);
                if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
                {
                    continue;
                }

                var file = blob.ReadSerializedString();
                var yaml = blob.ReadSerializedString();
                var summary = blob.ReadSerializedString();
                if (file is not null && yaml is not null)
                {
                    result.Add(new EmbeddedManifest(file, yaml, summary));
                }
            }
        }

        return result;
    }

    private static bool IsGeneratedManifestAttribute(MetadataReader md, EntityHandle constructor)
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
                return false;
        }

        return type.Kind switch
        {
            HandleKind.TypeReference => Is(md, md.GetTypeReference((TypeReferenceHandle)type).Namespace, md.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Is(md, md.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, md.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => false,
        };
    }

    private static bool Is(MetadataReader md, StringHandle ns, StringHandle name) =>
        md.StringComparer.Equals(ns, "HevLayer.Manifests") && md.StringComparer.Equals(name, "GeneratedManifestAttribute");
}

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
/// Reads the <c>[assembly: AssemblyMetadata("HevLayer.Manifest:&lt;file&gt;", "&lt;yaml&gt;")]</c> attributes
/// that the generator emits, with <see cref="System.Reflection.Metadata"/>: the assembly is never loaded.
/// </summary>
public static class ManifestReader
{
    /// <summary>The key prefix the generator uses.</summary>
    public const string MetadataPrefix = "HevLayer.Manifest:";

    /// <summary>The key prefix of the summary lines.</summary>
    public const string SummaryPrefix = "HevLayer.Summary:";

    /// <summary>Reads every embedded manifest from the assembly at <paramref name="assemblyPath"/>, in metadata order.</summary>
    public static IReadOnlyList<EmbeddedManifest> Read(string assemblyPath) => Read(File.ReadAllBytes(assemblyPath), assemblyPath);

    /// <summary>Reads every embedded manifest from an assembly image, in metadata order.</summary>
    public static IReadOnlyList<EmbeddedManifest> Read(byte[] image, string displayName)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.", displayName);
        }

        var md = pe.GetMetadataReader();
        var result = new List<EmbeddedManifest>();
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(md, attribute.Constructor))
            {
                continue;
            }

            var blob = md.GetBlobReader(attribute.Value);
            if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
            {
                continue;
            }

            var key = blob.ReadSerializedString();
            var value = blob.ReadSerializedString();
            if (key is not null && key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && value is not null)
            {
                result.Add(new EmbeddedManifest(key.Substring(MetadataPrefix.Length), value));
            }
            else if (key is not null && key.StartsWith(SummaryPrefix, StringComparison.Ordinal) && value is not null)
            {
                summaries[key.Substring(SummaryPrefix.Length)] = value;
            }
        }

        return result.ConvertAll(m => summaries.TryGetValue(m.FileName, out var summary) ? m with { Summary = summary } : m);
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader md, EntityHandle constructor)
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
        md.StringComparer.Equals(ns, "System.Reflection") && md.StringComparer.Equals(name, "AssemblyMetadataAttribute");
}

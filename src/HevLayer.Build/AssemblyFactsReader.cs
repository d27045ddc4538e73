using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;

namespace HevLayer.Build;

/// <summary>One workload found in a compiled assembly: its manifest file name and YAML, rendered from its facts.</summary>
/// <param name="FileName">The file the manifest goes to, inside the manifests folder.</param>
/// <param name="Yaml">The manifest, rendered by <see cref="ManifestWriter"/>.</param>
/// <param name="Workload">The workload the facts describe (for the build summary).</param>
public sealed record RenderedManifest(string FileName, string Yaml, WorkloadModel Workload)
{
    /// <summary>The manifest of <paramref name="workload"/>, named and rendered by the one <see cref="ManifestWriter"/> (the build task and <c>hevlayer watch</c> both make theirs here).</summary>
    public static RenderedManifest Of(WorkloadModel workload) => new(ManifestWriter.FileName(workload), ManifestWriter.Write(workload), workload);
}

/// <summary>
/// Reads the <c>[GeneratedWorkload]</c> facts the generator put on each workload class, with
/// System.Reflection.Metadata (the assembly is never loaded), and renders each manifest with the policy
/// core's one <see cref="ManifestWriter"/>. The attribute's blob (ECMA-335 II.23.3) holds one string, the
/// packed facts that <see cref="WorkloadFacts.Unpack"/> reads.
/// </summary>
public static class AssemblyFactsReader
{
    /// <summary>Reads every manifest of the assembly at <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<RenderedManifest> Read(string assemblyPath) => Read(File.ReadAllBytes(assemblyPath), assemblyPath);

    /// <summary>Reads every manifest of an assembly image.</summary>
    /// <exception cref="BadImageFormatException">The image is not a .NET assembly, or a facts blob is malformed.</exception>
    public static IReadOnlyList<RenderedManifest> Read(byte[] image, string displayName)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.", displayName);
        }

        var md = pe.GetMetadataReader();
        var result = new List<RenderedManifest>();
        foreach (var type in md.TypeDefinitions)
        {
            foreach (var handle in md.GetTypeDefinition(type).GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                if (!IsGeneratedWorkloadAttribute(md, attribute.Constructor))
                {
                    continue;
                }

                var blob = md.GetBlobReader(attribute.Value);
                WorkloadModel workload;
                try
                {
                    var facts = Decode(ref blob);
                    facts.SourceType = HostedSourceType(ref blob) ?? TypeName(md, md.GetTypeDefinition(type));
                    workload = facts.ToModel();
                }
                catch (Exception e) when (e is BadImageFormatException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
                {
                    throw new BadImageFormatException("A [GeneratedWorkload] attribute is malformed: " + e.Message + " Rebuild with the same HevLayer.Generators version as the build task.", displayName, e);
                }

                // A library that does not host its workloads leaves its image to the application that does
                // (format 3, HostDefaults.Image): that application writes the manifest, this build none.
                if (string.IsNullOrEmpty(workload.Worker.Image))
                {
                    continue;
                }

                result.Add(RenderedManifest.Of(workload));
            }
        }

        return result;
    }

    /// <summary>Decodes the one fixed argument: the packed facts.</summary>
    private static WorkloadFacts Decode(ref BlobReader blob)
    {
        if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
        {
            throw new BadImageFormatException("The attribute blob has no prolog.");
        }

        return WorkloadFacts.Unpack(blob.ReadSerializedString() ?? throw new BadImageFormatException("The facts are null."));
    }

    /// <summary>
    /// The named argument <c>SourceType</c>, when the attribute has one: the library class of a workload the
    /// application hosts, whose facts sit on a holder class of the application's own.
    /// </summary>
    private static string? HostedSourceType(ref BlobReader blob)
    {
        if (blob.RemainingBytes < 2)
        {
            return null;
        }

        string? sourceType = null;
        var count = blob.ReadUInt16();
        for (var i = 0; i < count; i++)
        {
            var kind = blob.ReadByte();
            var type = blob.ReadSerializationTypeCode();
            var name = blob.ReadSerializedString();
            if (kind != 0x54 || type != SerializationTypeCode.String)
            {
                throw new BadImageFormatException("The attribute carries a named argument it does not have.");
            }

            var value = blob.ReadSerializedString();
            if (name == "SourceType")
            {
                sourceType = value;
            }
        }

        return string.IsNullOrEmpty(sourceType) ? null : sourceType;
    }

    /// <summary>The C# name of a type definition as the generator writes it: namespace, containing types and name, dot-separated.</summary>
    private static string TypeName(MetadataReader md, TypeDefinition type)
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

    private static bool IsGeneratedWorkloadAttribute(MetadataReader md, EntityHandle constructor)
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
        md.StringComparer.Equals(ns, "HevLayer.Manifests") && md.StringComparer.Equals(name, "GeneratedWorkloadAttribute");
}

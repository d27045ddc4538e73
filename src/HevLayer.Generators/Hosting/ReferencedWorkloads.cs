using System;
using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using HevLayer.Metadata;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;

namespace HevLayer.Generators.Hosting;

/// <summary>One workload a referenced assembly declares: its facts as the library's generator packed them.</summary>
/// <param name="Assembly">The referenced assembly's simple name.</param>
/// <param name="SourceType">The declaring class, dotted (namespace, containing types, name).</param>
/// <param name="Packed">The facts, as the library's generator packed them (an empty image when the library left it to its host).</param>
internal readonly record struct ReferencedWorkload(string Assembly, string SourceType, string Packed);

/// <summary>
/// Reads the workloads of a referenced assembly from its metadata (<c>[GeneratedWorkload]</c> on each
/// workload class, the same facts the build task reads), with the metadata reader the compiler already holds
/// for the reference: no file I/O, no symbol binding. An assembly that does not reference
/// HevLayer.Abstractions is skipped after one look at its assembly references, so the framework costs
/// nothing. The workloads an application hosts from its own references (the holder
/// <c>HevLayer.Generated.HevLayerHostedWorkloads</c>) are not read back: only each assembly's own count.
/// </summary>
internal static class ReferencedWorkloads
{
    /// <summary>The namespace of the generated holder and registry.</summary>
    public const string GeneratedNamespace = "HevLayer.Generated";

    /// <summary>The holder class of the workloads an application hosts from its references.</summary>
    public const string HolderName = "HevLayerHostedWorkloads";

    // The analyzer asks on every compilation; a reference object lives as long as the project's references do not change.
    private static readonly ConditionalWeakTable<MetadataReference, Box> Cache = new();

    /// <summary>The workloads <paramref name="reference"/> declares, in metadata order; empty for anything that is not a readable assembly with workloads.</summary>
    public static EquatableArray<ReferencedWorkload> Read(MetadataReference reference) =>
        Cache.GetValue(reference, static r => new Box(ReadUncached(r))).Workloads;

    private static EquatableArray<ReferencedWorkload> ReadUncached(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference pe)
        {
            return EquatableArray<ReferencedWorkload>.Empty;
        }

        try
        {
            if (pe.GetMetadata() is not AssemblyMetadata assembly)
            {
                return EquatableArray<ReferencedWorkload>.Empty;
            }

            var result = new List<ReferencedWorkload>();
            foreach (var module in assembly.GetModules())
            {
                Read(module.GetMetadataReader(), result);
            }

            return new EquatableArray<ReferencedWorkload>(result.ToArray());
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or System.IO.IOException or ArgumentException)
        {
            // Not an assembly the compiler can read either: it reports that itself.
            return EquatableArray<ReferencedWorkload>.Empty;
        }
    }

    private static void Read(MetadataReader md, List<ReferencedWorkload> result)
    {
        if (!md.IsAssembly || !ReferencesAbstractions(md))
        {
            return;
        }

        var assemblyName = md.GetString(md.GetAssemblyDefinition().Name);
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            foreach (var attributeHandle in type.GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(attributeHandle);
                if (GeneratedMetadata.Which(md, attribute.Constructor) != GeneratedAttribute.Workload || IsInHolder(md, type))
                {
                    continue;
                }

                var blob = md.GetBlobReader(attribute.Value);
                if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
                {
                    continue;
                }

                if (blob.ReadSerializedString() is { Length: > 0 } packed)
                {
                    result.Add(new ReferencedWorkload(assemblyName, GeneratedMetadata.TypeName(md, type), packed));
                }
            }
        }
    }

    private static bool ReferencesAbstractions(MetadataReader md)
    {
        foreach (var handle in md.AssemblyReferences)
        {
            if (md.StringComparer.Equals(md.GetAssemblyReference(handle).Name, "HevLayer.Abstractions"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInHolder(MetadataReader md, TypeDefinition type)
    {
        var declaring = type.GetDeclaringType();
        if (declaring.IsNil)
        {
            return false;
        }

        var outer = md.GetTypeDefinition(declaring);
        return md.StringComparer.Equals(outer.Name, HolderName) && md.StringComparer.Equals(outer.Namespace, GeneratedNamespace);
    }

    private sealed class Box
    {
        public Box(EquatableArray<ReferencedWorkload> workloads) => Workloads = workloads;

        public EquatableArray<ReferencedWorkload> Workloads { get; }
    }
}

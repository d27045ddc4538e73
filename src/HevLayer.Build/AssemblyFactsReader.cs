using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HevLayer.Metadata;
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
    public static IReadOnlyList<RenderedManifest> Read(byte[] image, string displayName) => ReadFacts(image, displayName).Shared();

    /// <summary>Reads the facts of every workload of an assembly image, with the environments the assembly records.</summary>
    /// <exception cref="BadImageFormatException">The image is not a .NET assembly, or a facts blob is malformed.</exception>
    public static AssemblyFacts ReadFacts(byte[] image, string displayName)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("The file has no .NET metadata.", displayName);
        }

        var md = pe.GetMetadataReader();
        var workloads = new List<TypeFacts>();
        foreach (var type in md.TypeDefinitions)
        {
            WorkloadFacts? shared = null;
            Dictionary<string, WorkloadFacts>? environments = null;
            string? sourceType = null;
            foreach (var handle in md.GetTypeDefinition(type).GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                var which = GeneratedMetadata.Which(md, attribute.Constructor);
                if (which == GeneratedAttribute.None)
                {
                    continue;
                }

                var blob = md.GetBlobReader(attribute.Value);
                try
                {
                    sourceType ??= GeneratedMetadata.TypeName(md, md.GetTypeDefinition(type));
                    if (which == GeneratedAttribute.Workload)
                    {
                        shared = Decode(ref blob);

                        // A workload an application hosts from a library names the library's class, not the holder it sits on.
                        sourceType = HostedSourceType(ref blob) ?? sourceType;
                        shared.SourceType = sourceType;
                    }
                    else
                    {
                        var (environment, facts) = DecodeEnvironment(ref blob);
                        facts.SourceType = sourceType;
                        (environments ??= new Dictionary<string, WorkloadFacts>(StringComparer.Ordinal))[environment] = facts;
                    }
                }
                catch (Exception e) when (e is BadImageFormatException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
                {
                    throw new BadImageFormatException("A [GeneratedWorkload] attribute is malformed: " + e.Message + " Rebuild with the same HevLayer.Generators version as the build task.", displayName, e);
                }
            }

            if (shared is not null)
            {
                workloads.Add(new TypeFacts(shared, environments));
            }
        }

        return new AssemblyFacts(workloads, DeploymentEnvironments.Parse(EnvironmentTable(md)));
    }

    /// <summary>The table of <c>[assembly: GeneratedEnvironments]</c>, or null when the project declares no environments.</summary>
    private static string? EnvironmentTable(MetadataReader md)
    {
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (GeneratedMetadata.Which(md, attribute.Constructor) == GeneratedAttribute.Environments)
            {
                var blob = md.GetBlobReader(attribute.Value);
                if (blob.Length >= 2 && blob.ReadUInt16() == 0x0001)
                {
                    return blob.ReadSerializedString();
                }
            }
        }

        return null;
    }

    private static (string Environment, WorkloadFacts Facts) DecodeEnvironment(ref BlobReader blob)
    {
        if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
        {
            throw new BadImageFormatException("The attribute blob has no prolog.");
        }

        var environment = blob.ReadSerializedString() ?? throw new BadImageFormatException("The environment is null.");
        return (environment, WorkloadFacts.Unpack(blob.ReadSerializedString() ?? throw new BadImageFormatException("The facts are null.")));
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
}

/// <summary>One workload class's facts: shared, and in each environment it overrides.</summary>
/// <param name="Shared">The facts of <c>[GeneratedWorkload]</c>.</param>
/// <param name="Environments">The facts of each <c>[GeneratedEnvironment]</c>, by environment; null when there is none.</param>
public sealed record TypeFacts(WorkloadFacts Shared, IReadOnlyDictionary<string, WorkloadFacts>? Environments)
{
    /// <summary>The facts in <paramref name="environment"/>: the class's own there, else the shared ones with the environment's namespace and image for the project's.</summary>
    public WorkloadFacts In(DeploymentEnvironment environment)
    {
        if (Environments is not null && Environments.TryGetValue(environment.Name, out var own))
        {
            return own;
        }

        var facts = Shared.InEnvironment(environment.Namespace, environment.Image);
        facts.SourceType = Shared.SourceType;
        return facts;
    }

    /// <summary>True when the workload is in <paramref name="environment"/> exactly what it is shared: no facts of its own there, and none of the environment's namespace and image applies to it.</summary>
    public bool SameAsShared(DeploymentEnvironment environment)
    {
        if (Environments is not null && Environments.ContainsKey(environment.Name))
        {
            return false;
        }

        var defaulted = Shared.Number(FactSlot.Defaulted);
        return ((defaulted & WorkloadFacts.DefaultedNamespace) == 0 || string.IsNullOrEmpty(environment.Namespace))
            && ((defaulted & WorkloadFacts.DefaultedImage) == 0 || string.IsNullOrEmpty(environment.Image));
    }
}

/// <summary>What an assembly carries for the build: every workload's facts and the environments its project declares.</summary>
/// <param name="Workloads">The workload classes, in metadata order.</param>
/// <param name="Environments">The environments, in declaration order; empty when the project declares none.</param>
public sealed record AssemblyFacts(IReadOnlyList<TypeFacts> Workloads, EquatableArray<DeploymentEnvironment> Environments)
{
    /// <summary>The manifests of a project without environments (or the shared ones of a project with).</summary>
    public IReadOnlyList<RenderedManifest> Shared()
    {
        var result = new List<RenderedManifest>(Workloads.Count);
        foreach (var workload in Workloads)
        {
            // A library that does not host its workloads leaves a missing image to the application that does
            // (README, "Several projects"): that application writes the manifest, this build none.
            if (workload.Shared.Text(FactSlot.Image).Length > 0)
            {
                result.Add(RenderedManifest.Of(workload.Shared.ToModel()));
            }
        }

        return result;
    }

    /// <summary>
    /// The manifests of <paramref name="environment"/>. A workload that is the same there as shared (most of them)
    /// is rendered once for all environments, not once per environment.
    /// </summary>
    public IReadOnlyList<RenderedManifest> In(DeploymentEnvironment environment)
    {
        var result = new List<RenderedManifest>(Workloads.Count);
        for (var i = 0; i < Workloads.Count; i++)
        {
            var workload = Workloads[i];
            if (workload.SameAsShared(environment))
            {
                if (workload.Shared.Text(FactSlot.Image).Length > 0)
                {
                    result.Add(rendered[i] ??= RenderedManifest.Of(workload.Shared.ToModel()));
                }

                continue;
            }

            var facts = workload.In(environment);
            if (facts.Text(FactSlot.Image).Length > 0)
            {
                result.Add(RenderedManifest.Of(facts.ToModel()));
            }
        }

        return result;
    }

    private readonly RenderedManifest?[] rendered = new RenderedManifest?[Workloads.Count];
}

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
        using var stored = ReadStored(image, displayName);
        var workloads = new List<TypeFacts>(stored.Workloads.Count);
        foreach (var workload in stored.Workloads)
        {
            workloads.Add(workload.Facts);
        }

        return new AssemblyFacts(workloads, stored.Environments);
    }

    /// <summary>
    /// Every workload class of an assembly image with its facts as stored, decoded only when asked, and the
    /// environments the assembly records: the build task decodes and renders only the workloads whose facts
    /// changed since its last write (<see cref="ManifestState"/>).
    /// </summary>
    /// <exception cref="BadImageFormatException">The image is not a .NET assembly, or an environment's attribute is malformed.</exception>
    public static StoredAssembly ReadStored(byte[] image, string displayName)
    {
        var pe = new PEReader(ImmutableArray.Create(image));
        try
        {
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException("The file has no .NET metadata.", displayName);
            }

            var md = pe.GetMetadataReader();
            var workloads = new List<StoredWorkload>();
            foreach (var type in md.TypeDefinitions)
            {
                BlobHandle? shared = null;
                Dictionary<string, BlobHandle>? environments = null;
                foreach (var handle in md.GetTypeDefinition(type).GetCustomAttributes())
                {
                    var attribute = md.GetCustomAttribute(handle);
                    var which = GeneratedMetadata.Which(md, attribute.Constructor);
                    if (which == GeneratedAttribute.Workload)
                    {
                        shared = attribute.Value;
                    }
                    else if (which == GeneratedAttribute.Environment)
                    {
                        // Only the environment's name is read now: it says which folder the facts are for.
                        var blob = md.GetBlobReader(attribute.Value);
                        try
                        {
                            if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
                            {
                                throw new BadImageFormatException("The attribute blob has no prolog.");
                            }

                            var environment = blob.ReadSerializedString() ?? throw new BadImageFormatException("The environment is null.");
                            (environments ??= new Dictionary<string, BlobHandle>(StringComparer.Ordinal))[environment] = attribute.Value;
                        }
                        catch (Exception e) when (e is BadImageFormatException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
                        {
                            throw Malformed(e, displayName);
                        }
                    }
                }

                if (shared is { } sharedBlob)
                {
                    workloads.Add(new StoredWorkload(md, GeneratedMetadata.TypeName(md, md.GetTypeDefinition(type)), sharedBlob, environments, displayName));
                }
            }

            return new StoredAssembly(pe, workloads, DeploymentEnvironments.Parse(EnvironmentTable(md)));
        }
        catch
        {
            pe.Dispose();
            throw;
        }
    }

    /// <summary>A facts blob that cannot be read, as the build reports it.</summary>
    internal static BadImageFormatException Malformed(Exception e, string displayName) =>
        new("A [GeneratedWorkload] attribute is malformed: " + e.Message + " Rebuild with the same HevLayer.Generators version as the build task.", displayName, e);

    /// <summary>Decodes one workload class's facts: shared, and in each environment it overrides.</summary>
    internal static TypeFacts Decode(MetadataReader md, string typeName, BlobHandle shared, IReadOnlyDictionary<string, BlobHandle>? environments, string displayName)
    {
        try
        {
            var blob = md.GetBlobReader(shared);
            var facts = Decode(ref blob);

            // A workload an application hosts from a library names the library's class, not the holder it sits on.
            var sourceType = HostedSourceType(ref blob) ?? typeName;
            facts.SourceType = sourceType;
            Dictionary<string, WorkloadFacts>? own = null;
            if (environments is not null)
            {
                own = new Dictionary<string, WorkloadFacts>(StringComparer.Ordinal);
                foreach (var environment in environments)
                {
                    var reader = md.GetBlobReader(environment.Value);
                    var (_, environmentFacts) = DecodeEnvironment(ref reader);
                    environmentFacts.SourceType = sourceType;
                    own[environment.Key] = environmentFacts;
                }
            }

            return new TypeFacts(facts, own);
        }
        catch (Exception e) when (e is BadImageFormatException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            throw Malformed(e, displayName);
        }
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

    /// <summary>
    /// The manifest of the workload in <paramref name="environment"/> (null: the project's own folder), or null when it
    /// has none there: a library leaves a workload whose image it does not set to the application that hosts it
    /// (README, "Several projects"), which writes the manifest; that library's build writes none. A workload that is
    /// the same there as shared (most of them) is rendered once into <paramref name="shared"/>, for every environment.
    /// </summary>
    public RenderedManifest? Render(DeploymentEnvironment? environment, ref RenderedManifest? shared)
    {
        if (environment is null || SameAsShared(environment))
        {
            return Shared.Text(FactSlot.Image).Length == 0 ? null : shared ??= RenderedManifest.Of(Shared.ToModel());
        }

        var facts = In(environment);
        return facts.Text(FactSlot.Image).Length == 0 ? null : RenderedManifest.Of(facts.ToModel());
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
    public IReadOnlyList<RenderedManifest> Shared() => Manifests(null);

    /// <summary>
    /// The manifests of <paramref name="environment"/>. A workload that is the same there as shared (most of them)
    /// is rendered once for all environments, not once per environment.
    /// </summary>
    public IReadOnlyList<RenderedManifest> In(DeploymentEnvironment environment) => Manifests(environment);

    private IReadOnlyList<RenderedManifest> Manifests(DeploymentEnvironment? environment)
    {
        var result = new List<RenderedManifest>(Workloads.Count);
        for (var i = 0; i < Workloads.Count; i++)
        {
            if (Workloads[i].Render(environment, ref rendered[i]) is { } manifest)
            {
                result.Add(manifest);
            }
        }

        return result;
    }

    private readonly RenderedManifest?[] rendered = new RenderedManifest?[Workloads.Count];
}

/// <summary>
/// An assembly's workloads as stored (<see cref="AssemblyFactsReader.ReadStored"/>): each decoded only when asked.
/// Holds the image's metadata until disposed.
/// </summary>
public sealed class StoredAssembly : IDisposable
{
    private readonly PEReader pe;

    internal StoredAssembly(PEReader pe, IReadOnlyList<StoredWorkload> workloads, EquatableArray<DeploymentEnvironment> environments)
    {
        this.pe = pe;
        Workloads = workloads;
        Environments = environments;
    }

    /// <summary>The workload classes, in metadata order.</summary>
    public IReadOnlyList<StoredWorkload> Workloads { get; }

    /// <summary>The environments the project declares, in declaration order; empty when it declares none.</summary>
    public EquatableArray<DeploymentEnvironment> Environments { get; }

    /// <inheritdoc />
    public void Dispose() => pe.Dispose();
}

/// <summary>One workload class of a compiled assembly: its type and its attributes' blobs, decoded and rendered only when asked.</summary>
public sealed class StoredWorkload
{
    private readonly MetadataReader md;
    private readonly BlobHandle shared;
    private readonly IReadOnlyDictionary<string, BlobHandle>? environments;
    private readonly string displayName;
    private byte[]? sharedBytes;
    private TypeFacts? facts;
    private RenderedManifest? sharedManifest;

    internal StoredWorkload(MetadataReader md, string typeName, BlobHandle shared, IReadOnlyDictionary<string, BlobHandle>? environments, string displayName)
    {
        this.md = md;
        TypeName = typeName;
        this.shared = shared;
        this.environments = environments;
        this.displayName = displayName;
    }

    /// <summary>The C# name of the class the facts are on (for a hosted workload, the application's holder class).</summary>
    public string TypeName { get; }

    /// <summary>The decoded facts.</summary>
    /// <exception cref="BadImageFormatException">The facts are malformed.</exception>
    public TypeFacts Facts => facts ??= AssemblyFactsReader.Decode(md, TypeName, shared, environments, displayName);

    /// <summary>
    /// The hash of everything the workload's manifest in a folder is made of (<see cref="ManifestState.Hash"/>):
    /// the folder's <paramref name="context"/>, the type, the shared facts' blob and the class's own blob for
    /// <paramref name="environment"/>.
    /// </summary>
    public string Hash(byte[] context, DeploymentEnvironment? environment)
    {
        sharedBytes ??= md.GetBlobBytes(shared);
        var own = environment is not null && environments is not null && environments.TryGetValue(environment.Name, out var handle) ? md.GetBlobBytes(handle) : null;
        return ManifestState.Hash(context, TypeName, sharedBytes, own);
    }

    /// <summary>The manifest in <paramref name="environment"/> (null: the project's own folder), or null when the workload has none there (<see cref="TypeFacts.Render"/>).</summary>
    /// <exception cref="BadImageFormatException">The facts are malformed.</exception>
    public RenderedManifest? Render(DeploymentEnvironment? environment) => Facts.Render(environment, ref sharedManifest);
}

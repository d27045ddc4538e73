using System.Linq;
using HevLayer.Generators.Emit;
using HevLayer.Generators.Hosting;
using HevLayer.Generators.Model;
using HevLayer.Generators.Parsing;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators;

/// <summary>
/// Turns classes carrying <c>[Pipeline]</c> or <c>[Function]</c> into manifests. The pipeline only:
/// parsing lives in <see cref="WorkloadParser"/>, rendering in <see cref="SourceEmitter"/> and
/// <see cref="ManifestWriter"/>. It reports no diagnostics: what it cannot emit, it skips, and the
/// analyzers say why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class WorkloadGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var pipelines = Declarations(context, AttributeNames.Pipeline, WorkloadKind.Pipeline, TrackingNames.Pipelines);
        var functions = Declarations(context, AttributeNames.Function, WorkloadKind.Function, TrackingNames.Functions);

        var buildProperties = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => BuildProperties.ReadDefaults(options.GlobalOptions))
            .WithTrackingName(TrackingNames.BuildProperties);

        var assemblyDefaults = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Defaults,
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, _) => ctx.Attributes.IsDefaultOrEmpty ? ProjectDefaults.None : WorkloadParser.ReadDefaults(ctx.Attributes[0]))
            .Collect()
            .Select(static (all, _) => all.IsDefaultOrEmpty ? ProjectDefaults.None : all[0])
            .WithTrackingName(TrackingNames.AssemblyDefaults);

        var defaults = buildProperties
            .Combine(assemblyDefaults)
            .Select(static (pair, _) => ProjectDefaults.Merge(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Defaults);

        // Whether this project hosts its workloads (an application) or leaves image and namespace defaults to the
        // application that references it (a library): HevLayerHostsWorkloads, which the targets set.
        var hosts = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => BuildProperties.ReadHostsWorkloads(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Hosting);
        var resolveWith = defaults.Combine(hosts);

        var resolvedPipelines = Resolve(pipelines, resolveWith);
        var resolvedFunctions = Resolve(functions, resolveWith);
        var hosted = Hosted(context, resolveWith);
        context.RegisterSourceOutput(hosted, static (spc, workloads) =>
        {
            if (HostedEmitter.Holder(workloads) is { } source)
            {
                spc.AddSource("HevLayer.Generated.HevLayerHostedWorkloads.g.cs", source);
            }
        });

        // The code goes into a fixed number of files, not one per workload: Roslyn's cost of carrying N
        // generated files grows with N squared on every run (see SourceShards). An edit re-renders one shard.
        var all = resolvedPipelines.Collect().Combine(resolvedFunctions.Collect());
        var shards = all
            .SelectMany(static (pair, _) => SourceShards.Group(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Shards);
        context.RegisterSourceOutput(shards, static (spc, shard) =>
        {
            if (shard.Workloads.Count > 0)
            {
                spc.AddSource(SourceShards.HintName(shard.Index), SourceEmitter.Shard(shard));
            }
        });

        // The registry depends only on which classes are emitted: their names go through their own node, so
        // an edit that changes a manifest but not the set of names leaves the Collect cached and the sort unrun.
        // An application's registry also lists what it hosts from its references, by the library class's name.
        var registry = EmittedNames(resolvedPipelines).Collect()
            .Combine(EmittedNames(resolvedFunctions).Collect())
            .Combine(hosted)
            .Select(static (pair, _) => new EquatableArray<RegistryEntry>(
                pair.Left.Left.Concat(pair.Left.Right)
                    .Where(static entry => entry is not null)
                    .Select(static entry => entry!.Value)
                    .Concat(pair.Right.Select(static (w, i) => w.Packed is null ? (RegistryEntry?)null : HostedEmitter.Entry(w, i)).Where(static e => e is not null).Select(static e => e!.Value))
                    .OrderBy(static entry => entry.TypeName, System.StringComparer.Ordinal)
                    .ToArray()))
            .WithTrackingName(TrackingNames.RegistryEntries);

        // C# 7.3 (netstandard2.0's default) has no '#nullable'; the parse options change only with the project.
        var nullableDirective = context.ParseOptionsProvider
            .Select(static (options, _) => options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp8 });

        context.RegisterSourceOutput(registry.Combine(nullableDirective), static (spc, pair) =>
            spc.AddSource("HevLayer.Generated.HevLayerWorkloads.g.cs", SourceEmitter.Registry(pair.Left, pair.Right)));
    }

    /// <summary>
    /// The parsed classes; null for one the parser could not read (the analyzers report it). Nulls flow on
    /// to the steps that skip them (Resolve, the shards, the registry names) rather than through a filter node.
    /// </summary>
    private static IncrementalValuesProvider<WorkloadDeclaration?> Declarations(
        IncrementalGeneratorInitializationContext context, string attribute, WorkloadKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                (ctx, ct) => WorkloadParser.Parse(ctx, kind, ct))
            .WithTrackingName(trackingName);

    private static IncrementalValuesProvider<ResolvedWorkload?> Resolve(
        IncrementalValuesProvider<WorkloadDeclaration?> declarations, IncrementalValueProvider<(ProjectDefaults Defaults, bool Hosts)> defaults) =>
        declarations
            .Combine(defaults)
            .Select(static (pair, _) => pair.Left is null ? null : Resolve(pair.Left, pair.Right.Defaults, pair.Right.Hosts))
            .WithTrackingName(TrackingNames.Resolved);

    /// <summary>
    /// The workloads an application hosts from its references. The metadata of a reference is read once, when the
    /// references change (MetadataReferencesProvider), not on every edit; a library hosts nothing.
    /// </summary>
    private static IncrementalValueProvider<EquatableArray<HostedWorkload>> Hosted(
        IncrementalGeneratorInitializationContext context, IncrementalValueProvider<(ProjectDefaults Defaults, bool Hosts)> defaults) =>
        context.MetadataReferencesProvider
            .Select(static (reference, _) => ReferencedWorkloads.Read(reference))
            .WithTrackingName(TrackingNames.ReferencedWorkloads)
            .Collect()
            .Combine(defaults)
            .Select(static (pair, _) => pair.Right.Hosts
                ? HostedWorkloads.Resolve(pair.Left.SelectMany(static r => r), pair.Right.Defaults)
                : EquatableArray<HostedWorkload>.Empty)
            .WithTrackingName(TrackingNames.Hosted);

    private static IncrementalValuesProvider<RegistryEntry?> EmittedNames(IncrementalValuesProvider<ResolvedWorkload?> resolved) =>
        resolved
            .Select(static (r, _) => r is { IsEmitted: true } ? SourceEmitter.Entry(r) : (RegistryEntry?)null)
            .WithTrackingName(TrackingNames.EmittedNames);

    /// <summary>Applies the defaults and renders the manifest, when the workload can be emitted at all.</summary>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectDefaults defaults, bool hosts = true)
    {
        var workload = declaration.Workload.WithDefaults(defaults);
        var left = hosts ? HostDefaults.None : LeftToHost(declaration.Workload);
        var emit = declaration.Type.Shape.IsExtensible && WorkloadFacts.CanEmitForHost(workload, left);
        var shard = SourceShards.Of(declaration.Type.FullyQualifiedName);
        return emit
            ? new ResolvedWorkload(declaration.Type, workload, ManifestWriter.FileName(workload), shard, left)
            : new ResolvedWorkload(declaration.Type, workload, null, shard, left);
    }

    /// <summary>What a library's workload did not set itself, and so leaves to the application that hosts it.</summary>
    private static HostDefaults LeftToHost(WorkloadModel declared) =>
        (string.IsNullOrEmpty(declared.Worker.Image) ? HostDefaults.Image : HostDefaults.None)
        | (string.IsNullOrEmpty(declared.Namespace) ? HostDefaults.Namespace : HostDefaults.None);
}

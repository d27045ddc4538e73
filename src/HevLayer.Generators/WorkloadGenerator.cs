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
/// <summary>The project-wide settings every workload is resolved with: the defaults and the declared environments.</summary>
/// <param name="Defaults">The project's defaults.</param>
/// <param name="Environments">The environments the project declares, in declaration order.</param>
internal sealed record ProjectSettings(ProjectDefaults Defaults, EquatableArray<DeploymentEnvironment> Environments);

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

        var environments = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => BuildProperties.ReadEnvironments(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Environments);

        var defaults = buildProperties
            .Combine(assemblyDefaults)
            .Select(static (pair, _) => ProjectDefaults.Merge(pair.Left, pair.Right))
            .Combine(environments)
            .Select(static (pair, _) => new ProjectSettings(pair.Left, pair.Right))
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

        // Environments: the registry lists them, and the assembly carries each one's namespace and image, which
        // the build task and ManifestFor lay over the workloads that take the project's.
        context.RegisterSourceOutput(registry.Combine(nullableDirective).Combine(environments), static (spc, pair) =>
            spc.AddSource("HevLayer.Generated.HevLayerWorkloads.g.cs", SourceEmitter.Registry(pair.Left.Left, pair.Left.Right, pair.Right)));
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
        IncrementalValuesProvider<WorkloadDeclaration?> declarations, IncrementalValueProvider<(ProjectSettings Settings, bool Hosts)> defaults) =>
        declarations
            .Combine(defaults)
            .Select(static (pair, _) => pair.Left is null ? null : Resolve(pair.Left, pair.Right.Settings, pair.Right.Hosts))
            .WithTrackingName(TrackingNames.Resolved);

    /// <summary>
    /// The workloads an application hosts from its references. The metadata of a reference is read once, when the
    /// references change (MetadataReferencesProvider), not on every edit; a library hosts nothing.
    /// </summary>
    private static IncrementalValueProvider<EquatableArray<HostedWorkload>> Hosted(
        IncrementalGeneratorInitializationContext context, IncrementalValueProvider<(ProjectSettings Settings, bool Hosts)> defaults) =>
        context.MetadataReferencesProvider
            .Select(static (reference, _) => ReferencedWorkloads.Read(reference))
            .WithTrackingName(TrackingNames.ReferencedWorkloads)
            .Collect()
            .Combine(defaults)
            .Select(static (pair, _) => pair.Right.Hosts
                ? HostedWorkloads.Resolve(pair.Left.SelectMany(static r => r), pair.Right.Settings.Defaults)
                : EquatableArray<HostedWorkload>.Empty)
            .WithTrackingName(TrackingNames.Hosted);

    private static IncrementalValuesProvider<RegistryEntry?> EmittedNames(IncrementalValuesProvider<ResolvedWorkload?> resolved) =>
        resolved
            .Select(static (r, _) => r is { IsEmitted: true } ? SourceEmitter.Entry(r) : (RegistryEntry?)null)
            .WithTrackingName(TrackingNames.EmittedNames);

    /// <summary>Applies the defaults and renders the manifest, when the workload can be emitted at all.</summary>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectDefaults defaults) =>
        Resolve(declaration, new ProjectSettings(defaults, EquatableArray<DeploymentEnvironment>.Empty));

    /// <summary>Applies the defaults (and each overridden environment's) and renders the manifest, when the workload can be emitted at all.</summary>
    /// <param name="declaration">The class and its workload.</param>
    /// <param name="settings">The project's defaults and environments.</param>
    /// <param name="hosts">
    /// False in a library that does not host its workloads (HevLayerHostsWorkloads): a workload with no image
    /// anywhere is still emitted, with an empty image that the application hosting the library fills.
    /// </param>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectSettings settings, bool hosts = true)
    {
        var declared = declaration.Workload;
        var workload = declared.WithDefaults(settings.Defaults);
        var imageLeftToHost = !hosts && string.IsNullOrEmpty(workload.Worker.Image);
        var emit = declaration.Type.Shape.IsExtensible && WorkloadFacts.CanEmitForHost(workload, imageLeftToHost);
        var shard = SourceShards.Of(declaration.Type.FullyQualifiedName);
        if (!emit)
        {
            return new ResolvedWorkload(declaration.Type, workload, null, shard);
        }

        var defaulted = (string.IsNullOrEmpty(declared.Namespace) ? WorkloadFacts.DefaultedNamespace : 0)
            | (string.IsNullOrEmpty(declared.Worker.Image) ? WorkloadFacts.DefaultedImage : 0);
        var environments = EquatableArray<EnvironmentOverride>.Empty;
        if (declaration.Overrides.Count > 0 && settings.Environments.Count > 0)
        {
            // Only declared environments: an override that names another is HEVL131, and is not emitted.
            var resolved = new System.Collections.Generic.List<EnvironmentOverride>();
            foreach (var environment in settings.Environments)
            {
                foreach (var o in declaration.Overrides)
                {
                    if (o.Environment == environment.Name && o.Workload.WithDefaults(environment.Defaults(settings.Defaults)) is var inEnvironment && ManifestWriter.CanEmit(inEnvironment))
                    {
                        resolved.Add(new EnvironmentOverride(environment.Name, inEnvironment));
                    }
                }
            }

            environments = new EquatableArray<EnvironmentOverride>(resolved.ToArray());
        }

        return new ResolvedWorkload(declaration.Type, workload, ManifestWriter.FileName(workload), shard, defaulted, environments, settings.Environments.Count > 0, imageLeftToHost);
    }

}

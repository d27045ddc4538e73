using System.Linq;
using HevLayer.Generators.Emit;
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

        var resolvedPipelines = Resolve(pipelines, defaults);
        var resolvedFunctions = Resolve(functions, defaults);

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
        var registry = EmittedNames(resolvedPipelines).Collect()
            .Combine(EmittedNames(resolvedFunctions).Collect())
            .Select(static (pair, _) => new EquatableArray<RegistryEntry>(
                pair.Left.Concat(pair.Right)
                    .Where(static entry => entry is not null)
                    .Select(static entry => entry!.Value)
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
        IncrementalValuesProvider<WorkloadDeclaration?> declarations, IncrementalValueProvider<ProjectSettings> defaults) =>
        declarations
            .Combine(defaults)
            .Select(static (pair, _) => pair.Left is null ? null : Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Resolved);

    private static IncrementalValuesProvider<RegistryEntry?> EmittedNames(IncrementalValuesProvider<ResolvedWorkload?> resolved) =>
        resolved
            .Select(static (r, _) => r is { IsEmitted: true } ? SourceEmitter.Entry(r) : (RegistryEntry?)null)
            .WithTrackingName(TrackingNames.EmittedNames);

    /// <summary>Applies the defaults and renders the manifest, when the workload can be emitted at all.</summary>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectDefaults defaults) =>
        Resolve(declaration, new ProjectSettings(defaults, EquatableArray<DeploymentEnvironment>.Empty));

    /// <summary>Applies the defaults (and each overridden environment's) and renders the manifest, when the workload can be emitted at all.</summary>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectSettings settings)
    {
        var declared = declaration.Workload;
        var workload = declared.WithDefaults(settings.Defaults);
        var emit = declaration.Type.Shape.IsExtensible && ManifestWriter.CanEmit(workload);
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

        return new ResolvedWorkload(declaration.Type, workload, ManifestWriter.FileName(workload), shard, defaulted, environments, settings.Environments.Count > 0);
    }
}

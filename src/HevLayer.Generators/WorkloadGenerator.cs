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
        IncrementalValuesProvider<WorkloadDeclaration?> declarations, IncrementalValueProvider<ProjectDefaults> defaults) =>
        declarations
            .Combine(defaults)
            .Select(static (pair, _) => pair.Left is null ? null : Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Resolved);

    private static IncrementalValuesProvider<RegistryEntry?> EmittedNames(IncrementalValuesProvider<ResolvedWorkload?> resolved) =>
        resolved
            .Select(static (r, _) => r is { IsEmitted: true } ? SourceEmitter.Entry(r) : (RegistryEntry?)null)
            .WithTrackingName(TrackingNames.EmittedNames);

    /// <summary>Applies the defaults and renders the manifest, when the workload can be emitted at all.</summary>
    internal static ResolvedWorkload Resolve(WorkloadDeclaration declaration, ProjectDefaults defaults)
    {
        var workload = declaration.Workload.WithDefaults(defaults);
        var emit = declaration.Type.Shape.IsExtensible && ManifestWriter.CanEmit(workload);
        var shard = SourceShards.Of(declaration.Type.FullyQualifiedName);
        return emit
            ? new ResolvedWorkload(declaration.Type, workload, ManifestWriter.FileName(workload), shard)
            : new ResolvedWorkload(declaration.Type, workload, null, shard);
    }
}

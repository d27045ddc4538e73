using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using HevLayer.Generators.Diagnostics;
using HevLayer.Generators.Parsing;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Declaration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// Checks every Pipeline and Function against the operator's rules and <c>InfraRules/default</c>, and
/// squiggles the attribute argument at fault. A thin adapter: <see cref="WorkloadParser"/> reads the
/// attributes (the same parser the generator uses), <see cref="WorkloadRules"/> decides.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkloadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ReportedBy(RuleReporter.WorkloadAnalyzer, RuleReporter.AssemblyFactsReader);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var pipeline = start.Compilation.GetTypeByMetadataName(AttributeNames.Pipeline);
            var function = start.Compilation.GetTypeByMetadataName(AttributeNames.Function);
            if (pipeline is null && function is null)
            {
                return;
            }

            var (infraRules, files, _) = InfraRulesFiles.Load(start.Options, start.CancellationToken);
            var defaults = ReadDefaults(start.Compilation, start.Options);
            var environments = EnvironmentChecks.Load(start.Options, defaults, start.CancellationToken);
            var declared = new ConcurrentBag<(string Key, string Kind, string Namespace, string Name, string Type, Location Location, bool Hosted)>();

            // An application also deploys the workloads of the assemblies it references (HostedWorkloadChecks).
            var global = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var hosts = BuildProperties.ReadHostsWorkloads(global);
            var project = HostedWorkloadChecks.ProjectFile(BuildProperties.ReadProjectPath(global));
            var hosted = hosts ? HostedWorkloadChecks.Read(start.Compilation, defaults) : EquatableArray<Hosting.HostedWorkload>.Empty;
            foreach (var workload in hosted)
            {
                declared.Add((workload.Kind + "/" + workload.Namespace + "/" + workload.Name, workload.Kind, workload.Namespace, workload.Name, workload.Describe, project, true));
            }

            // Hand-written manifests (HevLayerManifest): checked with the same rules, and counted for duplicates.
            var manifests = ManifestFiles.Load(start.Options, start.CancellationToken);
            foreach (var (_, stream) in manifests)
            {
                foreach (var document in stream.Workloads)
                {
                    var workload = document.Declared;
                    var ns = string.IsNullOrEmpty(workload.Namespace) ? ProjectDefaults.FallbackNamespace : workload.Namespace!;
                    if (KubernetesNames.IsDnsLabel(workload.Name) && KubernetesNames.IsDnsLabel(ns))
                    {
                        var kindName = workload.Kind == WorkloadKind.Function ? "Function" : "Pipeline";
                        var at = document.Locate(WorkloadTarget.Name);
                        var key = kindName + "/" + ns + "/" + workload.Name;
                        var where = System.IO.Path.GetFileName(at.Path) + "(" + at.StartLine + "," + at.StartColumn + ")";
                        if (!environments.Declared)
                        {
                            declared.Add((key, kindName, ns, workload.Name, where, DiagnosticFactory.InFile(at, at.Path), false));
                        }

                        // A hand-written manifest is deployed in every environment, so it is counted in each.
                        foreach (var environment in environments.Selected)
                        {
                            declared.Add((environment.Environment.Name + "\n" + key, kindName, ns, workload.Name, where, DiagnosticFactory.InFile(at, at.Path), false));
                        }
                    }
                }
            }

            if (manifests.Count > 0)
            {
                start.RegisterAdditionalFileAction(fileContext =>
                {
                    foreach (var (file, stream) in manifests)
                    {
                        if (!ReferenceEquals(file, fileContext.AdditionalFile) && file.Path != fileContext.AdditionalFile.Path)
                        {
                            continue;
                        }

                        foreach (var finding in stream.Findings)
                        {
                            fileContext.ReportDiagnostic(DiagnosticFactory.Create(finding, DiagnosticFactory.InFile(finding.Span!, file.Path)));
                        }

                        foreach (var document in stream.Workloads)
                        {
                            if (environments.Declared)
                            {
                                // Hand-written manifests are deployed to every environment: checked against each one's InfraRules.
                                var found = new List<(Finding Finding, Location Location, string Environment)>();
                                foreach (var environment in environments.Selected)
                                {
                                    foreach (var finding in Policy.Manifests.ManifestCheck.Check(document, environment.InfraRules, environment.InfraRulesNamed))
                                    {
                                        found.Add((finding.Finding, DiagnosticFactory.InFile(finding.Span, file.Path), environment.Environment.Name));
                                    }
                                }

                                environments.Report(found, fileContext.ReportDiagnostic);
                                continue;
                            }

                            foreach (var finding in Policy.Manifests.ManifestCheck.Check(document, infraRules, files.Count > 0))
                            {
                                fileContext.ReportDiagnostic(DiagnosticFactory.Create(finding.Finding, DiagnosticFactory.InFile(finding.Span, file.Path)));
                            }
                        }
                    }
                });
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    try
                    {
                        AnalyzeType(symbolContext, pipeline, function, defaults, infraRules, files.Count > 0, !hosts, environments, declared);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Never AD0001: a failure to understand the input is a located diagnostic.
                        var symbol = symbolContext.Symbol;
                        symbolContext.ReportDiagnostic(DiagnosticFactory.Internal(symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None, symbol.ToDisplayString(), e));
                    }
                },
                SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var diagnostic in HostedWorkloadChecks.MissingImages(hosted, project))
                {
                    end.ReportDiagnostic(diagnostic);
                }

                if (declared.IsEmpty)
                {
                    return;
                }

                var duplicates = new List<(Finding Finding, Location Location, string Environment)>();
                foreach (var group in declared.GroupBy(d => d.Key).Where(g => g.Count() > 1))
                {
                    var all = group.OrderBy(d => d.Type, StringComparer.Ordinal).ToList();
                    var environment = group.Key.IndexOf('\n') is var cut and >= 0 ? group.Key.Substring(0, cut) : null;
                    if (environment is null)
                    {
                        // Without environments, the application's own declarations and those it hosts from its references.
                        foreach (var diagnostic in HostedWorkloadChecks.Duplicates(all.Select(d => (d.Kind, d.Namespace, d.Name, d.Type, d.Location, d.Hosted)).ToList(), project))
                        {
                            end.ReportDiagnostic(diagnostic);
                        }

                        continue;
                    }

                    foreach (var item in all)
                    {
                        var otherType = all.First(o => o.Type != item.Type || !ReferenceEquals(o.Location, item.Location)).Type;
                        var finding = CrossWorkloadRules.DuplicateWorkload.At(
                            WorkloadTarget.Workload, ("kind", item.Kind), ("name", item.Name), ("namespace", item.Namespace), ("type", item.Type), ("other", otherType));
                        duplicates.Add((finding, item.Location, environment));
                    }
                }

                environments.Report(duplicates, end.ReportDiagnostic);
            });
        });
    }

    private static void AnalyzeType(
        SymbolAnalysisContext context,
        INamedTypeSymbol? pipeline,
        INamedTypeSymbol? function,
        ProjectDefaults defaults,
        InfraRulesModel? infraRules,
        bool infraRulesNamed,
        bool leavesImageToHost,
        EnvironmentChecks environments,
        ConcurrentBag<(string, string, string, string, string, Location, bool)> declared)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? workloadAttribute = null, otherAttribute = null;
        List<AttributeData>? parts = null;
        var kind = WorkloadKind.Pipeline;
        foreach (var attribute in type.GetAttributes())
        {
            var isPipeline = pipeline is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, pipeline);
            var isFunction = function is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, function);
            if (isPipeline || isFunction)
            {
                if (workloadAttribute is null)
                {
                    workloadAttribute = attribute;
                    kind = isFunction ? WorkloadKind.Function : WorkloadKind.Pipeline;
                }
                else
                {
                    otherAttribute = attribute;
                }
            }
            else if (attribute.AttributeClass is { } attributeClass
                && AttributeNames.IsInNamespace(attributeClass)
                && Array.IndexOf(AttributeDoesNotApply.WorkloadParts, ShortName(attributeClass.Name)) >= 0)
            {
                (parts ??= new List<AttributeData>()).Add(attribute);
            }
        }

        if (workloadAttribute is null)
        {
            // Workload attributes on a class that is no workload would be dropped without a word.
            foreach (var part in parts ?? Enumerable.Empty<AttributeData>())
            {
                var name = ShortName(part.AttributeClass!.Name);
                var finding = AttributeDoesNotApply.Instance.WithoutWorkload(name, type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
                var location = part.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? (type.Locations.Length > 0 ? type.Locations[0] : Location.None);
                context.ReportDiagnostic(DiagnosticFactory.Create(finding, location));
            }

            return;
        }

        var declaration = WorkloadParser.ReadDeclaration(type, workloadAttribute, kind, context.CancellationToken);
        var typeSpec = declaration.Type;
        var kindName = kind == WorkloadKind.Function ? "Function" : "Pipeline";
        var workloadLocation = workloadAttribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations[0];
        environments.CheckOverrides(type, parts, context.ReportDiagnostic, context.CancellationToken);

        if (!environments.Declared)
        {
            var model = declaration.Workload;
            var findings = RuleCatalog.Check(new WorkloadContext(model, typeSpec.Shape, defaults, infraRules, infraRulesNamed, LeavesImageToHost: leavesImageToHost));
            if (findings.Count > 0)
            {
                // Arguments are located only for a finding: a clean workload never walks its attribute syntax.
                var locator = new ArgumentLocator(type, workloadAttribute, otherAttribute, context.CancellationToken);
                foreach (var finding in findings)
                {
                    context.ReportDiagnostic(DiagnosticFactory.Create(finding, locator.Locate(finding)));
                }
            }

            var resolved = model.WithDefaults(defaults);
            if (KubernetesNames.IsDnsLabel(resolved.Name) && KubernetesNames.IsDnsLabel(resolved.Namespace))
            {
                declared.Add((kindName + "/" + resolved.Namespace + "/" + resolved.Name, kindName, resolved.Namespace!, resolved.Name, typeSpec.Shape.TypeName, workloadLocation, false));
            }

            return;
        }

        // Every rule in every selected environment, against that environment's InfraRules, located at the argument
        // that supplies the value there: the environment's override when it sets one, else the shared attribute.
        var found = new List<(Finding Finding, Location Location, string Environment)>();
        foreach (var environment in environments.Selected)
        {
            var name = environment.Environment.Name;
            var model = declaration.In(name);
            var environmentDefaults = environment.Environment.Defaults(defaults);
            var locator = new ArgumentLocator(type, workloadAttribute, otherAttribute, context.CancellationToken, name);
            foreach (var finding in RuleCatalog.Check(new WorkloadContext(model, typeSpec.Shape, environmentDefaults, environment.InfraRules, environment.InfraRulesNamed, environment.Hint, leavesImageToHost)))
            {
                found.Add((finding, locator.Locate(finding), name));
            }

            var resolved = model.WithDefaults(environmentDefaults);
            if (KubernetesNames.IsDnsLabel(resolved.Name) && KubernetesNames.IsDnsLabel(resolved.Namespace))
            {
                declared.Add((name + "\n" + kindName + "/" + resolved.Namespace + "/" + resolved.Name, kindName, resolved.Namespace!, resolved.Name, typeSpec.Shape.TypeName, workloadLocation, false));
            }
        }

        environments.Report(found, context.ReportDiagnostic);
    }

    private static string ShortName(string attributeClassName) =>
        attributeClassName.EndsWith("Attribute", StringComparison.Ordinal) ? attributeClassName.Substring(0, attributeClassName.Length - "Attribute".Length) : attributeClassName;

    private static ProjectDefaults ReadDefaults(Compilation compilation, AnalyzerOptions options)
    {
        var msbuild = BuildProperties.ReadDefaults(options.AnalyzerConfigOptionsProvider.GlobalOptions);

        var assembly = ProjectDefaults.None;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (AttributeNames.Is(attribute, "HevLayerDefaultsAttribute"))
            {
                assembly = WorkloadParser.ReadDefaults(attribute);
                break;
            }
        }

        return ProjectDefaults.Merge(msbuild, assembly);
    }
}

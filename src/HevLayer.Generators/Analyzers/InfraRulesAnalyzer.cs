using System.Collections.Immutable;
using HevLayer.Generators.Diagnostics;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// Reports what is wrong in the InfraRules files themselves (syntax, schema, the operator's rules), at
/// their line and column: <c>infrarules.yaml(12,7): error HEVL208: ...</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InfraRulesAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ReportedBy(RuleReporter.InfraRulesAnalyzer);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var (_, projectFiles, projectCrossFile) = InfraRulesFiles.Load(start.Options, start.CancellationToken);
            var files = new System.Collections.Generic.List<(AdditionalText File, Policy.InfraRules.InfraRulesFile Read)>(projectFiles);
            var crossFile = new System.Collections.Generic.List<Policy.Rules.Finding>(projectCrossFile);

            // Each environment's InfraRules is a document of its own: checked and located like the project's.
            foreach (var file in InfraRulesFiles.SelectEnvironmentFiles(start.Options))
            {
                var read = InfraRulesFiles.Read(file, start.CancellationToken);
                files.Add((file, read));
                crossFile.AddRange(Policy.InfraRules.InfraRulesSources.Combine(new[] { read }, _ => InfraRulesFiles.Describe(start.Options, file)).CrossFileFindings);
            }

            if (files.Count == 0)
            {
                return;
            }

            start.RegisterAdditionalFileAction(fileContext =>
            {
                foreach (var (file, read) in files)
                {
                    if (!ReferenceEquals(file, fileContext.AdditionalFile) && file.Path != fileContext.AdditionalFile.Path)
                    {
                        continue;
                    }

                    foreach (var finding in read.Findings)
                    {
                        fileContext.ReportDiagnostic(DiagnosticFactory.Create(finding, DiagnosticFactory.InFile(finding.Span!, file.Path)));
                    }

                    foreach (var finding in crossFile)
                    {
                        if (finding.Span is { } span && span.Path == file.Path)
                        {
                            fileContext.ReportDiagnostic(DiagnosticFactory.Create(finding, DiagnosticFactory.InFile(span, file.Path)));
                        }
                    }
                }
            });
        });
    }
}

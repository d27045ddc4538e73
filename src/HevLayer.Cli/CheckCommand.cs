using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using HevLayer.Build;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Rules;

namespace HevLayer.Cli;

/// <summary><c>hevlayer check</c>: the workload and InfraRules rules over hand-written manifests.</summary>
internal static class CheckCommand
{
    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, folders (searched recursively for *.yaml and *.yml), or - for standard input (kubectl kustomize ... | hevlayer check -).",
            Arity = ArgumentArity.OneOrMore,
        };
        var infraRules = new Option<string[]>("--infrarules")
        {
            Description = "InfraRules file(s) to check pools and replica ceilings against. Without it (and without --cluster), InfraRules documents among the inputs are used.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cluster = new Option<bool>("--cluster") { Description = "Read InfraRules/default from the cluster of the current kubeconfig context (KUBECONFIG, ~/.kube/config, or in-cluster)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use with --cluster." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the cluster with --cluster.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "Output: text (compiler format: file(line,col): error ID: message), sarif (SARIF 2.1.0) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "sarif", "json");
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (info notes stay notes), as HevLayerStrict does in the build." };
        var environment = new Option<string?>("--environment") { Description = "Check against this environment's InfraRules (a <HevLayerEnvironment> item of --project: its InfraRules file, or its cluster with InfraRulesSource=\"cluster\"); findings say \"in NAME: \" as the analyzers do. With --infrarules or --cluster instead of --project, it only names the findings." };
        var project = new Option<string?>("--project") { Description = "The project file (or a folder holding one) whose <HevLayerEnvironment> items --environment names." };

        var command = new Command("check", "Check Pipeline and Function manifests (hevlayer.com/v1alpha1) with the same rules, ids and messages as the HevLayer analyzers. Other kinds are skipped. Exit code: 0 clean, 1 findings at error level, 2 usage or IO problems.")
        {
            paths, infraRules, cluster, context, timeout, format, strict, environment, project,
        };

        command.SetAction(parsed =>
        {
            var files = parsed.GetValue(infraRules) ?? Array.Empty<string>();
            if (files.Length > 0 && parsed.GetValue(cluster))
            {
                stderr.WriteLine("hevlayer: give --infrarules or --cluster, not both");
                return Program.UsageOrIo;
            }

            var name = parsed.GetValue(environment);
            var projectPath = parsed.GetValue(project);
            var fromCluster = parsed.GetValue(cluster);
            var kubeContext = parsed.GetValue(context);
            if (projectPath is not null && name is null)
            {
                stderr.WriteLine("hevlayer: --project needs --environment NAME: the environment whose InfraRules to check against");
                return Program.UsageOrIo;
            }

            if (name is not null && projectPath is null && files.Length == 0 && !fromCluster)
            {
                stderr.WriteLine($"hevlayer: --environment {name} needs --project PATH (the project whose <HevLayerEnvironment> items declare it), or --infrarules FILE or --cluster");
                return Program.UsageOrIo;
            }

            if (name is not null && projectPath is null && !Policy.Model.KubernetesNames.IsDnsLabel(name))
            {
                stderr.WriteLine($"hevlayer: '{name}' is not an environment name: a DNS label (lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit), as <HevLayerEnvironment Include=\"...\"> requires");
                return Program.UsageOrIo;
            }

            if (name is not null && projectPath is not null)
            {
                // The environment's own InfraRules, as the build checks it: its file, or its cluster's through its context.
                IReadOnlyList<EnvironmentItem> declared;
                string projectFile;
                try
                {
                    (projectFile, declared) = ProjectEnvironments.Load(projectPath);
                }
                catch (Watch.ProjectLoadException e)
                {
                    stderr.WriteLine("hevlayer: " + e.Message);
                    return Program.UsageOrIo;
                }

                if (ProjectEnvironments.Find(declared, name, projectFile, stderr) is not { } item)
                {
                    return Program.UsageOrIo;
                }

                if (files.Length == 0 && !fromCluster)
                {
                    if (item.FromCluster)
                    {
                        fromCluster = true;
                        kubeContext ??= item.KubeContext;
                    }
                    else if (item.InfraRules is { } path)
                    {
                        files = new[] { path };
                    }
                    else
                    {
                        stderr.WriteLine($"hevlayer: the environment '{name}' of {Inputs.Display(projectFile)} names no InfraRules (the build reports HEVL312): add InfraRules=\"infra/{name}.yaml\", or give --infrarules FILE");
                        return Program.UsageOrIo;
                    }
                }
            }

            if (kubeContext is not null && !fromCluster)
            {
                stderr.WriteLine("hevlayer: --context needs --cluster");
                return Program.UsageOrIo;
            }

            var inputs = Inputs.Read(parsed.GetValue(paths)!, stdin);
            var source = InfraRulesSource.Explicit;
            IReadOnlyList<InputText> infraRulesInputs;
            if (files.Length > 0)
            {
                infraRulesInputs = Inputs.Read(files, stdin);
            }
            else if (fromCluster)
            {
                try
                {
                    var snapshot = ClusterInfraRules.Fetch(kubeContext, TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(timeout))));
                    infraRulesInputs = new[] { new InputText(snapshot.Source, snapshot.Yaml) };
                    source = InfraRulesSource.Cluster;
                }
                catch (ClusterFetchException e)
                {
                    stderr.WriteLine($"hevlayer: error {e.Code}: {e.Message}");
                    return Program.UsageOrIo;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var failure = ClusterInfraRules.Unexpected(e);
                    stderr.WriteLine($"hevlayer: error {failure.Code}: {failure.Message}");
                    return Program.UsageOrIo;
                }
            }
            else
            {
                infraRulesInputs = Array.Empty<InputText>();
                source = InfraRulesSource.Inputs;
            }

            var result = Run(inputs, infraRulesInputs, source, name);
            var report = parsed.GetValue(format) switch
            {
                "sarif" => Reports.Sarif(result.Findings, parsed.GetValue(strict)),
                "json" => Reports.Json(result, parsed.GetValue(strict)),
                _ => Reports.Text(result.Findings, parsed.GetValue(strict)),
            };
            stdout.Write(report);
            stderr.WriteLine(Reports.Summary(result, parsed.GetValue(strict)));
            return result.Findings.Any(f => Reports.Level(f.Rule, parsed.GetValue(strict)) == RuleSeverity.Error) ? Program.Findings : Program.Clean;
        });

        return command;
    }

    /// <summary>Where the InfraRules to check against come from.</summary>
    internal enum InfraRulesSource
    {
        /// <summary>--infrarules files.</summary>
        Explicit,

        /// <summary>--cluster.</summary>
        Cluster,

        /// <summary>InfraRules documents among the inputs, if any.</summary>
        Inputs,
    }

    /// <summary>What a check found.</summary>
    internal sealed record CheckResult(IReadOnlyList<ManifestFinding> Findings, int Files, int Workloads, string? InfraRulesSource, string? Environment = null);

    /// <summary>Reads and checks <paramref name="inputs"/> against the InfraRules in <paramref name="infraRulesInputs"/> (or among the inputs).</summary>
    /// <param name="environment">The environment these InfraRules are: the workloads' findings name it (<c>in dev: </c>); the InfraRules files' own findings do not, as in the build.</param>
    internal static CheckResult Run(IReadOnlyList<InputText> inputs, IReadOnlyList<InputText> infraRulesInputs, InfraRulesSource source, string? environment = null)
    {
        var streams = inputs.Select(i => WorkloadManifestReader.Read(i.Path, i.Text)).ToList();
        var findings = new List<ManifestFinding>();

        // Every InfraRules document among the inputs is checked with the InfraRules rules, whatever the source.
        var inputInfraRules = inputs.Zip(streams, (input, stream) => (input, stream))
            .Where(p => p.stream.HasInfraRules)
            .Select(p => InfraRulesReader.Read(p.input.Path, p.input.Text))
            .ToList();
        var named = source == InfraRulesSource.Inputs ? inputInfraRules : infraRulesInputs.Select(i => InfraRulesReader.Read(i.Path, i.Text)).ToList();
        var describe = source == InfraRulesSource.Cluster ? new Func<InfraRulesFile, string>(f => f.Path) : null;
        var (model, crossFile) = InfraRulesSources.Combine(named, describe);

        var infraRulesFiles = source == InfraRulesSource.Inputs ? inputInfraRules : inputInfraRules.Concat(named);
        foreach (var file in infraRulesFiles)
        {
            findings.AddRange(file.Findings.Select(f => new ManifestFinding(f, f.Span ?? Policy.Rules.SourceSpan.FileStart(file.Path), null)));
        }

        findings.AddRange(crossFile.Select(f => new ManifestFinding(f, f.Span!, null)));
        var workloadFindings = ManifestCheck.Check(streams, model, infraRulesNamed: named.Count > 0, "give --infrarules FILE or --cluster, or include the InfraRules document in the input");
        findings.AddRange(environment is null ? workloadFindings : workloadFindings.Select(f => f with { Finding = f.Finding.With(Reports.EnvironmentProperty, environment) }));
        var ordered = ManifestCheck.Ordered(findings.Distinct());
        return new CheckResult(ordered, inputs.Count, streams.Sum(s => s.Workloads.Count), model?.Source, environment);
    }
}

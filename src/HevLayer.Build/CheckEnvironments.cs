using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Yaml;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace HevLayer.Build;

/// <summary>
/// MSBuild task: checks the project's <c>&lt;HevLayerEnvironment&gt;</c> items before compile, and the
/// <c>HevLayerEnvironments</c> selection. Each problem is an error located at the item in the project file.
/// </summary>
public sealed class CheckEnvironments : Task
{
    /// <summary>The <c>HevLayerEnvironment</c> items, as the project declares them.</summary>
    public ITaskItem[] Environments { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>HevLayerEnvironments</c>.</summary>
    public string Selection { get; set; } = string.Empty;

    /// <summary>The project file, where the errors are located.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The project's folder, which relative InfraRules paths start from.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Environments)
        {
            var name = item.ItemSpec;
            seen[name] = seen.TryGetValue(name, out var n) ? n + 1 : 1;
            var at = ProjectItems.Locate(ProjectPath, "HevLayerEnvironment", name, seen[name] - 1);
            if (!KubernetesNames.IsDnsLabel(name))
            {
                Error(BuildRules.InvalidEnvironmentName, at, $"The environment '{name}' is not a DNS label: it names its manifests folder and is what Environment = \"...\" says in attributes, so it is lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit (for example dev, staging, prod-eu).");
                continue;
            }

            if (seen[name] > 1)
            {
                Error(BuildRules.RepeatedEnvironment, at, $"The environment '{name}' is declared more than once; the first declaration counts. Declare each environment once, with its InfraRules, Namespace and Image.");
                continue;
            }

            var source = item.GetMetadata("InfraRulesSource");
            var infraRules = item.GetMetadata("InfraRules");
            if (source.Length > 0 && source != "file" && source != "cluster")
            {
                Error(BuildRules.UnknownEnvironmentSource, at, $"The environment '{name}' has InfraRulesSource=\"{source}\"; use 'file' (the default, with InfraRules=\"path\") or 'cluster' (with KubeContext=\"...\").");
            }
            else if (source != "cluster" && infraRules.Trim().Length == 0)
            {
                Error(BuildRules.EnvironmentWithoutInfraRules, at, $"The environment '{name}' names no InfraRules, so its workloads cannot be checked against its cluster: add InfraRules=\"infra/{name}.yaml\" (the cluster's InfraRules/default, saved with kubectl get infrarules default -o yaml), or InfraRulesSource=\"cluster\" KubeContext=\"...\" to read it from the cluster.");
            }
            else if (source != "cluster" && !File.Exists(Path.Combine(ProjectDirectory, infraRules)))
            {
                Error(BuildRules.EnvironmentInfraRulesMissing, at, $"The InfraRules file '{infraRules}' of the environment '{name}' does not exist (looked for {Path.GetFullPath(Path.Combine(ProjectDirectory, infraRules))}).");
            }
        }

        foreach (var selected in DeploymentEnvironments.Names(Selection))
        {
            if (!seen.ContainsKey(selected))
            {
                var declared = seen.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
                var closest = DidYouMean.Closest(selected, declared);
                var known = declared.Count == 0 ? "the project declares no environment (<HevLayerEnvironment Include=\"...\" /> items)" : "the project declares " + string.Join(", ", declared);
                Error(BuildRules.UnknownSelectedEnvironment, ProjectItems.LocateProperty(ProjectPath, DeploymentEnvironments.SelectionProperty), $"HevLayerEnvironments names '{selected}', which is not an environment of this project: {known}." + (closest is null ? string.Empty : $" Did you mean '{closest}'?"));
            }
        }

        return !Log.HasLoggedErrors;
    }

    private void Error(ReportedRule rule, (int Line, int Column) at, string message) =>
        Log.LogError(null, rule.Id, null, string.IsNullOrEmpty(ProjectPath) ? BuildEngine?.ProjectFileOfTaskNode : ProjectPath, at.Line, at.Column, 0, 0, message);
}

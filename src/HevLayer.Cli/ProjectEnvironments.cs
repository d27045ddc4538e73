using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HevLayer.Cli.Watch;
using HevLayer.Policy.Yaml;

namespace HevLayer.Cli;

/// <summary>One <c>&lt;HevLayerEnvironment&gt;</c> item of a project file, as MSBuild evaluates it.</summary>
/// <param name="Name">The item's Include: the environment's name.</param>
/// <param name="InfraRules">The full path of its InfraRules file (metadata <c>InfraRules</c>, relative to the project), or null.</param>
/// <param name="FromCluster">True for <c>InfraRulesSource="cluster"</c>: its InfraRules is read from <see cref="KubeContext"/>.</param>
/// <param name="KubeContext">Metadata <c>KubeContext</c>: the kubeconfig context of the environment's cluster, or null for the current one.</param>
/// <param name="Namespace">Metadata <c>Namespace</c>, or null.</param>
/// <param name="Image">Metadata <c>Image</c>, or null.</param>
internal sealed record EnvironmentItem(string Name, string? InfraRules, bool FromCluster, string? KubeContext, string? Namespace, string? Image);

/// <summary>
/// The environments a project declares, read the way the build reads them: <c>dotnet msbuild P -getItem:HevLayerEnvironment</c>
/// evaluates the project (imports, conditions and properties included) without building it.
/// </summary>
internal static class ProjectEnvironments
{
    /// <summary>The item type.</summary>
    public const string ItemType = "HevLayerEnvironment";

    /// <summary>The project file of <paramref name="path"/> (a file, or a folder with one project) and its environments, in declaration order, each name once (the first counts, as in the build).</summary>
    /// <exception cref="ProjectLoadException">The project cannot be found or evaluated.</exception>
    public static (string ProjectFile, IReadOnlyList<EnvironmentItem> Environments) Load(string? path, params string[] properties)
    {
        var file = ProjectInputs.FindProjectFile(path);
        var args = new List<string> { "msbuild", file, "-nologo", "-nodeReuse:false", "-getItem:" + ItemType, "-getProperty:MSBuildProjectDirectory" };
        args.AddRange(properties.Select(p => "-getProperty:" + p));
        var (code, output, error) = DotnetProcess.Run(args.ToArray());
        if (code != 0)
        {
            throw new ProjectLoadException($"MSBuild could not evaluate {file}:\n  " + (output + error).Trim());
        }

        try
        {
            using var json = JsonDocument.Parse(output);
            var directory = json.RootElement.GetProperty("Properties").GetProperty("MSBuildProjectDirectory").GetString() ?? Path.GetDirectoryName(file)!;
            var result = new List<EnvironmentItem>();
            if (json.RootElement.TryGetProperty("Items", out var items) && items.TryGetProperty(ItemType, out var list))
            {
                foreach (var item in list.EnumerateArray())
                {
                    var name = Metadata(item, "Identity") ?? string.Empty;
                    if (name.Length == 0 || result.Any(e => e.Name == name))
                    {
                        continue;
                    }

                    var infraRules = Metadata(item, "InfraRules");
                    result.Add(new EnvironmentItem(
                        name,
                        infraRules is null ? null : Path.GetFullPath(Path.Combine(directory, infraRules.Replace('\\', Path.DirectorySeparatorChar))),
                        string.Equals(Metadata(item, "InfraRulesSource"), "cluster", StringComparison.OrdinalIgnoreCase),
                        Metadata(item, "KubeContext"),
                        Metadata(item, "Namespace"),
                        Metadata(item, "Image")));
                }
            }

            return (file, result);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ProjectLoadException($"MSBuild's answer for {file} was not the JSON it prints for -getItem: {output.Trim()}");
        }
    }

    /// <summary>The environment named <paramref name="name"/>, or null after saying which ones there are (with a did-you-mean).</summary>
    public static EnvironmentItem? Find(IReadOnlyList<EnvironmentItem> environments, string name, string project, TextWriter stderr)
    {
        if (environments.FirstOrDefault(e => e.Name == name) is { } found)
        {
            return found;
        }

        stderr.WriteLine("hevlayer: " + Unknown(name, environments.Select(e => e.Name).ToList(), Inputs.Display(project)));
        return null;
    }

    /// <summary>The message for an environment <paramref name="name"/> that is not among <paramref name="known"/>, those of project <paramref name="where"/>.</summary>
    public static string Unknown(string name, IReadOnlyList<string> known, string where) =>
        Unknown(name, known, $"{where} declares no environment (<{ItemType} Include=\"...\" /> items)", $"{where} declares ");

    /// <summary>The message for an environment <paramref name="name"/> that is not among <paramref name="known"/>: <paramref name="none"/> when there are none, else <paramref name="some"/> and their names.</summary>
    public static string Unknown(string name, IReadOnlyList<string> known, string none, string some)
    {
        var closest = DidYouMean.Closest(name, known);
        return $"'{name}' is not an environment: {(known.Count == 0 ? none : some + string.Join(", ", known))}." + (closest is null ? string.Empty : $" Did you mean '{closest}'?");
    }

    private static string? Metadata(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}

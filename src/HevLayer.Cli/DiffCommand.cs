using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Collections.Generic;
using System.Text.Json;

namespace HevLayer.Cli;

/// <summary><c>hevlayer diff</c>: what the build's manifests would change in the cluster.</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var manifests = new Option<string?>("--manifests") { Description = "The manifests folder the build writes (HevLayerManifestsDir, by default bin/<config>/<tfm>/manifests)." };
        var project = new Option<string?>("--project") { Description = "Build this project (or the project in this folder) with dotnet build, and diff the manifests it writes." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: the current one)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each call to the API server.", DefaultValueFactory = _ => 15 };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit with 1 when anything differs (a CI drift gate), as kubectl diff does." };
        var environment = new Option<string?>("--environment") { Description = "Diff this environment's folder (<manifests>/NAME/) against its cluster: with --project, the context of its <HevLayerEnvironment> item's KubeContext (else the current one; --context wins), and only this environment is built." };
        var command = new Command("diff", "Compare the manifests the build wrote with the live Pipelines and Functions: new, changed (field by field), unchanged, or in the cluster only (labelled managed-by hevlayer-generators and no longer declared). Flags live workloads that are not Ready and changes the live InfraRules would leave unready. Needs get and list on pipelines and functions in hevlayer.com. Exit code: 0, or 1 with --exit-code when anything differs; 2 for usage, IO or cluster problems.")
        {
            manifests, project, context, timeout, format, exitCode, environment,
        };

        command.SetAction(parsed =>
        {
            var folder = parsed.GetValue(manifests);
            var projectPath = parsed.GetValue(project);
            if ((folder is null) == (projectPath is null))
            {
                stderr.WriteLine("hevlayer: give --manifests DIR (the folder dotnet build writes) or --project PATH, one of them");
                return Program.UsageOrIo;
            }

            var name = parsed.GetValue(environment);
            var kubeContext = parsed.GetValue(context);
            if (projectPath is not null)
            {
                // The environments first (an evaluation, no build): an unknown name is said before a build is spent on it.
                string projectFile;
                IReadOnlyList<EnvironmentItem> declared;
                try
                {
                    (projectFile, declared) = ProjectEnvironments.Load(projectPath);
                }
                catch (Watch.ProjectLoadException e)
                {
                    stderr.WriteLine("hevlayer: " + e.Message);
                    return Program.UsageOrIo;
                }

                if (name is null && declared.Count > 0)
                {
                    stderr.WriteLine($"hevlayer: {Inputs.Display(projectFile)} declares environments ({string.Join(", ", declared.Select(e => e.Name))}), each with its own folder and cluster: give --environment NAME");
                    return Program.UsageOrIo;
                }

                if (name is not null)
                {
                    if (ProjectEnvironments.Find(declared, name, projectFile, stderr) is not { } item)
                    {
                        return Program.UsageOrIo;
                    }

                    kubeContext ??= item.KubeContext;
                }

                folder = BuildProject(projectFile, name, stderr);
                if (folder is null)
                {
                    return Program.UsageOrIo;
                }
            }

            if (name is not null)
            {
                var root = folder!;
                folder = Path.Combine(root, name);
                if (!Policy.Model.KubernetesNames.IsDnsLabel(name) || !Directory.Exists(folder))
                {
                    // The environments this folder has: the subfolders the build wrote (each holds the build's record).
                    var written = Directory.Exists(root)
                        ? Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, HevLayer.Build.ManifestFolder.RecordFileName))).Select(Path.GetFileName).OfType<string>().OrderBy(d => d, StringComparer.Ordinal).ToList()
                        : new List<string>();
                    stderr.WriteLine("hevlayer: " + ProjectEnvironments.Unknown(name, written, $"{Inputs.Display(root)} has no environment folder (the build writes one per <HevLayerEnvironment>)", $"{Inputs.Display(root)} has folders for "));
                    return Program.UsageOrIo;
                }
            }

            if (!Directory.Exists(folder))
            {
                stderr.WriteLine($"hevlayer: '{folder}' is not a folder");
                return Program.UsageOrIo;
            }

            try
            {
                var (diffs, source, note) = LiveDiff.Run(folder, kubeContext, TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(timeout))));
                stdout.Write(parsed.GetValue(format) == "json" ? Json(diffs, source, name) : Text(diffs));
                if (note is not null)
                {
                    stderr.WriteLine("hevlayer: " + note);
                }

                var counts = Enum.GetValues<DiffState>().Select(s => $"{diffs.Count(d => d.State == s)} {Describe(s)}");
                stderr.WriteLine($"hevlayer: {diffs.Count} workload(s){(name is null ? string.Empty : " of " + name)} against {source}: {string.Join(", ", counts)}.");
                return parsed.GetValue(exitCode) && diffs.Any(d => d.State != DiffState.Unchanged) ? Program.Findings : Program.Clean;
            }
            catch (HevLayer.Build.ClusterFetchException e)
            {
                stderr.WriteLine($"hevlayer: error {e.Code}: {e.Message}");
                return Program.UsageOrIo;
            }
        });

        return command;
    }

    /// <summary>Builds the project with <c>dotnet build</c> and returns its manifests folder, or null (after saying why).</summary>
    /// <param name="path">The project file.</param>
    /// <param name="environment">The one environment to build (<c>-p:HevLayerEnvironments</c>), or null.</param>
    /// <param name="stderr">Where to say why not.</param>
    private static string? BuildProject(string path, string? environment, TextWriter stderr)
    {
        var build = environment is null
            ? Dotnet("build", path, "-nologo", "-v:q")
            : Dotnet("build", path, "-nologo", "-v:q", "-p:" + Policy.Model.DeploymentEnvironments.SelectionProperty + "=" + environment);
        if (build.ExitCode != 0)
        {
            stderr.WriteLine("hevlayer: dotnet build failed, so there are no manifests to diff:");
            stderr.WriteLine(build.Output.TrimEnd());
            return null;
        }

        var query = Dotnet("msbuild", path, "-nologo", "-getProperty:HevLayerManifestsDir", "-getProperty:MSBuildProjectDirectory");
        try
        {
            using var json = JsonDocument.Parse(query.Output);
            var properties = json.RootElement.GetProperty("Properties");
            var dir = Watch.ProjectInputs.ManifestsFolder(properties.GetProperty("MSBuildProjectDirectory").GetString()!, properties.GetProperty("HevLayerManifestsDir").GetString() ?? string.Empty);
            if (query.ExitCode != 0 || dir is null)
            {
                stderr.WriteLine($"hevlayer: {path} has no HevLayerManifestsDir (does it reference HevLayer.Generators, with one target framework?)");
                return null;
            }

            return dir;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            stderr.WriteLine($"hevlayer: could not ask MSBuild for the manifests folder of {path}: {query.Output.Trim()}");
            return null;
        }
    }

    private static (int ExitCode, string Output) Dotnet(params string[] args)
    {
        var (code, output, error) = DotnetProcess.Run(args);
        return (code, output + error);
    }

    private static string Describe(DiffState state) => state switch
    {
        DiffState.New => "new",
        DiffState.Changed => "changed",
        DiffState.Unchanged => "unchanged",
        _ => "in the cluster only",
    };

    private static string Text(System.Collections.Generic.IReadOnlyList<WorkloadDiff> diffs)
    {
        var text = new StringBuilder();
        foreach (var diff in diffs)
        {
            text.Append(diff.Kind).Append(' ').Append(diff.Namespace).Append('/').Append(diff.Name).Append(": ").Append(Describe(diff.State)).Append('\n');
            foreach (var change in diff.Changes)
            {
                text.Append("  ").Append(change.Path).Append(": ").Append(change.Old ?? "(none)").Append(" -> ").Append(change.New ?? "(none)").Append('\n');
            }

            if (diff.LiveUnready is { } unready)
            {
                text.Append("  ! not Ready in the cluster: ").Append(unready).Append('\n');
            }

            foreach (var finding in diff.WouldBeUnready)
            {
                text.Append("  ! the live InfraRules would leave it unready: ").Append(finding).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Json(System.Collections.Generic.IReadOnlyList<WorkloadDiff> diffs, string source, string? environment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cluster", source);
            if (environment is not null)
            {
                json.WriteString("environment", environment);
            }

            json.WriteStartArray("workloads");
            foreach (var diff in diffs)
            {
                json.WriteStartObject();
                json.WriteString("kind", diff.Kind);
                json.WriteString("namespace", diff.Namespace);
                json.WriteString("name", diff.Name);
                json.WriteString("state", diff.State switch { DiffState.New => "new", DiffState.Changed => "changed", DiffState.Unchanged => "unchanged", _ => "clusterOnly" });
                json.WriteStartArray("changes");
                foreach (var change in diff.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("path", change.Path);
                    json.WriteString("old", change.Old);
                    json.WriteString("new", change.New);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("notReady", diff.LiveUnready);
                json.WriteStartArray("wouldBeUnready");
                diff.WouldBeUnready.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

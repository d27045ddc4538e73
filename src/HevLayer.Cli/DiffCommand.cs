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
        var command = new Command("diff", "Compare the manifests the build wrote with the live Pipelines and Functions: new, changed (field by field), unchanged, or in the cluster only (labelled managed-by hevlayer-generators and no longer declared). Flags live workloads that are not Ready and changes the live InfraRules would leave unready. Needs get and list on pipelines and functions in hevlayer.com. Exit code: 0, or 1 with --exit-code when anything differs; 2 for usage, IO or cluster problems.")
        {
            manifests, project, context, timeout, format, exitCode,
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

            if (projectPath is not null)
            {
                folder = BuildProject(projectPath, stderr);
                if (folder is null)
                {
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
                var (diffs, source, note) = LiveDiff.Run(folder, parsed.GetValue(context), TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(timeout))));
                stdout.Write(parsed.GetValue(format) == "json" ? Json(diffs, source) : Text(diffs));
                if (note is not null)
                {
                    stderr.WriteLine("hevlayer: " + note);
                }

                var counts = Enum.GetValues<DiffState>().Select(s => $"{diffs.Count(d => d.State == s)} {Describe(s)}");
                stderr.WriteLine($"hevlayer: {diffs.Count} workload(s) against {source}: {string.Join(", ", counts)}.");
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
    private static string? BuildProject(string path, TextWriter stderr)
    {
        var build = Dotnet("build", path, "-nologo", "-v:q");
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

    private static string Json(System.Collections.Generic.IReadOnlyList<WorkloadDiff> diffs, string source)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cluster", source);
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

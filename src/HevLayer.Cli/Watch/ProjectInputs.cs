using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HevLayer.Cli.Watch;

/// <summary>A project could not be loaded; the message says why (MSBuild's own errors included).</summary>
internal sealed class ProjectLoadException : Exception
{
    public ProjectLoadException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// What the compiler gets in a real <c>dotnet build</c> of the project: the exact <c>csc</c> command line
/// (sources, references, analyzers and generators, AdditionalFiles, .editorconfig and the build properties
/// the SDK writes for analyzers, language version, defines, warnings as errors), and the HevLayer
/// properties of the write step. It is read the way Roslyn's MSBuildWorkspace reads it: MSBuild runs the
/// project's own targets up to <c>CoreCompile</c> (restore, project references, the cluster InfraRules
/// fetch, the generated .editorconfig) with <c>SkipCompilerExecution</c> and <c>ProvideCommandLineArgs</c>,
/// so the compiler is not run and nothing is copied to bin/.
/// </summary>
internal sealed record ProjectInputs(
    string ProjectFile,
    string ProjectDirectory,
    string ProjectName,
    string ManifestsDirectory,
    bool EmitManifests,
    string RoslynDirectory,
    IReadOnlyList<string> CompilerArguments)
{
    /// <summary>The HevLayer and MSBuild properties read after the targets ran.</summary>
    private static readonly string[] Properties =
    {
        "MSBuildProjectName", "MSBuildProjectDirectory", "HevLayerManifestsDir", "HevLayerEmitManifests", "RoslynTargetsPath",
    };

    /// <summary>The project file named by <paramref name="path"/>: the file itself, or the one project file in a folder.</summary>
    public static string FindProjectFile(string? path)
    {
        var full = Path.GetFullPath(string.IsNullOrEmpty(path) ? "." : path);
        if (File.Exists(full))
        {
            return full;
        }

        if (!Directory.Exists(full))
        {
            throw new ProjectLoadException($"'{path}' is neither a project file nor a folder.");
        }

        var projects = Directory.GetFiles(full, "*.csproj");
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new ProjectLoadException($"{full} holds no .csproj; give --project the project file."),
            _ => throw new ProjectLoadException($"{full} holds {projects.Length} project files; give --project the one to watch."),
        };
    }

    /// <summary>Runs MSBuild on <paramref name="projectFile"/> and reads the compiler's inputs.</summary>
    /// <param name="projectFile">The project file.</param>
    /// <param name="framework">The target framework of a multi-targeting project (default: its first).</param>
    /// <param name="configuration">The configuration (default: the project's, usually Debug).</param>
    public static ProjectInputs Load(string projectFile, string? framework, string? configuration)
    {
        // No MSBuild node outlives the query: watch leaves no background process behind.
        var common = new List<string> { "msbuild", projectFile, "-nologo", "-nodeReuse:false" };
        if (!string.IsNullOrEmpty(configuration))
        {
            common.Add("-p:Configuration=" + configuration);
        }

        if (string.IsNullOrEmpty(framework))
        {
            // A project with TargetFrameworks has no Compile target of its own; watch its first framework, as `dotnet run` would ask.
            using var evaluated = Query(common.Concat(new[] { "-getProperty:TargetFramework", "-getProperty:TargetFrameworks" }));
            var single = Property(evaluated, "TargetFramework");
            if (string.IsNullOrEmpty(single))
            {
                framework = Property(evaluated, "TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            }
        }

        if (!string.IsNullOrEmpty(framework))
        {
            common.Add("-p:TargetFramework=" + framework);
        }

        var arguments = common.Concat(new[]
        {
            "-restore",
            "-t:Compile",
            "-p:SkipCompilerExecution=true",
            "-p:ProvideCommandLineArgs=true",

            // CoreCompile is skipped when obj/ is up to date; an output that never exists makes it always run (as MSBuildWorkspace does).
            "-p:NonExistentFile=__hevlayer_watch__/__none__",
            "-getItem:CscCommandLineArgs",
        }).Concat(Properties.Select(p => "-getProperty:" + p));

        using var json = Query(arguments);
        var root = json.RootElement;
        var items = root.TryGetProperty("Items", out var i) && i.TryGetProperty("CscCommandLineArgs", out var a) ? a : default;
        if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            throw new ProjectLoadException($"MSBuild gave no compiler command line for {projectFile}. Is it a C# project?");
        }

        var directory = Property(json, "MSBuildProjectDirectory");
        var roslyn = Property(json, "RoslynTargetsPath");
        var manifests = ManifestsFolder(directory, Property(json, "HevLayerManifestsDir"))
            ?? throw new ProjectLoadException($"{projectFile} does not reference HevLayer.Generators (it has no HevLayerManifestsDir); add <PackageReference Include=\"HevLayer.Generators\" />.");

        return new ProjectInputs(
            projectFile,
            directory,
            Property(json, "MSBuildProjectName"),
            manifests,
            !string.Equals(Property(json, "HevLayerEmitManifests"), "false", StringComparison.OrdinalIgnoreCase),
            Path.GetFullPath(Path.Combine(roslyn.Replace('\\', Path.DirectorySeparatorChar), "bincore")),
            items.EnumerateArray().Select(e => e.GetProperty("Identity").GetString() ?? string.Empty).ToList());
    }

    /// <summary>
    /// The full path of the manifests folder from MSBuild's raw <c>HevLayerManifestsDir</c> (relative to the
    /// project, Windows separators possibly kept), as the targets normalize it; null when the property is
    /// empty (the project does not reference HevLayer.Generators).
    /// </summary>
    public static string? ManifestsFolder(string projectDirectory, string raw) =>
        raw.Length == 0 ? null : Path.GetFullPath(Path.Combine(projectDirectory, raw.Replace('\\', Path.DirectorySeparatorChar)));

    private static JsonDocument Query(IEnumerable<string> arguments)
    {
        var (code, output, error) = DotnetProcess.Run(arguments.ToArray());
        if (code != 0)
        {
            // MSBuild prints its errors on standard output; keep only the error lines.
            var errors = (output + "\n" + error).Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("MSBUILD : error", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
            throw new ProjectLoadException("MSBuild could not prepare the compile:\n  " + string.Join("\n  ", errors.Count > 0 ? errors : new List<string> { (output + error).Trim() }));
        }

        try
        {
            return JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            throw new ProjectLoadException("MSBuild's answer was not the JSON it prints for -getProperty: " + output.Trim());
        }
    }

    private static string Property(JsonDocument json, string name) =>
        json.RootElement.TryGetProperty("Properties", out var properties) && properties.TryGetProperty(name, out var value) ? value.GetString() ?? string.Empty : string.Empty;
}

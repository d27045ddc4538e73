using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Build;
using HevLayer.Generators.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// The manifests task with its state in obj/ (issue 23): an edit build renders only the workloads whose facts
/// changed, and still restores what someone changed in the folder; a state it cannot trust changes nothing
/// but the time taken. With environments, each environment's folder has its own state, and an environment's
/// namespace or image, the project's image and a hosted workload's library all reach it. The oracle is the
/// same task without a state: the bytes it writes into a fresh folder.
/// </summary>
public sealed class ManifestStateTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-state-" + Guid.NewGuid().ToString("N"));

    public ManifestStateTests()
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "infrarules.yaml"), "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: default\nspec:\n  computePools:\n    - name: cpu\n      kind: cpu\n      maxReplicasPerWorkload: 20\n");
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string Manifests => Path.Combine(root, "manifests");

    private string Obj => Path.Combine(root, "obj");

    [Fact]
    public void An_edit_rewrites_the_one_changed_manifest_and_a_no_op_build_touches_nothing_not_even_the_state()
    {
        var first = Run(Assembly(a: 3));
        Assert.Contains("3 manifest(s), 4 file(s) changed", first.Log, StringComparison.Ordinal);
        var state = Directory.GetFiles(Obj, "*.state").Single();

        var edit = Run(Assembly(a: 5));
        Assert.Contains("3 manifest(s), 1 file(s) changed", edit.Log, StringComparison.Ordinal);
        Assert.Contains("max: 5\n", File.ReadAllText(Path.Combine(Manifests, "pipeline.team.a.yaml")), StringComparison.Ordinal);

        var before = Snapshot(Manifests).Append(new KeyValuePair<string, (byte[], DateTime)>(state, (File.ReadAllBytes(state), File.GetLastWriteTimeUtc(state)))).ToList();
        var noop = Run(Assembly(a: 5));
        Assert.Contains("3 manifest(s), 0 file(s) changed", noop.Log, StringComparison.Ordinal);
        var after = Snapshot(Manifests).Append(new KeyValuePair<string, (byte[], DateTime)>(state, (File.ReadAllBytes(state), File.GetLastWriteTimeUtc(state)))).ToList();
        Assert.Equal(before.Select(Describe), after.Select(Describe));
    }

    [Fact]
    public void A_manifest_edited_by_hand_is_restored_even_when_the_edit_keeps_its_length()
    {
        var assembly = Assembly(a: 3);
        Run(assembly);
        var path = Path.Combine(Manifests, "pipeline.team.a.yaml");
        var original = File.ReadAllBytes(path);
        var text = File.ReadAllText(path);
        var edited = text.Replace(": 3\n", ": 9\n", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        Assert.Equal(text.Length, edited.Length);
        File.WriteAllText(path, edited);

        var result = Run(assembly);

        Assert.Contains("1 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_deleted_manifest_is_restored()
    {
        var assembly = Assembly(a: 3);
        Run(assembly);
        var path = Path.Combine(Manifests, "function.team.b.yaml");
        var original = File.ReadAllBytes(path);
        File.Delete(path);

        var result = Run(assembly);

        Assert.Contains("1 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_removed_workloads_manifest_is_removed_and_the_others_stay_unread()
    {
        Run(Assembly(a: 3));

        var result = Run(Assembly(a: 3, withC: false));

        Assert.Contains("2 manifest(s), 1 file(s) changed, 1 removed", result.Log, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Manifests, "pipeline.team.c.yaml")));
        Assert.DoesNotContain("pipeline.team.c.yaml", File.ReadAllText(Path.Combine(Manifests, "kustomization.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("pipeline.team.c.yaml", File.ReadAllText(Directory.GetFiles(Obj, "*.state").Single()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_is_trusted_for_a_file_with_the_recorded_length_and_time_so_unchanged_workloads_are_not_read()
    {
        // How the task knows an untouched file without reading it: its length and last write time. A file
        // given other bytes of the same length and then the recorded time back is, by design, not read.
        var assembly = Assembly(a: 3);
        Run(assembly);
        var path = Path.Combine(Manifests, "pipeline.team.c.yaml");
        var time = File.GetLastWriteTimeUtc(path);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("team", "TEAM", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, time);

        var result = Run(assembly);

        Assert.Contains("0 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Contains("TEAM", File.ReadAllText(path), StringComparison.Ordinal);

        // Without the state the same build reads every file, and restores it.
        Assert.Contains("1 file(s) changed", Run(assembly, stateDirectory: string.Empty).Log, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage\n")]
    [InlineData("hevlayer-manifest-state 0\n")]
    [InlineData("truncate")]
    [InlineData("foreign tool")]
    [InlineData("bad file name")]
    public void A_missing_corrupt_or_foreign_state_falls_back_to_the_full_path_with_the_same_bytes_and_summary(string damage)
    {
        Run(Assembly(a: 3));
        var statePath = Directory.GetFiles(Obj, "*.state").Single();
        var state = File.ReadAllText(statePath);
        File.WriteAllText(statePath, damage switch
        {
            "truncate" => state.Substring(0, state.Length / 2),
            "foreign tool" => state.Replace("tool\t", "tool\t0", StringComparison.Ordinal),
            "bad file name" => state.Replace("pipeline.team.c.yaml", "../../escape.yaml", StringComparison.Ordinal),
            _ => damage,
        });

        // A hand edit the state alone would not notice must still be seen: the full path reads every file.
        var c = Path.Combine(Manifests, "pipeline.team.c.yaml");
        var time = File.GetLastWriteTimeUtc(c);
        File.WriteAllText(c, File.ReadAllText(c).Replace("team", "TEAM", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(c, time);
        var edited = Assembly(a: 7);

        var result = Run(edited);

        var reference = Path.Combine(root, "reference");
        var fresh = Run(edited, manifests: reference, stateDirectory: string.Empty);
        Assert.True(result.Success);
        Assert.Contains("3 manifest(s), 2 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Equal(Snapshot(reference).Select(f => (Path.GetFileName(f.Key), Convert.ToBase64String(f.Value.Bytes))), Snapshot(Manifests).Select(f => (Path.GetFileName(f.Key), Convert.ToBase64String(f.Value.Bytes))));
        Assert.Equal(SummaryLines(fresh.Log), SummaryLines(result.Log));
        Assert.NotEqual(state, File.ReadAllText(statePath));
        Assert.StartsWith(ManifestState.FormatLine + "\n", File.ReadAllText(statePath), StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_builds_summary_from_the_state_is_the_one_a_full_read_gives()
    {
        Run(Assembly(a: 3));
        var edited = Assembly(a: 30);

        var result = Run(edited);
        var fresh = Run(edited, manifests: Path.Combine(root, "reference"), stateDirectory: string.Empty);

        Assert.Contains("HevLayer summary for App (InfraRules: infrarules.yaml)", result.Log, StringComparison.Ordinal);
        Assert.Contains("team/a", result.Log, StringComparison.Ordinal);
        Assert.Equal(SummaryLines(fresh.Log), SummaryLines(result.Log));
    }

    [Fact]
    public void Each_output_folder_has_its_own_state_and_one_folders_state_is_never_used_for_another()
    {
        var assembly = Assembly(a: 3);
        Run(assembly);
        var other = Path.Combine(root, "other");

        // Same obj/, another folder: its own state file, and everything written there.
        var second = Run(assembly, manifests: other);
        Assert.Contains("3 manifest(s), 4 file(s) changed", second.Log, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Obj, "*.state").Length);

        // A state copied over another folder's (another configuration's obj/, say) names the wrong folder: not used.
        var states = Directory.GetFiles(Obj, "*.state");
        var mine = ManifestState.PathFor(Obj, Manifests);
        var theirs = states.Single(s => s != mine);
        File.Copy(mine, theirs, overwrite: true);
        var c = Path.Combine(other, "pipeline.team.c.yaml");
        var time = File.GetLastWriteTimeUtc(c);
        var text = File.ReadAllText(c);
        File.WriteAllText(c, text.Replace("team", "TEAM", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(c, time);

        var third = Run(assembly, manifests: other);

        Assert.Contains("1 file(s) changed", third.Log, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(c));

        // Another obj/ (another configuration or target framework) starts from nothing: it reads every file.
        File.WriteAllText(c, text.Replace("team", "TEAM", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(c, time);
        Assert.Contains("1 file(s) changed", Run(assembly, manifests: other, stateDirectory: Path.Combine(root, "obj2")).Log, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(c));
    }

    [Fact]
    public void With_environments_an_edit_to_one_environments_override_rewrites_only_that_environments_file()
    {
        var table = Table("ghcr.io/acme/dev:1");
        var first = Run(EnvironmentAssembly(prodA: 5, table), environmentTable: table);
        Assert.Contains("2 manifest(s) of dev, 3 file(s) changed", first.Log, StringComparison.Ordinal);
        Assert.Contains("2 manifest(s) of prod, 3 file(s) changed", first.Log, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Obj, "*.state").Length);
        var dev = Snapshot(Path.Combine(Manifests, "dev")).Select(Describe).ToList();

        var edited = EnvironmentAssembly(prodA: 9, table);
        var edit = Run(edited, environmentTable: table);

        Assert.Contains("2 manifest(s) of dev, 0 file(s) changed", edit.Log, StringComparison.Ordinal);
        Assert.Contains("2 manifest(s) of prod, 1 file(s) changed", edit.Log, StringComparison.Ordinal);
        Assert.Contains("max: 9\n", File.ReadAllText(Path.Combine(Manifests, "prod", "pipeline.default.a.yaml")), StringComparison.Ordinal);
        Assert.Equal(dev, Snapshot(Path.Combine(Manifests, "dev")).Select(Describe));

        // The work follows the change: dev renders nothing, prod the one workload.
        Assert.Matches(@"timings of dev: .* 0 of 2 rendered", edit.Log);
        Assert.Matches(@"timings of prod: .* 1 of 2 rendered", edit.Log);
        AssertSameAsFullPath(edited, table, "dev", "prod");

        // prod's summary, its unchanged row from the state and its ceilings from the state's InfraRules, is a full read's.
        var fresh = Run(edited, manifests: Path.Combine(root, "summary-reference"), stateDirectory: string.Empty, environmentTable: table);
        Assert.NotEmpty(SummaryTable(edit.Log, "prod"));
        Assert.Equal(SummaryTable(fresh.Log, "prod"), SummaryTable(edit.Log, "prod"));
    }

    /// <summary>The summary table of <paramref name="environment"/> in a log: its heading and its indented lines.</summary>
    private static List<string> SummaryTable(string log, string environment) =>
        log.Split('\n').SkipWhile(l => !l.StartsWith("HevLayer summary for App, environment " + environment + " ", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith("  ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Changing_an_environments_namespace_or_image_or_the_projects_image_renders_the_workloads_again()
    {
        var table = Table("ghcr.io/acme/dev:1");
        Run(EnvironmentAssembly(prodA: 5, table), environmentTable: table);

        // The environment's image, then its namespace too: the project file changed, not a class.
        var image = Table("ghcr.io/acme/dev:2");
        var withImage = EnvironmentAssembly(prodA: 5, image);
        var result = Run(withImage, environmentTable: image);
        Assert.Contains("2 manifest(s) of dev, 1 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Contains("2 manifest(s) of prod, 0 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Contains("ghcr.io/acme/dev:2", File.ReadAllText(Path.Combine(Manifests, "dev", "pipeline.team-dev.a.yaml")), StringComparison.Ordinal);
        AssertSameAsFullPath(withImage, image, "dev", "prod");

        var moved = Table("ghcr.io/acme/dev:2", devNamespace: "team-dev2");
        var withNamespace = EnvironmentAssembly(prodA: 5, moved);
        result = Run(withNamespace, environmentTable: moved);
        Assert.Contains("2 manifest(s) of dev, 2 file(s) changed, 1 removed", result.Log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Manifests, "dev", "pipeline.team-dev2.a.yaml")));
        AssertSameAsFullPath(withNamespace, moved, "dev", "prod");

        // The project's own image (HevLayerImage) reaches prod, which sets none.
        var projectImage = EnvironmentAssembly(prodA: 5, moved, projectImage: "ghcr.io/acme/app:2");
        result = Run(projectImage, environmentTable: moved);
        Assert.Contains("2 manifest(s) of prod, 1 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Contains("ghcr.io/acme/app:2", File.ReadAllText(Path.Combine(Manifests, "prod", "pipeline.default.a.yaml")), StringComparison.Ordinal);
        AssertSameAsFullPath(projectImage, moved, "dev", "prod");
    }

    [Fact]
    public void An_environments_state_is_never_used_for_another_environments_folder()
    {
        var table = Table("ghcr.io/acme/dev:1");
        var assembly = EnvironmentAssembly(prodA: 5, table);
        Run(assembly, environmentTable: table);
        var devState = ManifestState.PathFor(Obj, Path.Combine(Manifests, "dev") + Path.DirectorySeparatorChar);
        var prodState = ManifestState.PathFor(Obj, Path.Combine(Manifests, "prod") + Path.DirectorySeparatorChar);
        Assert.True(File.Exists(devState) && File.Exists(prodState));
        File.Copy(devState, prodState, overwrite: true);

        // An edit that only a full read notices (same length, same time) in prod's copy of b, which dev shares.
        var b = Path.Combine(Manifests, "prod", "pipeline.team.b.yaml");
        var text = File.ReadAllText(b);
        var time = File.GetLastWriteTimeUtc(b);
        File.WriteAllText(b, text.Replace("team", "TEAM", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(b, time);

        var result = Run(assembly, environmentTable: table);

        Assert.Contains("2 manifest(s) of prod, 1 file(s) changed", result.Log, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(b));
        AssertSameAsFullPath(assembly, table, "dev", "prod");
    }

    [Fact]
    public void With_environments_a_series_of_edits_gives_the_bytes_of_builds_without_a_state()
    {
        var table = Table("ghcr.io/acme/dev:1");
        Run(EnvironmentAssembly(prodA: 5, table), environmentTable: table);
        var steps = new (string Name, Func<string> Assembly, string Table, Action? Touch)[]
        {
            ("prod override", () => EnvironmentAssembly(prodA: 6, table), table, null),
            ("dev image", () => EnvironmentAssembly(prodA: 6, Table("ghcr.io/acme/dev:3")), Table("ghcr.io/acme/dev:3"), null),
            ("hand edit in dev, deleted file in prod", () => EnvironmentAssembly(prodA: 6, Table("ghcr.io/acme/dev:3")), Table("ghcr.io/acme/dev:3"), () =>
            {
                var a = Path.Combine(Manifests, "dev", "pipeline.team-dev.a.yaml");
                File.WriteAllText(a, File.ReadAllText(a).Replace("dev:3", "dev:4", StringComparison.Ordinal));
                File.Delete(Path.Combine(Manifests, "prod", "pipeline.team.b.yaml"));
            }),
            ("a class removed", () => EnvironmentAssembly(prodA: 6, Table("ghcr.io/acme/dev:3"), withB: false), Table("ghcr.io/acme/dev:3"), null),
            ("back", () => EnvironmentAssembly(prodA: 5, table), table, null),
        };

        foreach (var step in steps)
        {
            step.Touch?.Invoke();
            var assembly = step.Assembly();
            Assert.True(Run(assembly, environmentTable: step.Table).Success, step.Name);
            AssertSameAsFullPath(assembly, step.Table, "dev", "prod");
        }
    }

    [Fact]
    public void A_hosted_workload_is_written_again_when_the_application_or_the_library_changes_it()
    {
        // The library leaves 'left' (no image) to its host: its own build writes only 'own', and remembers that 'left' gives nothing.
        var library = Emit(GeneratorHarness.Compile(LibrarySource(2)).WithAssemblyName("Lib"), LibraryProperties);
        var libraryFolder = Path.Combine(root, "lib-manifests");
        Assert.Contains("1 manifest(s), 2 file(s) changed", Run(library, manifests: libraryFolder).Log, StringComparison.Ordinal);
        var again = Run(library, manifests: libraryFolder);
        Assert.Contains("1 manifest(s), 0 file(s) changed", again.Log, StringComparison.Ordinal);
        Assert.Matches(@"timings: .* 0 of 2 rendered", again.Log);
        Assert.Equal(new[] { "kustomization.yaml", "pipeline.search.own.yaml" }, Directory.GetFiles(libraryFolder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The application writes both, with its image for 'left'.
        var app = Application(LibrarySource(2), "ghcr.io/acme/app:1");
        Assert.Contains("2 manifest(s), 3 file(s) changed", Run(app).Log, StringComparison.Ordinal);
        AssertSameAsFullPath(app, null);

        var newImage = Application(LibrarySource(2), "ghcr.io/acme/app:2");
        Assert.Contains("2 manifest(s), 1 file(s) changed", Run(newImage).Log, StringComparison.Ordinal);
        Assert.Contains("ghcr.io/acme/app:2", File.ReadAllText(Path.Combine(Manifests, "pipeline.default.left.yaml")), StringComparison.Ordinal);
        AssertSameAsFullPath(newImage, null);

        var libraryEdit = Application(LibrarySource(7), "ghcr.io/acme/app:2");
        Assert.Contains("2 manifest(s), 1 file(s) changed", Run(libraryEdit).Log, StringComparison.Ordinal);
        Assert.Contains("max: 7\n", File.ReadAllText(Path.Combine(Manifests, "pipeline.default.left.yaml")), StringComparison.Ordinal);
        AssertSameAsFullPath(libraryEdit, null);
    }

    private static readonly Dictionary<string, string> LibraryProperties = new() { ["HevLayerHostsWorkloads"] = "false" };

    private static string LibrarySource(int leftMax) => $$"""
        using HevLayer;
        namespace Lib;
        [Pipeline("left")]
        [Scaling(Pool = "cpu", MaxReplicas = {{leftMax}})]
        public sealed partial class Left { }

        [Pipeline("own", Namespace = "search")]
        [Worker(Image = "ghcr.io/acme/own:3")]
        [Scaling(Pool = "cpu", MaxReplicas = 2)]
        public sealed partial class Own { }
        """;

    /// <summary>An application that hosts the workloads of a library built from <paramref name="library"/>, with <paramref name="image"/> as its image.</summary>
    private string Application(string library, string image)
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compile(library).WithAssemblyName("Lib"), LibraryProperties);
        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        var app = GeneratorHarness.Compile("namespace App { public static class Nothing { } }").AddReferences(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(stream.ToArray()));
        return Emit(app, new Dictionary<string, string> { ["HevLayerImage"] = image });
    }

    /// <summary>Environments dev (namespace <paramref name="devNamespace"/>, image <paramref name="devImage"/>) and prod (neither), both checked against infrarules.yaml.</summary>
    private string Table(string devImage, string devNamespace = "team-dev")
    {
        var infraRules = Uri.EscapeDataString(Path.Combine(root, "infrarules.yaml"));
        return $"dev|{devNamespace}|{devImage}|{infraRules},prod|||{infraRules}";
    }

    /// <summary>
    /// A project with environments: Pipeline a (namespace and image from the project or the environment) with a
    /// ceiling of <paramref name="prodA"/> in prod only, and Pipeline b, which sets its own namespace and image.
    /// </summary>
    private string EnvironmentAssembly(int prodA, string table, string projectImage = "ghcr.io/acme/app:1", bool withB = true)
    {
        var source = $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using HevLayer;

            namespace Acme;

            [Pipeline("a")]
            [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 3)]
            [Scaling(Environment = "prod", MaxReplicas = {{prodA}})]
            public sealed partial class A
            {
                public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
        if (withB)
        {
            source += """

                [Pipeline("b", Namespace = "team")]
                [Worker(Image = "ghcr.io/acme/b:1")]
                [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 2)]
                public sealed partial class B
                {
                    public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """;
        }

        return Emit(GeneratorHarness.Compile(source), new Dictionary<string, string> { [HevLayer.Policy.Model.DeploymentEnvironments.TableProperty] = table, ["HevLayerImage"] = projectImage });
    }

    /// <summary>
    /// The oracle: the same assembly written by the task without a state (every manifest decoded, rendered and
    /// compared) into a fresh folder gives, folder by folder, the bytes the state-using runs left in
    /// <see cref="Manifests"/>; and so do its summaries.
    /// </summary>
    private void AssertSameAsFullPath(string assembly, string? table, params string[] environments)
    {
        var reference = Path.Combine(root, "reference-" + Guid.NewGuid().ToString("N"));
        Run(assembly, manifests: reference, stateDirectory: string.Empty, environmentTable: table);
        foreach (var folder in environments.Length == 0 ? new[] { string.Empty } : environments)
        {
            Assert.Equal(
                Snapshot(Path.Combine(reference, folder)).Select(f => (Path.GetFileName(f.Key), Convert.ToBase64String(f.Value.Bytes))),
                Snapshot(Path.Combine(Manifests, folder)).Select(f => (Path.GetFileName(f.Key), Convert.ToBase64String(f.Value.Bytes))));
        }
    }

    private static IEnumerable<string> SummaryLines(string log) =>
        log.Split('\n').Where(l => l.Contains("summary for", StringComparison.Ordinal) || l.Contains("team/", StringComparison.Ordinal));

    private static string Describe(KeyValuePair<string, (byte[] Bytes, DateTime Time)> file) =>
        file.Key + " " + Convert.ToBase64String(file.Value.Bytes) + " " + file.Value.Time.Ticks;

    private static List<KeyValuePair<string, (byte[] Bytes, DateTime Time)>> Snapshot(string folder) =>
        Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, (byte[], DateTime)>(f, (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f))))
            .ToList();

    /// <summary>A consumer's assembly: Pipelines a and c, Function b, in the "team" namespace, all on pool cpu; a's ceiling is <paramref name="a"/>.</summary>
    private string Assembly(int a, bool withC = true)
    {
        var source = $$"""
            using System.Threading;
            using System.Threading.Tasks;
            using HevLayer;

            namespace Acme;

            [Pipeline("a", Namespace = "team")]
            [Worker(Image = "ghcr.io/acme/a:1")]
            [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = {{a}})]
            public sealed partial class A
            {
                public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
            }

            [Function("b", Namespace = "team", Triggers = FunctionTriggers.Write, Inputs = new[] { "id" })]
            [Worker(Image = "ghcr.io/acme/b:1")]
            [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 2)]
            public sealed partial class B
            {
                public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """;
        if (withC)
        {
            source += """

                [Pipeline("c", Namespace = "team")]
                [Worker(Image = "ghcr.io/acme/c:1")]
                [Scaling(Pool = "cpu", MinReplicas = 0, MaxReplicas = 4)]
                public sealed partial class C
                {
                    public Task HandleAsync(string item, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """;
        }

        return Emit(GeneratorHarness.Compile(source));
    }

    /// <summary>Runs the real generator on <paramref name="input"/> with <paramref name="properties"/> and writes the assembly the build would.</summary>
    private string Emit(Microsoft.CodeAnalysis.Compilation input, IReadOnlyDictionary<string, string>? properties = null)
    {
        var (_, output) = GeneratorHarness.Run(input, properties);
        var path = Path.Combine(root, "bin", Guid.NewGuid().ToString("N") + ".dll");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = File.Create(path))
        {
            var emit = output.Emit(stream);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        }

        return path;
    }

    private (bool Success, string Log) Run(string assembly, string? manifests = null, string? stateDirectory = null, string? environmentTable = null)
    {
        var engine = new Engine();
        var infraRules = new TaskItem(Path.Combine(root, "infrarules.yaml"));
        var task = new WriteManifests
        {
            BuildEngine = engine,
            AssemblyPath = assembly,
            ManifestsDirectory = manifests ?? Manifests,
            StateDirectory = stateDirectory ?? Obj,
            ProjectName = "App",
            InfraRulesFiles = new ITaskItem[] { infraRules },
            EnvironmentTable = environmentTable ?? string.Empty,
        };
        var success = task.Execute();
        Assert.True(success, engine.Log.ToString());

        // What the targets put into FileWrites (dotnet clean deletes it): every state this run keeps, and none without a state directory.
        Assert.All(task.StateFiles, f => Assert.True(File.Exists(f.ItemSpec), f.ItemSpec));
        Assert.True(task.StateFiles.Length > 0 == !string.IsNullOrEmpty(task.StateDirectory));
        return (success, engine.Log.ToString());
    }

    private sealed class Engine : IBuildEngine
    {
        public System.Text.StringBuilder Log { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "App.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) => Log.Append(e.Message).Append('\n');

        public void LogErrorEvent(BuildErrorEventArgs e) => Log.Append("error ").Append(e.Code).Append(": ").Append(e.Message).Append('\n');

        public void LogMessageEvent(BuildMessageEventArgs e) => Log.Append(e.Message).Append('\n');

        public void LogWarningEvent(BuildWarningEventArgs e) => Log.Append("warning ").Append(e.Code).Append(": ").Append(e.Message).Append('\n');
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Build;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace HevLayer.Generators.Tests;

/// <summary>
/// Issue 24, items 2 and 3, in process: <c>dotnet publish</c> puts the build's manifests into the publish output,
/// and after <c>PublishContainer</c> pins each workload whose image is the pushed reference, in both folders, with
/// the folder rules of the build (owned files, unchanged bytes untouched); a publish that pushed to no registry, or
/// pushed several architectures, pins nothing.
/// </summary>
public sealed class PinManifestsTests : IDisposable
{
    private const string Digest = "sha256:16beeaff1b95b6de9aa3cb286c2a0adadbd3bdf8715d1e28a8a930debca12424";
    private const string Pushed = "127.0.0.1:5055/acme/workers:1.2.3";
    private const string OwnPinned = "ghcr.io/acme/own:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-pin-" + Guid.NewGuid().ToString("N"));
    private readonly string build;
    private readonly string publish;

    public PinManifestsTests()
    {
        build = Path.Combine(root, "bin", "manifests");
        publish = Path.Combine(root, "bin", "publish", "manifests");
    }

    public void Dispose() => Infrastructure.ConsumerProject.TryDelete(root);

    [Fact]
    public void A_pinned_manifest_is_exactly_what_the_writer_writes_for_the_pinned_image()
    {
        foreach (var workload in new[] { Workload("ingest", Pushed), Workload("quoted", Pushed) with { Labels = new EquatableArray<KeyValue>(new[] { new KeyValue("image", Pushed) }) } })
        {
            var pinned = ImagePin.Pin(ManifestWriter.Write(workload), new SortedSet<string>(StringComparer.Ordinal) { Pushed, "127.0.0.1:5055/acme/workers:latest" }, Digest);

            Assert.Equal(ManifestWriter.Write(workload with { Worker = workload.Worker with { Image = Pushed + "@" + Digest } }), pinned);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:5055/acme/workers:1.2.4")]
    [InlineData("127.0.0.1:5055/acme/other:1.2.3")]
    [InlineData(OwnPinned)]
    [InlineData(Pushed + "@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Another_image_is_left_alone(string image)
    {
        var yaml = ManifestWriter.Write(Workload("other", image));
        Assert.Same(yaml, ImagePin.Pin(yaml, new SortedSet<string>(StringComparer.Ordinal) { Pushed }, Digest));
    }

    [Fact]
    public void Not_yaml_or_no_image_is_left_alone()
    {
        foreach (var text in new[] { "a: [", "", "- 1\n", "spec:\n  worker: {}\n", "spec:\n  worker:\n    image: [1]\n" })
        {
            Assert.Same(text, ImagePin.Pin(text, new SortedSet<string>(StringComparer.Ordinal) { Pushed }, Digest));
        }
    }

    [Fact]
    public void After_PublishContainer_both_folders_are_pinned_and_a_workloads_own_image_is_left_alone()
    {
        var written = WriteBuild(Workload("ingest", Pushed), Workload("embed", OwnPinned));
        var engine = new Engine();

        Assert.True(Task(engine, written, container: true).Execute(), engine.Text);

        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(build, "pipeline.search.ingest.yaml")));
        Assert.Equal(OwnPinned, ImageOf(Path.Combine(publish, "pipeline.search.embed.yaml")));
        Assert.Equal(Files(build), Files(publish));
        Assert.Contains($"HevLayer: 1 manifest(s) pinned to {Pushed}@{Digest}", engine.Text, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);

        // The same publish again rewrites nothing in either folder.
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.GetFiles(build).Concat(Directory.GetFiles(publish)))
        {
            File.SetLastWriteTimeUtc(file, stamp);
        }

        Assert.True(Task(new Engine(), written, container: true).Execute());
        Assert.All(Directory.GetFiles(build).Concat(Directory.GetFiles(publish)), f => Assert.Equal(stamp, File.GetLastWriteTimeUtc(f)));
    }

    [Fact]
    public void A_plain_publish_copies_the_build_folder_as_it_is()
    {
        var written = WriteBuild(Workload("ingest", Pushed));

        Assert.True(Task(new Engine(), written, container: false).Execute());

        Assert.Equal(Files(build), Files(publish));
        Assert.Equal(Pushed, ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
    }

    [Theory]
    [InlineData("", "", "local container runtime")]
    [InlineData("127.0.0.1:5055", "/tmp/image.tar.gz", "archive")]
    public void A_publish_that_pushed_to_no_registry_pins_nothing(string registry, string archive, string said)
    {
        var written = WriteBuild(Workload("ingest", Pushed));
        var engine = new Engine();
        var task = Task(engine, written, container: true);
        task.Registry = registry;
        task.ArchiveOutputPath = archive;

        Assert.True(task.Execute(), engine.Text);

        Assert.Equal(Pushed, ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
        Assert.Equal(Pushed, ImageOf(Path.Combine(build, "pipeline.search.ingest.yaml")));
        Assert.Contains(said, engine.Text, StringComparison.Ordinal);
        Assert.Contains("not pinned", engine.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, Digest)]
    [InlineData(false, "")]
    [InlineData(false, "sha256:abc")]
    public void A_multi_architecture_publish_or_no_usable_digest_is_HEVL320_and_pins_nothing(bool multiArchitecture, string digest)
    {
        var written = WriteBuild(Workload("ingest", Pushed));
        var engine = new Engine();
        var task = Task(engine, written, container: true);
        task.MultiArchitecture = multiArchitecture;
        task.Digest = digest;

        Assert.True(task.Execute(), engine.Text);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(BuildRules.NotPinned.Id, warning.Code);
        Assert.Contains(multiArchitecture ? "exposes no digest of the image index" : "no usable digest", warning.Message, StringComparison.Ordinal);
        Assert.Equal(Pushed, ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
        Assert.Equal(Pushed, ImageOf(Path.Combine(build, "pipeline.search.ingest.yaml")));
    }

    [Fact]
    public void No_workload_with_the_pushed_image_is_said_plainly()
    {
        var written = WriteBuild(Workload("ingest", "ghcr.io/acme/stamped:9"));
        var engine = new Engine();

        Assert.True(Task(engine, written, container: true).Execute());

        Assert.Contains($"no workload's image is {Pushed} or 127.0.0.1:5055/acme/workers:latest", engine.Text, StringComparison.Ordinal);
        Assert.Equal("ghcr.io/acme/stamped:9", ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
    }

    [Fact]
    public void Every_folder_the_build_wrote_is_published_at_its_place()
    {
        var prod = Path.Combine(build, "prod");
        var staging = Path.Combine(build, "staging");
        new ManifestFolder(prod, "Workers").Write(new[] { RenderedManifest.Of(Workload("ingest", Pushed)) });
        new ManifestFolder(staging, "Workers").Write(new[] { RenderedManifest.Of(Workload("ingest", "ghcr.io/acme/staging:1")) });
        var written = new[] { Path.Combine(prod, "pipeline.search.ingest.yaml"), Path.Combine(staging, "pipeline.search.ingest.yaml") };

        Assert.True(Task(new Engine(), written, container: true).Execute());

        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(publish, "prod", "pipeline.search.ingest.yaml")));
        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(prod, "pipeline.search.ingest.yaml")));
        Assert.Equal("ghcr.io/acme/staging:1", ImageOf(Path.Combine(publish, "staging", "pipeline.search.ingest.yaml")));
        Assert.True(File.Exists(Path.Combine(publish, "staging", "kustomization.yaml")));
    }

    [Fact]
    public void A_file_of_someone_else_in_the_publish_folder_is_HEVL302_and_left_alone()
    {
        var written = WriteBuild(Workload("ingest", Pushed));
        Directory.CreateDirectory(publish);
        File.WriteAllText(Path.Combine(publish, "kustomization.yaml"), "mine\n");
        var engine = new Engine();

        Assert.False(Task(engine, written, container: true).Execute());

        Assert.Equal(BuildRules.ForeignFile.Id, Assert.Single(engine.Errors).Code);
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(publish, "kustomization.yaml")));
        Assert.Equal(Pushed, ImageOf(Path.Combine(build, "pipeline.search.ingest.yaml")));
    }

    [Fact]
    public void Without_written_items_the_build_folder_is_found_by_its_record()
    {
        WriteBuild(Workload("ingest", Pushed));

        Assert.True(Task(new Engine(), Array.Empty<string>(), container: true).Execute());

        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(publish, "pipeline.search.ingest.yaml")));
    }

    [Fact]
    public void Without_written_items_each_environment_folder_is_found_by_its_record()
    {
        new ManifestFolder(Path.Combine(build, "prod"), "Workers").Write(new[] { RenderedManifest.Of(Workload("ingest", Pushed)) });
        new ManifestFolder(Path.Combine(build, "dev"), "Workers").Write(new[] { RenderedManifest.Of(Workload("ingest", Pushed)) });
        Directory.CreateDirectory(Path.Combine(build, "not-ours"));

        Assert.True(Task(new Engine(), Array.Empty<string>(), container: true).Execute());

        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(publish, "prod", "pipeline.search.ingest.yaml")));
        Assert.Equal(Pushed + "@" + Digest, ImageOf(Path.Combine(publish, "dev", "pipeline.search.ingest.yaml")));
        Assert.False(Directory.Exists(Path.Combine(publish, "not-ours")));
    }

    [Fact]
    public void A_project_whose_build_wrote_no_manifests_publishes_none_and_says_nothing_of_pins()
    {
        var engine = new Engine();

        Assert.True(Task(engine, Array.Empty<string>(), container: true).Execute());

        Assert.False(Directory.Exists(publish));
        Assert.DoesNotContain("pinned", engine.Text, StringComparison.Ordinal);
        Assert.Empty(engine.Warnings);
    }

    private static WorkloadModel Workload(string name, string image)
    {
        var workload = WorkloadModel.Empty(WorkloadKind.Pipeline, name, "Acme." + name);
        return workload with
        {
            Namespace = "search",
            Worker = workload.Worker with { Image = image },
            Scaling = new ScalingModel("cpu", HevLayer.Policy.Model.ScalingMode.Autoscale, 0, 4),
        };
    }

    private static string ImageOf(string manifest)
    {
        var line = File.ReadAllLines(manifest).Single(l => l.StartsWith("    image: ", StringComparison.Ordinal));
        var value = line["    image: ".Length..];
        return value.StartsWith('"') ? value[1..^1] : value;
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);

    private string[] WriteBuild(params WorkloadModel[] workloads)
    {
        var result = new ManifestFolder(build, "Workers").Write(workloads.Select(RenderedManifest.Of).ToList());
        return result.Manifests.Select(f => Path.Combine(build, f)).ToArray();
    }

    private PinManifests Task(Engine engine, string[] written, bool container) => new()
    {
        BuildEngine = engine,
        WrittenManifests = written.Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
        ManifestsDirectory = build + "/",
        PublishDirectory = publish + "/",
        Container = container,
        Digest = Digest,
        Registry = "127.0.0.1:5055",
        Repository = "acme/workers",
        Tags = new[] { "1.2.3", "latest" },
        ProjectName = "Workers",
        ProjectPath = Path.Combine(root, "Workers.csproj"),
    };

    private sealed class Engine : IBuildEngine
    {
        private readonly List<string> lines = new();

        public List<BuildWarningEventArgs> Warnings { get; } = new();

        public List<BuildErrorEventArgs> Errors { get; } = new();

        public string Text => string.Join("\n", lines);

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "Workers.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e) => lines.Add(e.Message ?? string.Empty);

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
            Errors.Add(e);
            lines.Add("error " + e.Code + ": " + e.Message);
        }

        public void LogMessageEvent(BuildMessageEventArgs e) => lines.Add(e.Message ?? string.Empty);

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
            Warnings.Add(e);
            lines.Add("warning " + e.Code + ": " + e.Message);
        }
    }
}

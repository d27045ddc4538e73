using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// `hevlayer watch` from the installed tool on a consumer of the packed package: the folder it writes is the
/// one `dotnet build` writes, byte for byte, before and after a run of saves made as editors make them (a
/// temporary file renamed over the file; an edit, a slow write seen half-written, a compile error, an edit
/// the analyzers reject, warnings as errors, an InfraRules change, a new file, a csproj change, a deleted
/// file); SIGTERM stops it cleanly, and so does Ctrl+C (SIGINT) when it is started with SIGINT not ignored.
/// </summary>
public sealed partial class EndToEndCliTests
{
    private static readonly TimeSpan Reload = TimeSpan.FromMinutes(2);

    [Fact]
    public void Watch_writes_what_dotnet_build_writes_and_follows_every_kind_of_save_until_SIGTERM_or_ctrl_c()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.BuildSucceeds();
        var built = consumer.ManifestFiles();
        Directory.Delete(consumer.ManifestsDirectory, recursive: true);

        using var watch = StartWatch(consumer);
        watch.WaitFor(l => l.StartsWith("Watching for changes", StringComparison.Ordinal), timeout: Reload);
        AssertSameFiles(built, consumer.ManifestFiles());

        var ingest = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "IngestDocs.cs"));
        var infraRules = File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "infrarules.yaml"));

        // An edit: that workload's manifest, and only it, is rewritten.
        var before = consumer.ManifestFiles();
        var pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 6", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: wrote pipeline.search.ingest-docs.yaml; 4 manifest(s), 0 error(s)", pass[^1], StringComparison.Ordinal);
        var after = consumer.ManifestFiles();
        Assert.Equal(new[] { "pipeline.search.ingest-docs.yaml" }, after.Where(f => !before[f.Key].AsSpan().SequenceEqual(f.Value)).Select(f => f.Key).ToArray());
        Assert.Contains("max: 6", System.Text.Encoding.UTF8.GetString(after["pipeline.search.ingest-docs.yaml"]), StringComparison.Ordinal);

        // A slow write: the file is seen truncated and half-written (far longer than a batch's quiet moment);
        // once complete, its manifest is written, and the whole-project check agrees. Then back to the edit.
        pass = SlowSave(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 5", StringComparison.Ordinal));
        Assert.True(pass[^1].Contains("; 4 manifest(s), 0 error(s)", StringComparison.Ordinal), string.Join("\n", pass));
        Assert.Contains("max: 5", System.Text.Encoding.UTF8.GetString(consumer.ManifestFiles()["pipeline.search.ingest-docs.yaml"]), StringComparison.Ordinal);
        pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 6", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: wrote pipeline.search.ingest-docs.yaml; 4 manifest(s), 0 error(s)", pass[^1], StringComparison.Ordinal);
        AssertSameFiles(after, consumer.ManifestFiles());

        // A compile error, then an edit the analyzers reject: located errors, and the folder stays as it was.
        pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4)]", "MaxReplicas = 6)", StringComparison.Ordinal));
        Assert.Contains(pass, l => l.Contains("IngestDocs.cs(7,", StringComparison.Ordinal) && l.Contains(": error CS", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: nothing written: the build would fail", pass[^1], StringComparison.Ordinal);
        pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 40", StringComparison.Ordinal));
        Assert.Contains(pass, l => l.EndsWith("IngestDocs.cs(7,41): error HEVL002: MaxReplicas = 40 is above the ceiling of pool 'cpu': it allows at most 20 replicas per workload (infrarules.yaml line 8)", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: nothing written", pass[^1], StringComparison.Ordinal);
        AssertSameFiles(after, consumer.ManifestFiles());

        // A warning in a project that treats warnings as errors is an error, as in the build.
        pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MinReplicas = 0, MaxReplicas = 4", "Mode = ScalingMode.Fixed, MinReplicas = 2, MaxReplicas = 4", StringComparison.Ordinal));
        Assert.Contains(pass, l => l.Contains("IngestDocs.cs(7,", StringComparison.Ordinal) && l.Contains(": error HEVL008:", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: nothing written", pass[^1], StringComparison.Ordinal);
        AssertSameFiles(after, consumer.ManifestFiles());

        // Fixed again, then InfraRules lowers the pool's ceiling below it: every workload is checked again.
        pass = Save(watch, consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 6", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: no manifest changed; 4 manifest(s), 0 error(s)", pass[^1], StringComparison.Ordinal);
        pass = Save(watch, consumer, "infrarules.yaml", infraRules.Replace("maxReplicasPerWorkload: 20", "maxReplicasPerWorkload: 5", StringComparison.Ordinal));
        Assert.Contains(pass, l => l.EndsWith("IngestDocs.cs(7,41): error HEVL002: MaxReplicas = 6 is above the ceiling of pool 'cpu': it allows at most 5 replicas per workload (infrarules.yaml line 8)", StringComparison.Ordinal));
        Assert.StartsWith("infrarules.yaml: nothing written", pass[^1], StringComparison.Ordinal);
        pass = Save(watch, consumer, "infrarules.yaml", infraRules);
        Assert.StartsWith("infrarules.yaml: no manifest changed; 4 manifest(s), 0 error(s)", pass[^1], StringComparison.Ordinal);

        // A new file: the project is loaded again, and its workload joins the folder and kustomization.yaml.
        pass = Save(watch, consumer, "AuditLog.cs", """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("audit-log")]
            [Scaling(Pool = "cpu", MinReplicas = 1, MaxReplicas = 2)]
            public sealed partial class AuditLog
            {
            }
            """, Reload);
        Assert.Contains(pass, l => l.StartsWith("AuditLog.cs: the project's inputs changed", StringComparison.Ordinal));
        Assert.StartsWith("AuditLog.cs: wrote kustomization.yaml, wrote pipeline.search.audit-log.yaml; 5 manifest(s)", pass[^1], StringComparison.Ordinal);

        // A csproj change (CI's image property): every workload without an image of its own follows it.
        var project = File.ReadAllText(consumer.ProjectFile);
        pass = Save(watch, consumer, Path.GetFileName(consumer.ProjectFile), project.Replace("</TreatWarningsAsErrors>", "</TreatWarningsAsErrors>\n    <HevLayerImage>ghcr.io/acme/layer-workers:2.0.0</HevLayerImage>", StringComparison.Ordinal), Reload);
        Assert.Contains("wrote pipeline.search.audit-log.yaml", pass[^1], StringComparison.Ordinal);
        Assert.Contains("ghcr.io/acme/layer-workers:2.0.0", System.Text.Encoding.UTF8.GetString(consumer.ManifestFiles()["pipeline.search.audit-log.yaml"]), StringComparison.Ordinal);

        // InfraRules deleted: the build then has none (HEVL200 per workload, an error with warnings as errors);
        // written back, the project is loaded again with it.
        var mark = watch.Mark();
        consumer.Delete("infrarules.yaml");
        pass = watch.WaitFor(IsPassLine, mark, Reload);
        Assert.Contains(pass, l => l.StartsWith("infrarules.yaml: the project's inputs changed", StringComparison.Ordinal));
        Assert.Contains(pass, l => l.Contains(": error HEVL200:", StringComparison.Ordinal));
        Assert.StartsWith("infrarules.yaml: nothing written", pass[^1], StringComparison.Ordinal);
        pass = Save(watch, consumer, "infrarules.yaml", infraRules, Reload);
        Assert.StartsWith("infrarules.yaml: no manifest changed; 5 manifest(s), 0 error(s)", pass[^1], StringComparison.Ordinal);

        // A deleted file: its manifest goes.
        mark = watch.Mark();
        consumer.Delete("AuditLog.cs");
        pass = watch.WaitFor(IsPassLine, mark, Reload);
        Assert.Contains("removed pipeline.search.audit-log.yaml", pass[^1], StringComparison.Ordinal);

        // SIGTERM as soon as a save is written, while its whole-project check runs: a clean stop, no
        // temporary file left, the save on disk. (SIGTERM, not SIGINT: started from a background job of a
        // non-interactive shell, as CI may start the suite, the tool inherits SIGINT as ignored.)
        mark = watch.Mark();
        EditorWrite(consumer, "IngestDocs.cs", ingest.Replace("MaxReplicas = 4", "MaxReplicas = 5", StringComparison.Ordinal));
        Assert.StartsWith("IngestDocs.cs: wrote pipeline.search.ingest-docs.yaml", watch.WaitFor(IsPassLine, mark)[^1], StringComparison.Ordinal);
        Assert.Equal(0, watch.Terminate(TimeSpan.FromSeconds(30)));
        Assert.Contains("max: 5", File.ReadAllText(Path.Combine(consumer.ManifestsDirectory, "pipeline.search.ingest-docs.yaml")), StringComparison.Ordinal);
        Assert.Contains("Stopped.", watch.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(consumer.ManifestsDirectory, "*.tmp"));

        // dotnet build agrees with every byte watch left: it rewrites nothing.
        var watched = consumer.ManifestFiles();
        var build = consumer.BuildSucceeds();
        Assert.Contains("HevLayer: 4 manifest(s), 0 file(s) changed", build.Output, StringComparison.Ordinal);
        AssertSameFiles(watched, consumer.ManifestFiles());

        // Ctrl+C, where its disposition is known: started with SIGINT at its default (as a terminal's foreground
        // job is), the tool catches it, and it stops cleanly on it, leaving the folder as it was.
        using var interactive = StartWatch(consumer, sigintAtDefault: true);
        interactive.WaitFor(l => l.StartsWith("Watching for changes", StringComparison.Ordinal), timeout: Reload);
        Assert.True(interactive.Catches(2), "hevlayer watch does not catch SIGINT:\n" + interactive.Output);
        Assert.Equal(0, interactive.Interrupt(TimeSpan.FromSeconds(30)));
        Assert.Contains("Stopped.", interactive.Output, StringComparison.Ordinal);
        AssertSameFiles(watched, consumer.ManifestFiles());
    }

    [Fact]
    public void Watch_says_what_is_wrong_with_a_project_it_cannot_watch()
    {
        var missing = tool.Run(tool.Work, "watch", "--project", Path.Combine(tool.Work, "no-such-project"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("is neither a project file nor a folder", missing.Output, StringComparison.Ordinal);

        var plain = Path.Combine(tool.Work, "plain");
        Directory.CreateDirectory(plain);
        File.WriteAllText(Path.Combine(plain, "Plain.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(plain, "Class1.cs"), "public class Class1 { }");
        var notOurs = tool.Run(plain, "watch");
        Assert.Equal(2, notOurs.ExitCode);
        Assert.Contains("does not reference HevLayer.Generators", notOurs.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", notOurs.Output, StringComparison.Ordinal);
    }

    private static bool IsPassLine(string line) => line.Contains(": wrote ", StringComparison.Ordinal) || line.Contains(": no manifest changed", StringComparison.Ordinal) || line.Contains(": nothing written", StringComparison.Ordinal) || line.Contains(": removed ", StringComparison.Ordinal);

    /// <summary>
    /// Saves a file as an editor does and returns what watch printed for it: up to its pass line (last), and,
    /// for a source file, up to the whole-project check that follows, which must agree (write nothing more).
    /// </summary>
    private static IReadOnlyList<string> Save(LiveProcess watch, ConsumerProject consumer, string file, string text, TimeSpan? timeout = null)
    {
        var mark = watch.Mark();
        EditorWrite(consumer, file, text);
        var pass = watch.WaitFor(IsPassLine, mark, timeout ?? TimeSpan.FromSeconds(30));
        if (file.EndsWith(".cs", StringComparison.Ordinal) && !pass.Any(l => l.Contains("the project's inputs changed", StringComparison.Ordinal)))
        {
            AssertCheckAgrees(watch, mark + pass.Count);
        }

        return pass;
    }

    /// <summary>
    /// Writes a source file in place and slowly: truncated, then its first half, then (after far longer than
    /// the quiet moment that closes a batch) the rest. Returns what watch printed up to the pass that wrote its
    /// workload's manifest, which only the complete file can give, then waits for the check that follows.
    /// </summary>
    private static IReadOnlyList<string> SlowSave(LiveProcess watch, ConsumerProject consumer, string file, string text)
    {
        var mark = watch.Mark();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var half = text.IndexOf("MaxReplicas", StringComparison.Ordinal);
        using (var stream = new FileStream(Path.Combine(consumer.ProjectDirectory, file), FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
            System.Threading.Thread.Sleep(600);
            stream.Write(bytes, 0, half);
            stream.Flush(flushToDisk: true);
            System.Threading.Thread.Sleep(600);
            stream.Write(bytes, half, bytes.Length - half);
        }

        var pass = watch.WaitFor(l => l.StartsWith(file + ": wrote ", StringComparison.Ordinal) && l.Contains("wrote " + Manifest(file), StringComparison.Ordinal), mark, TimeSpan.FromSeconds(60));
        AssertCheckAgrees(watch, mark + pass.Count);
        return pass;
    }

    /// <summary>The manifest of the one workload in the sample's file <paramref name="file"/>.</summary>
    private static string Manifest(string file) => file switch
    {
        "IngestDocs.cs" => "pipeline.search.ingest-docs.yaml",
        _ => throw new ArgumentException("no known workload in " + file, nameof(file)),
    };

    /// <summary>Waits for the next whole-project check from line <paramref name="from"/> on: it must write nothing.</summary>
    private static void AssertCheckAgrees(LiveProcess watch, int from)
    {
        var check = watch.WaitFor(l => l.StartsWith("whole-project check:", StringComparison.Ordinal), from, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(": wrote ", check[^1], StringComparison.Ordinal);
    }

    /// <summary>A save as editors with "safe write" make it: the text in a temporary file beside the file, renamed over it.</summary>
    private static void EditorWrite(ConsumerProject consumer, string file, string text)
    {
        var target = Path.Combine(consumer.ProjectDirectory, file);
        var temporary = target + "___jb_tmp___";
        File.WriteAllText(temporary, text);
        File.Move(temporary, target, overwrite: true);
    }

    private static void AssertSameFiles(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs:\n{System.Text.Encoding.UTF8.GetString(bytes)}\n---\n{System.Text.Encoding.UTF8.GetString(actual[name])}");
        }
    }

    /// <summary>Starts the installed tool's watch on the consumer; with <paramref name="sigintAtDefault"/>, through perl, which sets SIGINT back to its default before it execs the tool (a shell cannot undo an ignored SIGINT).</summary>
    private LiveProcess StartWatch(ConsumerProject consumer, bool sigintAtDefault = false)
    {
        var environment = new Dictionary<string, string?>(consumer.Environment) { ["NUGET_PACKAGES"] = consumer.Package.PackagesFolder };
        var watch = new[] { "watch", "--project", consumer.ProjectDirectory };
        return sigintAtDefault
            ? new LiveProcess("perl", new[] { "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\";", tool.Executable }.Concat(watch), consumer.Root, environment)
            : new LiveProcess(tool.Executable, watch, consumer.Root, environment);
    }
}

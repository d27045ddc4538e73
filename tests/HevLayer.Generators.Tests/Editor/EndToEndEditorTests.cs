using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HevLayer.Generators.Tests.Editor;

/// <summary>
/// The headline, proven with a real editor client: csharp-ls 0.28.0 (a Roslyn language server, installed with
/// `dotnet tool install`), driven over stdio as an editor drives it, with analyzers enabled, on a consumer of the
/// packed package. Each edit is a didChange; the test waits for the diagnostics the server publishes and checks
/// each HEVL diagnostic's exact range. The latency from didChange to the diagnostic is printed (test output) and
/// recorded in docs/performance.md.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndEditorTests
{
    private const string Version = "0.28.0";
    private static readonly TimeSpan Load = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Edit = TimeSpan.FromSeconds(60);

    /// <summary>How long diagnostics without a version must stand, no HEVL diagnostic published against them, to be an edit's answer.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    private readonly ITestOutputHelper output;

    public EndToEndEditorTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Csharp_ls_shows_HEVL001_and_HEVL002_on_the_argument_and_clears_them()
    {
        using var consumer = ConsumerProject.FromSample();
        consumer.BuildSucceeds();
        using var tools = CsharpLs.Install();
        var path = Path.Combine(consumer.ProjectDirectory, "IngestDocs.cs");
        var uri = new Uri(path).AbsoluteUri;
        var clean = File.ReadAllText(path);
        var unknownPool = Replace(clean, "Pool = \"cpu\"", "Pool = \"gpu-a10\"");
        var overCeiling = Replace(clean, "MaxReplicas = 4", "MaxReplicas = 40");

        using var server = Start(consumer, tools, uri, clean);

        // Until the project has loaded, an edit shows nothing: repeat the first edit until its HEVL001 appears.
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var version = WaitForLoad(server, uri, 1, unknownPool, d => Has(d, "HEVL001"));
        output.WriteLine($"project loaded and first HEVL001 after {loading.Elapsed.TotalSeconds:0.0} s");
        Measure(server, uri, ++version, clean, d => !Has(d, "HEVL"));

        // The measured edits, once the project is loaded. Each waits for the publication of its own version,
        // or (from a server that names none) for one no HEVL diagnostic contradicts for a quiet period: an
        // empty interim publication does not count as clearing.
        var first = Measure(server, uri, ++version, unknownPool, d => Has(d, "HEVL001"));
        AssertOn(first, "HEVL001", unknownPool, "Pool = \"gpu-a10\"");
        var second = Measure(server, uri, ++version, overCeiling, d => Has(d, "HEVL002"));
        AssertOn(second, "HEVL002", overCeiling, "MaxReplicas = 40");
        Assert.DoesNotContain(second.Diagnostics, d => Code(d) == "HEVL001");
        var third = Measure(server, uri, ++version, clean, d => !Has(d, "HEVL"));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"didChange -> HEVL001 {first.Seconds:0.000} s, -> HEVL002 {second.Seconds:0.000} s, -> clean {third.Seconds:0.000} s ({(third.Versioned ? "publications named their version" : "publications named no version: each waited for a quiet period")})"));
    }

    /// <summary>
    /// Environments in the editor (issue 25), with the issue's clusters: dev has only a cpu pool with a ceiling of 2,
    /// prod a cpu pool with 20 and a gpu pool with 8. The shared MaxReplicas = 4 is fine in prod and above dev's
    /// ceiling, so the server publishes one HEVL002, named after dev, on that argument, and none for prod; the
    /// environments' table and InfraRules reach the analyzer through csharp-ls's design-time build.
    /// </summary>
    [Fact]
    public void Csharp_ls_shows_a_finding_of_dev_only_once_named_after_dev_on_the_argument_and_clears_it()
    {
        using var consumer = EnvironmentConsumer.Create(EnvironmentConsumer.DevAndProd, """
            using HevLayer;

            namespace Acme.Workers;

            [Pipeline("ingest-docs")]
            [Scaling(Pool = "cpu", MaxReplicas = 2)]
            public sealed partial class IngestDocs { }
            """);
        consumer.BuildSucceeds();
        using var tools = CsharpLs.Install();
        var path = Path.Combine(consumer.ProjectDirectory, "Workers.cs");
        var uri = new Uri(path).AbsoluteUri;
        var clean = File.ReadAllText(path);
        var aboveDev = Replace(clean, "MaxReplicas = 2", "MaxReplicas = 4");

        using var server = Start(consumer, tools, uri, clean);
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var version = WaitForLoad(server, uri, 1, aboveDev, d => Has(d, "HEVL002"));
        output.WriteLine($"project loaded and first HEVL002 after {loading.Elapsed.TotalSeconds:0.0} s");
        Measure(server, uri, ++version, clean, d => !Has(d, "HEVL"));

        var finding = Measure(server, uri, ++version, aboveDev, d => Has(d, "HEVL002"));
        AssertOn(finding, "HEVL002", aboveDev, "MaxReplicas = 4");
        var message = Assert.Single(finding.Diagnostics, d => Code(d) == "HEVL002")!["message"]!.GetValue<string>();
        Assert.StartsWith("in dev: ", message, StringComparison.Ordinal);
        Assert.Contains("MaxReplicas = 4 is above the ceiling of pool 'cpu'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(finding.Diagnostics, d => d?["message"]?.GetValue<string>().Contains("prod", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(finding.Diagnostics, d => Code(d)?.StartsWith("HEVL", StringComparison.Ordinal) == true && Code(d) != "HEVL002");

        var cleared = Measure(server, uri, ++version, clean, d => !Has(d, "HEVL"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"didChange -> HEVL002 in dev {finding.Seconds:0.000} s, -> clean {cleared.Seconds:0.000} s"));
    }

    /// <summary>csharp-ls <see cref="Version"/>, installed into a folder of its own, deleted on dispose.</summary>
    private sealed record CsharpLs(string Folder) : IDisposable
    {
        public string Executable => Path.Combine(Folder, "bin", "csharp-ls");

        /// <summary>
        /// Installed outside the consumer's folder, whose nuget.config lists only the test feed, into a packages
        /// folder of its own: what the machine's NuGet cache holds plays no part.
        /// </summary>
        public static CsharpLs Install()
        {
            var tools = Path.Combine(Path.GetTempPath(), "hevlayer-csharp-ls-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tools);
            var packages = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(tools, "packages") };
            var install = ProcessRunner.Run("dotnet", new[] { "tool", "install", "csharp-ls", "--version", Version, "--tool-path", Path.Combine(tools, "bin") }, tools, TimeSpan.FromMinutes(5), packages);
            Assert.True(install.ExitCode == 0, "dotnet tool install csharp-ls failed: " + install);
            return new CsharpLs(tools);
        }

        public void Dispose() => ConsumerProject.TryDelete(Folder);
    }

    /// <summary>Starts csharp-ls on the consumer with analyzers enabled, as an editor does, and opens <paramref name="uri"/> with <paramref name="text"/>.</summary>
    private static LspClient Start(ConsumerProject consumer, CsharpLs tools, string uri, string text)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = consumer.Package.PackagesFolder,
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
        };
        var server = new LspClient(tools.Executable, new[] { "--loglevel", "info" }, consumer.ProjectDirectory, environment, Settings);
        server.Request("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = new Uri(consumer.ProjectDirectory + Path.DirectorySeparatorChar).AbsoluteUri,
            ["capabilities"] = new JsonObject
            {
                ["textDocument"] = new JsonObject { ["publishDiagnostics"] = new JsonObject(), ["synchronization"] = new JsonObject { ["didSave"] = true } },
                ["workspace"] = new JsonObject { ["configuration"] = true, ["didChangeConfiguration"] = new JsonObject() },
            },
            ["initializationOptions"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
        }, TimeSpan.FromMinutes(1));
        server.Notify("initialized", new JsonObject());
        server.Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } } });
        server.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
        });

        return server;
    }

    /// <summary>
    /// Until the project has loaded, an edit shows nothing: repeats the edit to <paramref name="text"/> until its
    /// diagnostics satisfy <paramref name="accept"/>; returns the version last sent.
    /// </summary>
    private static int WaitForLoad(LspClient server, string uri, int version, string text, Func<JsonArray, bool> accept)
    {
        var loading = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var since = LspClient.Now;
            Change(server, uri, ++version, text);
            try
            {
                server.WaitForDiagnostics(uri, since, accept, TimeSpan.FromSeconds(10));
                return version;
            }
            catch (TimeoutException) when (loading.Elapsed < Load)
            {
            }
        }
    }

    private static JsonNode? Settings(JsonNode? parameters)
    {
        var items = parameters?["items"]?.AsArray() ?? new JsonArray();
        var result = new JsonArray();
        foreach (var item in items)
        {
            var section = item?["section"]?.GetValue<string>();
            result.Add(section switch
            {
                "csharp" => new JsonObject { ["analyzersEnabled"] = true },
                "csharp.analyzersEnabled" => true,
                _ => null,
            });
        }

        return result;
    }

    private static (JsonArray Diagnostics, double Seconds, bool Versioned) Measure(LspClient server, string uri, int version, string text, Func<JsonArray, bool> accept)
    {
        var since = LspClient.Now;
        Change(server, uri, version, text);
        var (diagnostics, at, versioned) = server.WaitForDiagnosticsOf(uri, version, since, accept, Quiet, Edit);
        return (diagnostics, (at - since) / (double)System.Diagnostics.Stopwatch.Frequency, versioned);
    }

    private static void Change(LspClient server, string uri, int version, string text) =>
        server.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });

    private static void AssertOn((JsonArray Diagnostics, double Seconds, bool Versioned) result, string id, string text, string argument)
    {
        var diagnostic = Assert.Single(result.Diagnostics, d => Code(d) == id)!;
        var offset = text.IndexOf(argument, StringComparison.Ordinal);
        var line = text.Take(offset).Count(c => c == '\n');
        var character = offset - (text.LastIndexOf('\n', offset - 1) + 1);
        var range = diagnostic["range"]!;
        Assert.Equal(
            (line, character, line, character + argument.Length),
            (range["start"]!["line"]!.GetValue<int>(), range["start"]!["character"]!.GetValue<int>(), range["end"]!["line"]!.GetValue<int>(), range["end"]!["character"]!.GetValue<int>()));
        Assert.Equal(1, diagnostic["severity"]!.GetValue<int>()); // Error
    }

    private static bool Has(JsonArray diagnostics, string prefix) => diagnostics.Any(d => Code(d)?.StartsWith(prefix, StringComparison.Ordinal) == true);

    private static string? Code(JsonNode? diagnostic) => diagnostic?["code"] is JsonValue code ? code.ToString() : null;

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}

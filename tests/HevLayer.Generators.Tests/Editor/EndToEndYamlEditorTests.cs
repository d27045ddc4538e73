using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using CsCheck;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Infrastructure;
using HevLayer.Generators.Tests.Properties;
using HevLayer.Policy.InfraRules;
using HevLayer.Policy.Manifests;
using Xunit;

namespace HevLayer.Generators.Tests.Editor;

/// <summary>The JSON Schemas in <c>schemas/</c> are what the policy core generates (no YAML server needed).</summary>
public sealed class SchemaFileTests
{
    private static readonly string SchemaFolder = Path.Combine(RepoPaths.Root, "schemas");

    [Fact]
    public void The_schema_files_are_what_the_policy_core_generates()
    {
        foreach (var (name, schema) in Schemas.All())
        {
            var path = Path.Combine(SchemaFolder, name);
            var expected = Schemas.Text(schema);
            if (Golden.Accepting)
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(File.Exists(path) && File.ReadAllText(path) == expected, $"{path} is not what `hevlayer schema` writes; run HEVLAYER_ACCEPT_GOLDEN=1 dotnet test --filter SchemaFileTests");
        }
    }
}

/// <summary>
/// The JSON Schemas in <c>schemas/</c>, proven with a real YAML editor client: yaml-language-server 2.0.0 from the
/// npm registry, driven over stdio, with each document pointing at its schema through the
/// <c># yaml-language-server: $schema=</c> modeline. It completes and flags what an editor user would see, accepts
/// the seed's example and the sample's file, and agrees with the analyzers on the corpus, the golden manifests and
/// the property-test documents: a document the analyzers find nothing in is clean under the schema, and a document
/// the schema flags is one the analyzers flag too.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndYamlEditorTests : IClassFixture<EndToEndYamlEditorTests.YamlServer>
{
    private static readonly string SchemaFolder = Path.Combine(RepoPaths.Root, "schemas");

    /// <summary>Rules whose whole condition a schema can state (a field's type, enum, constant, minimum or presence).</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "HEVL202", "HEVL203", "HEVL208", "HEVL212", "HEVL215", "HEVL216", "HEVL217", // InfraRules
        "HEVL004", "HEVL010", "HEVL101", "HEVL102", "HEVL502", "HEVL503", // workloads
    };
    private readonly YamlServer server;

    public EndToEndYamlEditorTests(YamlServer server) => this.server = server;

    [Fact]
    public void The_seeds_example_and_the_samples_file_are_clean()
    {
        var seed = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Corpus", "seed.yaml"));
        Assert.Empty(server.Diagnose("infrarules", seed));
        Assert.Empty(server.Diagnose("infrarules", File.ReadAllText(Path.Combine(RepoPaths.SampleWorkers, "infrarules.yaml"))));
    }

    [Fact]
    public void A_misspelt_pool_field_is_flagged_on_its_key()
    {
        var text = "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: default\nspec:\n  computePools:\n    - name: cpu\n      kind: cpu\n      maxReplicasPerWorkload: 20\n      maxReplicaPerWorkload: 30\n";

        var diagnostics = server.Diagnose("infrarules", text);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("maxReplicaPerWorkload", diagnostic["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(10, diagnostic["range"]!["start"]!["line"]!.GetValue<int>()); // 0-based, after the modeline
    }

    [Fact]
    public void An_unknown_scaling_mode_is_flagged_with_the_three_modes()
    {
        var text = "apiVersion: hevlayer.com/v1alpha1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n  worker:\n    image: x:1\n  scaling:\n    pool: cpu\n    mode: sometimes\n    replicas: {min: 0, max: 2}\n";

        var diagnostic = Assert.Single(server.Diagnose("pipeline", text));

        var message = diagnostic["message"]!.GetValue<string>();
        Assert.Contains("autoscale", message, StringComparison.Ordinal);
        Assert.Contains("disabled", message, StringComparison.Ordinal);
        Assert.Equal(10, diagnostic["range"]!["start"]!["line"]!.GetValue<int>());
    }

    [Fact]
    public void MaxReplicasPerWorkload_is_completed_under_a_pool()
    {
        var text = "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata:\n  name: default\nspec:\n  computePools:\n    - name: cpu\n      kind: cpu\n      max\n";

        var labels = server.Complete("infrarules", text, line: 9, character: 9);

        Assert.Contains("maxReplicasPerWorkload", labels);
    }

    [Fact]
    public void Schema_and_analyzers_agree_on_the_corpus_the_goldens_and_the_property_documents()
    {
        var documents = new List<(string Schema, string Name, string Text, IReadOnlyList<string> Findings)>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Corpus")).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = global::HevLayer.Cli.Inputs.Decode(File.ReadAllBytes(file));
            documents.Add(("infrarules", Path.GetFileName(file), text, InfraRulesReader.Read(file, text).Findings.Select(f => f.RuleId).ToList()));
        }

        var pcg = new PCG(7, PropertyRun.Seed);
        for (var i = 0; i < 40; i++)
        {
            var doc = InfraRulesProperties.DocGen.Generate(pcg, null, out _);
            var text = doc.Render();
            documents.Add(("infrarules", "property case " + i, text, InfraRulesReader.Read("p.yaml", text).Findings.Select(f => f.RuleId).ToList()));
        }

        foreach (var file in Directory.GetFiles(RepoPaths.Golden, "*.yaml", SearchOption.AllDirectories).Where(f => f.Contains("manifests", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var stream = WorkloadManifestReader.Read(file, text);
            var kind = stream.Workloads[0].Declared.Kind.ToString().ToLowerInvariant();
            documents.Add((kind, Path.GetFileName(file), text, ManifestCheck.Check(new[] { stream }, null, infraRulesNamed: true).Select(f => f.Finding.RuleId).ToList()));
        }

        var disagreements = new List<string>();
        foreach (var (schema, name, text, findings) in documents)
        {
            if (text.Contains('\uFFFD', StringComparison.Ordinal) || text.Length > 100_000)
            {
                continue; // Not text a YAML editor opens as such; the analyzers refuse it (HEVL220, HEVL222).
            }

            var flagged = server.Diagnose(schema, text).Count;
            if (findings.Count == 0 && flagged > 0)
            {
                disagreements.Add($"{name}: the analyzers find nothing, the schema flags {flagged}");
            }

            // One known difference: YAML merge keys ('<<'), which yaml-language-server and kubectl resolve and the
            // analyzers refuse as an unknown field (HEVL216; README, "InfraRules files"), so the schema sees the merged pool.
            var structural = findings.Where(id => Structural.Contains(id)).ToList();
            if (structural.Count > 0 && flagged == 0 && name != "merge-keys.yaml")
            {
                disagreements.Add($"{name}: the analyzers report {string.Join(", ", structural)}, which the schema expresses, and the schema flags nothing");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(documents.Count >= 60, "documents: " + documents.Count);
    }

    /// <summary>yaml-language-server installed with npm into a temporary folder and started once for the class.</summary>
    public sealed class YamlServer : IDisposable
    {
        public const string Version = "2.0.0";
        private readonly string root = Path.Combine(Path.GetTempPath(), "hevlayer-yaml-ls-" + Guid.NewGuid().ToString("N"));
        private readonly LspClient client;
        private int documents;

        public YamlServer()
        {
            // Exactly the packages of the committed lockfile (npm ci), whatever the registry has published since.
            Directory.CreateDirectory(root);
            var locked = Path.Combine(RepoPaths.Root, "tests", "HevLayer.Generators.Tests", "Editor", "yaml-language-server");
            File.Copy(Path.Combine(locked, "package.json"), Path.Combine(root, "package.json"));
            File.Copy(Path.Combine(locked, "package-lock.json"), Path.Combine(root, "package-lock.json"));
            var install = ProcessRunner.Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, root, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, "npm ci (yaml-language-server) failed: " + install);
            var installed = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "node_modules", "yaml-language-server", "package.json")))!["version"]!.GetValue<string>();
            Assert.True(installed == Version, $"the lockfile installs yaml-language-server {installed}, not {Version}");
            var entry = Path.Combine(root, "node_modules", "yaml-language-server", "bin", "yaml-language-server");
            client = new LspClient("node", new[] { entry, "--stdio" }, root, new Dictionary<string, string?>(), Settings);
            client.Request("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri,
                ["capabilities"] = new JsonObject
                {
                    ["textDocument"] = new JsonObject
                    {
                        ["publishDiagnostics"] = new JsonObject(),
                        ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = false } },
                    },
                    ["workspace"] = new JsonObject { ["configuration"] = true },
                },
            }, TimeSpan.FromMinutes(1));
            client.Notify("initialized", new JsonObject());
            client.Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["yaml"] = YamlSettings() } });
        }

        /// <summary>Opens <paramref name="text"/> with a modeline naming the schema, and returns the diagnostics the server publishes.</summary>
        public IReadOnlyList<JsonNode> Diagnose(string schema, string text)
        {
            var uri = Open(schema, text);
            var (diagnostics, _) = client.WaitForDiagnostics(uri, 0, _ => true, TimeSpan.FromSeconds(30));
            client.Notify("textDocument/didClose", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } });
            return diagnostics.Where(d => d is not null).Select(d => d!).ToList();
        }

        /// <summary>The labels the server offers at a position of <paramref name="text"/> (lines count the modeline).</summary>
        public IReadOnlyList<string> Complete(string schema, string text, int line, int character)
        {
            var uri = Open(schema, text);
            client.WaitForDiagnostics(uri, 0, _ => true, TimeSpan.FromSeconds(30));
            var result = client.Request("textDocument/completion", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri },
                ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
            }, TimeSpan.FromSeconds(30));
            var items = result is JsonArray array ? array : result?["items"]?.AsArray() ?? new JsonArray();
            return items.Select(i => i!["label"]!.GetValue<string>()).ToList();
        }

        public void Dispose()
        {
            client.Dispose();
            ConsumerProject.TryDelete(root);
        }

        private static JsonObject YamlSettings() => new()
        {
            ["validate"] = true,
            ["completion"] = true,
            ["hover"] = true,
            ["format"] = new JsonObject { ["enable"] = false },
            ["schemaStore"] = new JsonObject { ["enable"] = false },
        };

        private static JsonNode? Settings(JsonNode? parameters)
        {
            var result = new JsonArray();
            foreach (var item in parameters?["items"]?.AsArray() ?? new JsonArray())
            {
                result.Add(item?["section"]?.GetValue<string>() == "yaml" ? YamlSettings() : null);
            }

            return result;
        }

        private string Open(string schema, string text)
        {
            var uri = new Uri(Path.Combine(root, "doc" + (++documents) + ".yaml")).AbsoluteUri;
            var modeline = "# yaml-language-server: $schema=" + new Uri(Path.Combine(SchemaFolder, schema + ".schema.json")).AbsoluteUri + "\n";
            client.Notify("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = 1, ["text"] = modeline + text },
            });
            return uri;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HevLayer.Generators.Tests.Infrastructure;
using Xunit;

namespace HevLayer.Generators.Tests.Cli;

/// <summary>
/// The environment options of <c>check</c>, <c>diff</c> and <c>import</c> under arbitrary command lines from a
/// fixed seed: every run ends with exit code 0, 1 or 2, a usage problem says so on one <c>hevlayer:</c> line,
/// and nothing ever ends in a stack trace or HEVL900. No command line here reaches a cluster or a build:
/// projects and manifests folders are missing or hold no project.
/// </summary>
public sealed class EnvironmentArgumentsPropertyTests : IDisposable
{
    private const string Workload = """
        apiVersion: hevlayer.com/v1alpha1
        kind: Pipeline
        metadata: {name: ingest, namespace: search}
        spec:
          worker: {image: "ghcr.io/acme/x:1"}
          scaling: {pool: cpu, replicas: {min: 0, max: 4}}
        """;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "hevlayer-envargs-" + Guid.NewGuid().ToString("N"));

    public EnvironmentArgumentsPropertyTests() => Directory.CreateDirectory(Path.Combine(folder, "empty"));

    public void Dispose() => ConsumerProject.TryDelete(folder);

    [Fact]
    public void Any_mix_of_environment_options_exits_0_1_or_2_without_a_stack_trace_and_names_the_environment()
    {
        var dev = Write("dev.yaml", Workload);
        var prod = Write("prod.yaml", Workload.Replace("max: 4", "max: 9", StringComparison.Ordinal) + "---\n" + Workload.Replace("ingest", "other", StringComparison.Ordinal));
        var infra = Write("infra.yaml", "apiVersion: hevlayer.com/v1alpha1\nkind: InfraRules\nmetadata: {name: default}\nspec:\n  computePools:\n    - {name: cpu, kind: cpu, maxReplicasPerWorkload: 2}\n");
        var project = Write("app.csproj", $"<Project>\n  <ItemGroup>\n    <HevLayerEnvironment Include=\"dev\" InfraRules=\"infra.yaml\" />\n    <HevLayerEnvironment Include=\"prod\" />\n  </ItemGroup>\n</Project>\n");
        var names = new[] { "dev", "prod", "staging", "dev", "prod", "Dev", "prd", "qa", "-", string.Empty, "a,b", "é", "dev=" + dev };
        var specs = new[] { "dev=" + dev, "prod=" + prod, "dev=-", "prod=" + Path.Combine(folder, "empty"), "=", "dev=", "dev==x", "Dev=" + dev, "x=" + Path.Combine(folder, "missing.yaml"), "dev" };
        var random = new Random(25);
        var codes = new int[3];
        for (var run = 0; run < 200; run++)
        {
            var args = new List<string>();
            string? environment = null;
            switch (random.Next(5))
            {
                case 0:
                case 1:
                case 2:
                    args.AddRange(new[] { "check", Pick(random, new[] { dev, prod, "-", Path.Combine(folder, "missing.yaml") }) });
                    if (random.Next(4) > 0)
                    {
                        environment = Pick(random, names);
                        args.AddRange(new[] { "--environment", environment });
                    }

                    if (random.Next(2) == 0)
                    {
                        args.AddRange(new[] { "--infrarules", Pick(random, new[] { infra, infra, Path.Combine(folder, "missing.yaml") }) });
                    }

                    if (random.Next(12) == 0)
                    {
                        // A real MSBuild evaluation: rare, since each takes a second.
                        args.AddRange(new[] { "--project", Pick(random, new[] { project, Path.Combine(folder, "empty"), Path.Combine(folder, "missing") }) });
                    }

                    if (random.Next(3) == 0)
                    {
                        args.AddRange(new[] { "--format", Pick(random, new[] { "text", "json", "sarif", "xml" }) });
                    }

                    break;
                case 3:
                    args.AddRange(new[] { "import", "--out", Path.Combine(folder, "out" + run) });
                    for (var n = random.Next(0, 4); n > 0; n--)
                    {
                        args.AddRange(new[] { "--environment", Pick(random, specs) });
                    }

                    if (random.Next(4) == 0)
                    {
                        args.Add(dev);
                    }

                    if (random.Next(2) == 0)
                    {
                        args.Add("--force");
                    }

                    break;
                default:
                    // No cluster is asked: the folders hold no environment folder, and the projects are missing.
                    args.AddRange(new[] { "diff", Pick(random, new[] { "--manifests", "--project" }), Pick(random, new[] { Path.Combine(folder, "empty"), Path.Combine(folder, "missing") }), "--environment", Pick(random, names) });
                    break;
            }

            var (code, stdout, stderr) = CheckCommandTests.Run(Workload, args.ToArray());

            var line = string.Join(" ", args);
            Assert.True(code is 0 or 1 or 2, $"{line}: exit {code}");
            codes[code]++;
            Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("HEVL900", stdout + stderr, StringComparison.Ordinal);
            if (code == 2)
            {
                Assert.True(stderr.StartsWith("hevlayer: ", StringComparison.Ordinal), $"{line}: {stderr}");
            }
            else if (args[0] == "check" && environment is not null && !args.Contains("--format"))
            {
                // Every finding about a workload names the environment it was checked in.
                Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("infra.yaml(", StringComparison.Ordinal)), l => Assert.Contains(": in " + environment + ": ", l, StringComparison.Ordinal));
            }
        }

        // The seed reaches past the usage errors: findings and clean runs too.
        Assert.True(codes[0] > 10 && codes[1] > 10 && codes[2] > 10, string.Join(", ", codes));
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

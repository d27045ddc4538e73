using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CsCheck;
using HevLayer.Cli;
using HevLayer.Generators.Tests.Cli;
using Xunit;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// <c>hevlayer import --environment</c> over generated environments: two or three environments of one to three
/// workloads, each workload's environment-capable fields (README: <c>[Scaling]</c>, <c>[Worker]</c>, <c>[Retry]</c>,
/// <c>[Schedule]</c>, <c>[Label]</c>, <c>[Annotation]</c>, <c>[NodeSelector]</c>, <c>[Toleration]</c>,
/// <c>[IndexSelector]</c>) present, absent or different in each, and the namespace set per environment or in some
/// environments only. The oracle is the input itself (README, "Import several environments"): such differences are
/// all expressible, so the import reports nothing, and building the classes for each environment gives back that
/// environment's manifests as data, with the defaults the build writes filled in (README: a missing mode is
/// autoscale, a missing min 0, paused false, the managed-by label, and a missing namespace <c>default</c>).
/// </summary>
public sealed class EnvironmentImportProperties
{
    private static readonly string[] EnvironmentNames = { "dev", "staging", "prod" };

    [Fact]
    public void Differences_attributes_can_carry_import_without_findings_and_build_back_to_each_environment()
    {
        // Each case compiles its classes with the real generator (about a fifth of a second): a hundred cases by
        // default, fewer when HEVLAYER_PROPERTY_CASES lowers the count (the mutation run), never none.
        PropertyRun.ForAll(Gen.Int, Math.Max(3, PropertyRun.Cases / 100), 31, seed =>
        {
            var inputs = Inputs(seed);
            var data = inputs.ToDictionary(i => i.Environment, i => ManifestData.Workloads(i.Yaml).Select(Normalize).ToList());

            // README: the build writes spec.scaling in every environment, so a workload with a scaling block in some
            // environments and none in another is HEVL506 in that one, at its metadata.name; --force gives it the
            // scaling of the first environment (in the command's order) that has one.
            var expectedFindings = new List<string>();
            foreach (var (environment, yaml) in inputs)
            {
                foreach (var manifest in data[environment].Where(m => !Spec(m).ContainsKey("scaling")))
                {
                    var name = (string)((SortedDictionary<string, object>)manifest["metadata"])["name"];
                    var first = inputs.Select(i => data[i.Environment].Single(m => Same(m, manifest))).First(m => Spec(m).ContainsKey("scaling"));
                    Spec(manifest)["scaling"] = Spec(first)["scaling"];
                    var line = yaml[..yaml.IndexOf("\n  name: " + name["str:".Length..] + "\n", StringComparison.Ordinal)].Count(c => c == '\n') + 2;
                    expectedFindings.Add($"{environment}.yaml({line},3): warning HEVL506: in {environment}: spec.scaling cannot be expressed with HevLayer attributes (it has no scaling block");
                }
            }

            var plan = ImportEnvironmentTests.Plan(inputs);
            var findings = Reports.Text(plan.Findings, strict: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expectedFindings.Count, findings.Length);
            foreach (var expected in expectedFindings)
            {
                Assert.True(findings.Any(f => f.Contains(expected, StringComparison.Ordinal)), expected + "\nnot among\n" + string.Join("\n", findings));
            }

            var built = ImportEnvironmentTests.BuildBack(plan);
            foreach (var (environment, _) in inputs)
            {
                var expected = data[environment].OrderBy(ManifestData.Key, StringComparer.Ordinal).Select(ManifestData.Render);
                var actual = built[environment].Select(m => Normalize(ManifestData.Single(m.Yaml))).OrderBy(ManifestData.Key, StringComparer.Ordinal).Select(ManifestData.Render);
                Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
            }
        }, seed => string.Join("\n", Inputs(seed).Select(i => "# " + i.Environment + "\n" + i.Yaml)));
    }

    private static SortedDictionary<string, object> Spec(SortedDictionary<string, object> manifest) => (SortedDictionary<string, object>)manifest["spec"];

    private static bool Same(SortedDictionary<string, object> a, SortedDictionary<string, object> b) =>
        ManifestData.Render(a["kind"]) == ManifestData.Render(b["kind"])
        && ManifestData.Render(((SortedDictionary<string, object>)a["metadata"])["name"]) == ManifestData.Render(((SortedDictionary<string, object>)b["metadata"])["name"]);

    /// <summary>The environments' inputs of one case, as <c>kubectl kustomize</c> would print them.</summary>
    internal static (string Environment, string Yaml)[] Inputs(int seed)
    {
        var random = new Random(seed);
        var environments = EnvironmentNames.Take(random.Next(2, 4)).ToArray();

        // One namespace choice per environment, for all of its workloads: none, one every environment may share,
        // or the environment's own. A namespace differing between environments is the environment's Namespace
        // metadata, which must then be the same for every workload of that environment (else HEVL506).
        var namespaces = environments.ToDictionary(e => e, e => Pick(random, null, "search", "search-" + e));

        var workloads = Enumerable.Range(0, random.Next(1, 4)).Select(i => Identity(random, i)).ToList();
        var texts = environments.ToDictionary(e => e, _ => new StringBuilder());
        foreach (var workload in workloads)
        {
            // A scaling block in some environments and not in others (never in none: the build writes no workload without a pool).
            var withoutScaling = environments.Where(_ => random.Next(6) == 0).ToList();
            if (withoutScaling.Count == environments.Length)
            {
                withoutScaling.RemoveAt(0);
            }

            foreach (var environment in environments)
            {
                var text = texts[environment];
                if (text.Length > 0)
                {
                    text.Append("---\n");
                }

                text.Append(Manifest(random, workload, namespaces[environment], !withoutScaling.Contains(environment)));
            }
        }

        return environments.Select(e => (e, texts[e].ToString())).ToArray();
    }

    /// <summary>What must be the same in every environment: the kind, the name and what [Pipeline]/[Function] carry.</summary>
    private sealed record WorkloadIdentity(bool Function, string Name, bool Paused, string Triggers, string TargetNamespaces);

    private static WorkloadIdentity Identity(Random random, int index) => new(
        random.Next(2) == 0,
        "work-" + index.ToString(CultureInfo.InvariantCulture) + Pick(random, string.Empty, "-a", "-b"),
        random.Next(4) == 0,
        Pick(random, "[write]", "[discovery, schedule]", "[schedule]")!,
        Pick(random, "[docs]", "[docs, logs]")!);

    private static string Manifest(Random random, WorkloadIdentity workload, string? ns, bool scaling)
    {
        var text = new StringBuilder("apiVersion: hevlayer.com/v1alpha1\nkind: ")
            .Append(workload.Function ? "Function" : "Pipeline").Append("\nmetadata:\n");
        Pairs(text, "  ", "annotations", random, ("owner", new[] { "search-oncall", "search-dev-oncall" }));
        Pairs(text, "  ", "labels", random, ("team", new[] { "search", "ops" }), ("tier", new[] { "critical", "low" }));
        text.Append("  name: ").Append(workload.Name).Append('\n');
        if (ns is not null)
        {
            text.Append("  namespace: ").Append(ns).Append('\n');
        }

        text.Append("spec:\n");
        if (workload.Function)
        {
            Pairs(text, "  ", "indexSelector", random, ("tier", new[] { "gold", "silver" }), ("corpus", new[] { "docs" }));
        }

        if (workload.Paused)
        {
            text.Append("  paused: true\n");
        }

        if (random.Next(3) == 0)
        {
            var retry = Fields(random, ("maxAttempts", new[] { "3", "5" }), ("initialBackoffSeconds", new[] { "1", "2" }), ("maxBackoffSeconds", new[] { "30", "60" }));
            if (retry.Length > 0)
            {
                text.Append("  retry: {").Append(retry).Append("}\n");
            }
        }

        if (scaling)
        {
            text.Append("  scaling:\n");
            var mode = Pick(random, null, "autoscale", "fixed", "disabled");
            if (mode is not null)
            {
                text.Append("    mode: ").Append(mode).Append('\n');
            }

            text.Append("    pool: ").Append(Pick(random, "cpu", "gpu")).Append('\n');
            if (mode == "fixed")
            {
                // Fixed mode runs min; the build writes max equal to it (README), so an input the build could write has max = min.
                var min = Pick(random, "1", "2");
                text.Append("    replicas: {max: ").Append(min).Append(", min: ").Append(min).Append("}\n");
            }
            else
            {
                var min = Pick(random, null, "0", "1");
                text.Append("    replicas: {max: ").Append(Pick(random, "2", "4", "12")).Append(min is null ? string.Empty : ", min: " + min).Append("}\n");
            }
        }

        if (workload.Function)
        {
            if (random.Next(2) == 0)
            {
                var schedule = Fields(random, ("discoveryIntervalSeconds", new[] { "600", "3600" }), ("leaseSeconds", new[] { "30" }), ("maxConcurrentScans", new[] { "1", "2" }), ("maxInFlightBatches", new[] { "4" }));
                if (schedule.Length > 0)
                {
                    text.Append("  schedule: {").Append(schedule).Append("}\n");
                }
            }

            text.Append("  targetNamespaces: ").Append(workload.TargetNamespaces).Append('\n');
            text.Append("  triggers: ").Append(workload.Triggers).Append('\n');
        }

        text.Append("  worker:\n");
        if (random.Next(3) == 0)
        {
            text.Append("    batchSize: ").Append(Pick(random, "10", "50")).Append('\n');
        }

        text.Append("    image: ").Append(Pick(random, "ghcr.io/acme/w:1.4.2", "ghcr.io/acme/w:1.5.0")).Append('\n');
        var nodeSelector = new StringBuilder();
        Pairs(nodeSelector, "      ", "nodeSelector", random, ("kubernetes.io/arch", new[] { "amd64", "arm64" }), ("zone", new[] { "a", "b" }));
        var tolerations = Tolerations(random);
        var account = Pick(random, null, null, "search-workers", "ops-workers");
        if (nodeSelector.Length > 0 || tolerations.Length > 0 || account is not null)
        {
            text.Append("    podSpec:\n").Append(nodeSelector);
            if (account is not null)
            {
                text.Append("      serviceAccountName: ").Append(account).Append('\n');
            }

            text.Append(tolerations);
        }

        if (random.Next(3) == 0)
        {
            text.Append("    timeoutSeconds: ").Append(Pick(random, "60", "300")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Up to three tolerations from a few, so that environments often start alike and then part.</summary>
    private static string Tolerations(Random random)
    {
        string[] known =
        {
            "      - key: spot\n        operator: Exists\n",
            "      - effect: NoSchedule\n        key: dedicated\n        operator: Equal\n        value: search\n",
            "      - effect: NoExecute\n        key: node.kubernetes.io/unreachable\n        operator: Exists\n        tolerationSeconds: 300\n",
            "      - operator: Exists\n",
        };
        var count = random.Next(0, 4);
        if (count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("      tolerations:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(known[random.Next(i == 0 ? 2 : known.Length)]);
        }

        return text.ToString();
    }

    /// <summary>A block map of some of <paramref name="keys"/>, each with one of its values; nothing when none is chosen.</summary>
    private static void Pairs(StringBuilder text, string indent, string name, Random random, params (string Key, string[] Values)[] keys)
    {
        var chosen = keys.Where(_ => random.Next(3) > 0).Select(k => (k.Key, Value: k.Values[random.Next(k.Values.Length)])).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        text.Append(indent).Append(name).Append(":\n");
        if (name == "indexSelector")
        {
            text.Append(indent).Append("  matchLabels:\n");
            indent += "  ";
        }

        foreach (var (key, value) in chosen)
        {
            text.Append(indent).Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        }
    }

    /// <summary>Flow-map entries for some of <paramref name="fields"/>.</summary>
    private static string Fields(Random random, params (string Key, string[] Values)[] fields) =>
        string.Join(", ", fields.Where(_ => random.Next(2) == 0).Select(f => f.Key + ": " + f.Values[random.Next(f.Values.Length)]));

    private static string? Pick(Random random, params string?[] values) => values[random.Next(values.Length)];

    /// <summary>The manifest as data with the build's defaults (README), a missing namespace included.</summary>
    private static SortedDictionary<string, object> Normalize(YamlDotNet.RepresentationModel.YamlMappingNode manifest)
    {
        var data = ImportEnvironmentTests.Normalize(manifest);
        ((SortedDictionary<string, object>)data["metadata"]).TryAdd("namespace", "str:default");
        return data;
    }
}

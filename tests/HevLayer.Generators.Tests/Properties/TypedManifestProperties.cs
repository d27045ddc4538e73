using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using HevLayer.Generators.Emit;
using HevLayer.Manifests;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using YamlDotNet.RepresentationModel;
using PolicyMode = HevLayer.Policy.Model.ScalingMode;

namespace HevLayer.Generators.Tests.Properties;

/// <summary>
/// The typed manifest is built at run time from the YAML the generator emitted. For generated workloads
/// with hostile strings everywhere a string may go, the typed manifest says exactly what the model that
/// produced the YAML says, and agrees with YamlDotNet reading the same text; and every string the
/// generator writes into C# reads back as the same string.
/// </summary>
public sealed class TypedManifestProperties
{
    private static readonly string[] Pieces =
    {
        "a", "z", "0", "-", "ingest", "A", "_", ".", " ", ":", "# x", "- y", "é", "日", "\0", "\n", "\r", "\t", "\"", "\\", "/",
        "\uD800", "\uDC00", "\U0001F600", "\u202E", "\u0085", "\u2028", "\u2029", "\u007F", "\uFEFF", "true", "null", "0x1F", "'",
    };

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Const(string.Empty),
        Gen.OneOfConst(Pieces).Array[1, 6].Select(string.Concat));

    private static readonly Gen<string> NonEmpty = Gen.OneOfConst(Pieces).Array[1, 6].Select(string.Concat);

    private static readonly Gen<string> Label = Gen.OneOfConst("a", "ingest", "team-2", "x9", "docs-1");

    private static readonly Gen<int?> OptionalInt = Gen.OneOf(Gen.Const((int?)null), Gen.Int.Select(i => (int?)i));

    private static readonly Gen<EquatableArray<KeyValue>> Pairs =
        Gen.Select(NonEmpty, Text, (k, v) => new KeyValue(k, v)).Array[0, 4].Select(a => new EquatableArray<KeyValue>(a));

    private static readonly Gen<EquatableArray<string>> Strings = NonEmpty.Array[0, 3].Select(a => new EquatableArray<string>(a));

    private static readonly Gen<FunctionModel?> Function = Gen.OneOf(
        Gen.Const((FunctionModel?)null),
        from triggers in Gen.Int[0, 7]
        from targets in Strings
        from inputs in Strings
        from version in Gen.OneOf(Gen.Const((string?)null), Text.Select(t => (string?)t))
        from filter in Strings
        from schedule in Gen.OneOf(
            Gen.Const((ScheduleModel?)null),
            Gen.Select(OptionalInt, OptionalInt, OptionalInt, OptionalInt, (a, b, c, d) => (ScheduleModel?)new ScheduleModel(a, b, c, d)))
        from indexSelector in Pairs
        select (FunctionModel?)new FunctionModel((HevLayer.Policy.Model.FunctionTriggers)triggers, targets, inputs, version, filter, schedule, indexSelector));

    private static readonly Gen<EquatableArray<TolerationModel>> Tolerations =
        (from key in Text
         from op in Text
         from value in Text
         from effect in Text
         from seconds in Gen.OneOf(Gen.Const((long?)null), Gen.Long.Select(l => (long?)l))
         select new TolerationModel(key, op, value, effect, seconds)).Array[0, 3].Select(a => new EquatableArray<TolerationModel>(a));

    internal static readonly Gen<WorkloadModel> Workload =
        from name in Label
        from ns in Label
        from paused in Gen.Bool
        from labels in Pairs
        from annotations in Pairs
        from pool in NonEmpty
        from mode in Gen.Int[0, 2]
        from min in Gen.Int
        from max in OptionalInt
        from image in NonEmpty
        from batch in OptionalInt
        from timeout in OptionalInt
        from nodeSelector in Pairs
        from tolerations in Tolerations
        from serviceAccount in Gen.OneOf(Gen.Const((string?)null), Text.Select(t => (string?)t))
        from retry in Gen.OneOf(
            Gen.Const((RetryModel?)null),
            Gen.Select(OptionalInt, OptionalInt, OptionalInt, (a, b, c) => (RetryModel?)new RetryModel(a, b, c)))
        from function in Function
        from sourceType in NonEmpty
        select new WorkloadModel(
            function is null ? WorkloadKind.Pipeline : WorkloadKind.Function,
            name,
            ns,
            paused,
            labels,
            annotations,
            new ScalingModel(pool, (PolicyMode)mode, min, max),
            new WorkerModel(image, batch, timeout, nodeSelector, tolerations, serviceAccount),
            retry,
            function,
            sourceType);

    [Fact]
    public void The_typed_manifest_says_what_the_model_says_and_what_YamlDotNet_reads()
    {
        PropertyRun.ForAll(Workload, PropertyRun.Cases, 11, Check, w => w.ToString());
    }

    [Fact]
    public void Hostile_names_and_namespaces_travel_to_the_typed_manifest_and_its_file_name()
    {
        // Names and namespaces the analyzers would refuse still travel as they are once in the facts.
        PropertyRun.ForAll(Gen.Select(Workload, NonEmpty, NonEmpty), PropertyRun.Cases, 13, t =>
        {
            var (model, name, ns) = t;
            var facts = WorkloadFacts.From(model);
            facts.Name = name;
            facts.Namespace = ns;
            WorkloadManifest typed = model.Function is null
                ? Generated.Pipeline(new GeneratedWorkloadAttribute(facts.Pack()), "T")
                : Generated.Function(new GeneratedWorkloadAttribute(facts.Pack()), "T");
            Assert.Equal((name, ns), (typed.Metadata.Name, typed.Metadata.Namespace));
            Assert.Equal(ReadmeFileName(typed.Kind, ns, name), typed.FileName);
        });
    }

    [Fact]
    public void Every_string_the_generator_writes_into_CSharp_reads_back_unchanged()
    {
        PropertyRun.ForAll(Text, PropertyRun.Cases, 12, value =>
        {
            var tree = CSharpSyntaxTree.ParseText("class C { const string S = " + SourceEmitter.Literal(value) + "; }");
            Assert.Empty(tree.GetDiagnostics());
            var literal = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single();
            Assert.Equal(value, literal.Token.ValueText);
            Assert.Single(tree.GetText().Lines);
        });
    }

    [Fact]
    public void A_class_without_the_facts_attribute_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Generated.Pipeline(typeof(TypedManifestProperties)));
        Assert.Contains("[GeneratedWorkload]", e.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(TypedManifestProperties), e.Message, StringComparison.Ordinal);
    }

    /// <summary>The attribute the generator would write for <paramref name="facts"/>, as the runtime sees it.</summary>
    private static GeneratedWorkloadAttribute Attribute(WorkloadFacts facts) => new(facts.Pack());

    private static void Check(WorkloadModel model)
    {
        var yaml = ManifestWriter.Write(model);
        var facts = WorkloadFacts.From(model);

        // The facts carry the manifest: rendering what the build task unpacks gives the same bytes.
        var unpacked = WorkloadFacts.Unpack(facts.Pack());
        unpacked.SourceType = facts.SourceType;
        Assert.Equal(yaml, ManifestWriter.Write(unpacked.ToModel()));
        WorkloadManifest typed;
        if (model.Function is null)
        {
            var pipeline = Generated.Pipeline(Attribute(facts), facts.SourceType);
            Assert.Equal(model.Paused, pipeline.Spec.Paused);
            CheckWorker(model, pipeline.Spec.Worker, pipeline.Spec.Retry);
            typed = pipeline;
        }
        else
        {
            var function = Generated.Function(Attribute(facts), facts.SourceType);
            var spec = function.Spec;
            var f = model.Function;
            Assert.Equal(model.Paused, spec.Paused);
            Assert.Equal(Y(f.TargetNamespaces), spec.TargetNamespaces);
            Assert.Equal(ReadmeTriggers((int)f.Triggers), spec.Triggers);
            Assert.Equal(Y(f.Inputs), spec.Inputs);
            Assert.Equal(string.IsNullOrEmpty(f.Version) ? null : Y(f.Version!), spec.Version);
            Assert.Equal(Y(f.Filter), spec.Filter);
            var s = f.Schedule;
            if (s is null || (s.DiscoveryIntervalSeconds ?? s.LeaseSeconds ?? s.MaxInFlightBatches ?? s.MaxConcurrentScans) is null)
            {
                Assert.Null(spec.Schedule);
            }
            else
            {
                Assert.Equal(
                    (s.DiscoveryIntervalSeconds, s.LeaseSeconds, s.MaxInFlightBatches, s.MaxConcurrentScans),
                    (spec.Schedule!.DiscoveryIntervalSeconds, spec.Schedule.LeaseSeconds, spec.Schedule.MaxInFlightBatches, spec.Schedule.MaxConcurrentScans));
            }

            CheckWorker(model, spec.Worker, spec.Retry);
            typed = function;
        }

        Assert.Equal(model.Function is null ? "Pipeline" : "Function", typed.Kind);
        Assert.Equal(model.Name, typed.Metadata.Name);
        Assert.Equal(model.Namespace, typed.Metadata.Namespace);
        Assert.Equal(ReadmeLabels(model), Sorted(typed.Metadata.Labels));
        Assert.Equal(Y(ManifestWriter.EffectiveAnnotations(model)), Sorted(typed.Metadata.Annotations));
        var scaling = model.Scaling!;
        Assert.Equal(Y(scaling.Pool!), typed.Scaling.Pool);
        Assert.Equal((int)scaling.Mode, (int)typed.Scaling.Mode);
        Assert.Equal(scaling.MinReplicas, typed.Scaling.MinReplicas);
        // The README's field table: in fixed mode replicas.max is written equal to min.
        Assert.Equal(scaling.Mode == PolicyMode.Fixed ? scaling.MinReplicas : scaling.MaxReplicas ?? 0, typed.Scaling.MaxReplicas);
        Assert.Equal(model.SourceType, typed.SourceType);
        Assert.Equal(ReadmeFileName(typed.Kind, model.Namespace!, model.Name), typed.FileName);

        // An independent reader of the same text agrees on every string map.
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidOperationException("YamlDotNet cannot read:\n" + string.Concat(yaml.Select(c => c < ' ' && c != '\n' || c > '~' ? "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())), e);
        }

        var metadata = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["metadata"];
        Assert.Equal(Sorted(typed.Metadata.Labels), StringMap(metadata, "labels"));
        Assert.Equal(Sorted(typed.Metadata.Annotations), StringMap(metadata, "annotations"));
    }

    private static void CheckWorker(WorkloadModel model, WorkerSpec worker, RetrySpec? retry)
    {
        Assert.Equal((Y(model.Worker.Image!), model.Worker.BatchSize, model.Worker.TimeoutSeconds), (worker.Image, worker.BatchSize, worker.TimeoutSeconds));
        if (!model.Worker.HasPodSpec)
        {
            Assert.Null(worker.PodSpec);
        }
        else
        {
            // The last value of a repeated key, in ordinal key order; tolerations in declaration order, as written.
            var selector = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in model.Worker.NodeSelector)
            {
                selector[Y(pair.Key)] = Y(pair.Value);
            }

            Assert.Equal(Sorted(selector), Sorted(worker.PodSpec!.NodeSelector));
            Assert.Equal(
                model.Worker.Tolerations.Select(t => (Y(t.Key), Y(t.Operator), Y(t.Value), Y(t.Effect), t.Seconds)),
                worker.PodSpec.Tolerations.Select(t => (t.Key, t.Operator, t.Value, t.Effect, t.TolerationSeconds)));
            Assert.Equal(model.Worker.ServiceAccountName is { Length: > 0 } account ? Y(account) : null, worker.PodSpec.ServiceAccountName);
        }

        var r = model.Retry;
        if (r is null || (r.MaxAttempts ?? r.InitialBackoffSeconds ?? r.MaxBackoffSeconds) is null)
        {
            Assert.Null(retry);
        }
        else
        {
            Assert.Equal((r.MaxAttempts, r.InitialBackoffSeconds, r.MaxBackoffSeconds), (retry!.MaxAttempts, retry.InitialBackoffSeconds, retry.MaxBackoffSeconds));
        }
    }

    /// <summary>The README: "Files are named `&lt;kind&gt;.&lt;namespace&gt;.&lt;name&gt;.yaml`, lowercase" (the kind lowercase; names are lowercase labels).</summary>
    private static string ReadmeFileName(string kind, string ns, string name) => kind.ToLowerInvariant() + "." + ns + "." + name + ".yaml";

    /// <summary>The README's field table: triggers are written discovery, write, schedule, in that order.</summary>
    private static List<string> ReadmeTriggers(int flags)
    {
        var names = new List<string>();
        foreach (var (bit, name) in new[] { (1, "discovery"), (2, "write"), (4, "schedule") })
        {
            if ((flags & bit) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The README's field table: the workload's labels (the last value of a repeated key), plus app.kubernetes.io/managed-by: hevlayer-generators unless the workload sets that key.</summary>
    private static List<KeyValuePair<string, string>> ReadmeLabels(WorkloadModel model)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in model.Labels)
        {
            labels[Y(label.Key)] = Y(label.Value);
        }

        if (!labels.ContainsKey("app.kubernetes.io/managed-by"))
        {
            labels["app.kubernetes.io/managed-by"] = "hevlayer-generators";
        }

        return Sorted(labels);
    }

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>What a string reads back as from YAML: a lone surrogate becomes U+FFFD (no YAML or UTF-8 text can carry one).</summary>
    private static string Y(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var paired = char.IsHighSurrogate(chars[i]) ? i + 1 < chars.Length && char.IsLowSurrogate(s[i + 1])
                : char.IsLowSurrogate(chars[i]) && i > 0 && char.IsHighSurrogate(s[i - 1]);
            if (char.IsSurrogate(chars[i]) && !paired)
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static IEnumerable<string> Y(IEnumerable<string> items) => items.Select(Y);

    private static List<KeyValuePair<string, string>> Y(IReadOnlyDictionary<string, string> map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in map)
        {
            result[Y(pair.Key)] = Y(pair.Value);
        }

        return Sorted(result);
    }

    private static List<KeyValuePair<string, string>> StringMap(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? ((YamlMappingNode)node).Children
                .Select(p => new KeyValuePair<string, string>(((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value!))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToList()
            : new List<KeyValuePair<string, string>>();
}

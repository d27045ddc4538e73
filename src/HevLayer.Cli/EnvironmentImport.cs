using System;
using System.Collections.Generic;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Declaration;

namespace HevLayer.Cli;

/// <summary>One environment's manifests to import: <c>--environment dev=dev.yaml</c>.</summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="Inputs">Its manifests (the output of <c>kubectl kustomize overlays/dev</c>, say).</param>
internal sealed record EnvironmentInput(string Environment, IReadOnlyList<InputText> Inputs);

/// <summary>One class of an import with environments: the values every environment shares, and each one's differences.</summary>
internal sealed record EnvironmentClass(string FileName, string ClassName, WorkloadModel Shared, IReadOnlyList<EnvironmentAttribute> Overrides, string Origin);

/// <summary>What an import with environments writes, what it cannot carry, and the environments to declare.</summary>
/// <param name="Files">One class per workload found in every environment.</param>
/// <param name="Findings">What cannot be imported, located in the environment's input.</param>
/// <param name="Unreadable">True when an input could not be read at all.</param>
/// <param name="Environments">The <c>&lt;HevLayerEnvironment&gt;</c> items the classes need, in the command's order (with the namespace of each, when workloads' namespaces differ between environments).</param>
internal sealed record EnvironmentImportPlan(IReadOnlyList<EnvironmentClass> Files, IReadOnlyList<ManifestFinding> Findings, bool Unreadable, IReadOnlyList<DeploymentEnvironment> Environments);

/// <summary>
/// <c>hevlayer import --environment dev=dev.yaml --environment prod=prod.yaml</c>: the workloads of every
/// environment, matched by kind and name, as one class each. A value every environment has is a plain argument;
/// where they differ, the value of an environment that leaves the argument out (else the value most environments
/// have, the first environment's on a tie) is shared, and every other environment gets an attribute with
/// <c>Environment = "..."</c> that sets only the arguments it changes. Pairs ([Label], [Annotation], [NodeSelector],
/// [IndexSelector]) go key by key: a key every environment has with one value is shared, else each environment
/// that has it adds or replaces it (an override cannot remove a key, so a key some environment lacks is never
/// shared). Tolerations: the ones every environment starts with are shared, the rest are each environment's
/// (an override appends). A namespace that differs becomes the environment's <c>Namespace</c> metadata.
/// <para>
/// What the attributes cannot say is a located finding (HEVL506, "in dev: ..."), as in a plain import: a workload
/// missing from some environment (a class is deployed to every one), a [Pipeline]/[Function] argument that differs
/// (Paused and the Function's fields there belong to the workload, not to an environment), a scaling block some
/// environments have and another lacks (the build writes spec.scaling everywhere), and a namespace that
/// differs where another workload of the same environment already needs another one, or where a workload that
/// sets no namespace would take it.
/// </para>
/// </summary>
internal static class EnvironmentImport
{
    /// <summary>Reads every environment's inputs and decides every class.</summary>
    public static EnvironmentImportPlan Plan(IReadOnlyList<EnvironmentInput> environments)
    {
        var findings = new List<ManifestFinding>();
        var unreadable = false;
        var order = new List<(WorkloadKind Kind, string Name)>();
        var found = new Dictionary<(WorkloadKind Kind, string Name), Dictionary<string, (WorkloadDocument Document, WorkloadModel Model)>>();
        foreach (var environment in environments)
        {
            var name = environment.Environment;
            foreach (var input in environment.Inputs)
            {
                var stream = WorkloadManifestReader.Read(input.Path, input.Text);
                foreach (var failure in stream.Findings)
                {
                    unreadable |= RuleCatalog.Get(failure.RuleId).Severity == RuleSeverity.Error;
                    findings.Add(In(name, new ManifestFinding(failure, failure.Span!, null)));
                }

                foreach (var document in stream.Workloads)
                {
                    var (model, lost) = ImportCommand.Importable(document);
                    findings.AddRange(lost.Select(f => In(name, f)));
                    var key = (model.Kind, model.Name);
                    if (!found.TryGetValue(key, out var byEnvironment))
                    {
                        found[key] = byEnvironment = new Dictionary<string, (WorkloadDocument, WorkloadModel)>(StringComparer.Ordinal);
                        order.Add(key);
                    }

                    if (byEnvironment.ContainsKey(name))
                    {
                        findings.Add(NotExpressible(name, document, "metadata.name", $"{ManifestWriter.KindName(model.Kind)} '{model.Name}' is in {name} twice, and workloads are matched across environments by kind and name"));
                        continue;
                    }

                    byEnvironment[name] = (document, model);
                }
            }
        }

        var names = environments.Select(e => e.Environment).ToList();
        var namespaces = new Dictionary<string, (string Namespace, string Workload)>(StringComparer.Ordinal);
        var classNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<EnvironmentClass>();
        var unnamespaced = new List<((WorkloadKind Kind, string Name) Key, List<WorkloadDocument> Documents)>();
        foreach (var key in order)
        {
            var byEnvironment = found[key];
            var missing = names.Where(n => !byEnvironment.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                foreach (var (environment, (document, _)) in byEnvironment)
                {
                    findings.Add(NotExpressible(environment, document, "metadata.name", $"{ManifestWriter.KindName(key.Kind)} '{key.Name}' is not in {string.Join(", ", missing)}, and a class is deployed to every environment; import the environments it is in alone"));
                }

                continue;
            }

            var documents = names.Select(n => byEnvironment[n].Document).ToList();
            var models = names.Select(n => byEnvironment[n].Model).ToList();

            // The build writes spec.scaling in every environment (its pool is required, HEVL003), so a workload with a
            // scaling block in some environments cannot leave it out in another; --force gives it the first one's.
            var scaling = models.FirstOrDefault(m => m.Scaling is not null)?.Scaling;
            for (var i = 0; i < names.Count; i++)
            {
                if (scaling is not null && models[i].Scaling is null)
                {
                    var with = names.Where((_, j) => byEnvironment[names[j]].Model.Scaling is not null).ToList();
                    var first = with[0];
                    findings.Add(NotExpressible(names[i], documents[i], "spec.scaling", $"it has no scaling block, but {string.Join(", ", with)} {(with.Count == 1 ? "has" : "have")} one; the build writes spec.scaling in every environment (its pool is required), so --force gives it {first}'s"));
                    models[i] = models[i] with { Scaling = scaling };
                }
            }

            if (models.All(m => m.Namespace is null))
            {
                unnamespaced.Add((key, documents));
            }

            var shared = Shared(names, documents, models, namespaces, findings);
            var overrides = new List<EnvironmentAttribute>();
            for (var i = 0; i < names.Count; i++)
            {
                overrides.AddRange(Overrides(names[i], shared, models[i]));
            }

            var className = ImportCommand.Unique(WorkloadSource.ClassName(key.Name, key.Kind), shared, classNames);
            var origin = string.Join("; ", names.Select((n, i) => n + ": " + documents[i].Start));
            files.Add(new EnvironmentClass(className + ".cs", className, shared, overrides, origin));
        }

        // A workload that sets no namespace anywhere would take the Namespace metadata another workload needs.
        foreach (var (key, documents) in unnamespaced)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (namespaces.TryGetValue(names[i], out var taken))
                {
                    findings.Add(NotExpressible(names[i], documents[i], "metadata.name", $"{ManifestWriter.KindName(key.Kind)} '{key.Name}' sets no namespace, but {names[i]}'s Namespace metadata is '{taken.Namespace}' for '{taken.Workload}', whose namespace differs between environments; give it its namespace"));
                }
            }
        }

        var declared = names.Select(n => new DeploymentEnvironment(n, namespaces.TryGetValue(n, out var ns) ? ns.Namespace : null, null)).ToList();
        return new EnvironmentImportPlan(files, ManifestCheck.Ordered(findings), unreadable, declared);
    }

    /// <summary>The items a project needs for <paramref name="environments"/>, to paste into the project file.</summary>
    public static string Items(IReadOnlyList<DeploymentEnvironment> environments)
    {
        var text = new System.Text.StringBuilder("  <ItemGroup>\n");
        foreach (var e in environments)
        {
            text.Append("    <HevLayerEnvironment Include=\"").Append(Xml(e.Name)).Append("\" InfraRules=\"infra/").Append(Xml(e.Name)).Append(".yaml\"");
            if (e.Namespace is { } ns)
            {
                text.Append(" Namespace=\"").Append(Xml(ns)).Append('"');
            }

            text.Append(" />\n");
        }

        return text.Append("  </ItemGroup>\n").ToString();
    }

    /// <summary>The values every environment shares (see the class summary), and a finding for each difference no attribute can carry.</summary>
    private static WorkloadModel Shared(
        List<string> names, List<WorkloadDocument> documents, List<WorkloadModel> models, Dictionary<string, (string Namespace, string Workload)> namespaces, List<ManifestFinding> findings)
    {
        var shared = models[0];
        var kind = shared.Kind;

        // The namespace: the same everywhere, or each environment's Namespace metadata.
        if (models.Select(m => m.Namespace).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            shared = shared with { Namespace = null };
            for (var i = 0; i < names.Count; i++)
            {
                var ns = models[i].Namespace ?? ProjectDefaults.FallbackNamespace;
                if (!namespaces.TryGetValue(names[i], out var taken))
                {
                    namespaces[names[i]] = (ns, shared.Name);
                }
                else if (taken.Namespace != ns)
                {
                    findings.Add(NotExpressible(names[i], documents[i], "metadata.namespace", $"its namespace differs between environments, so it comes from the environment's Namespace metadata, which is '{taken.Namespace}' in {names[i]} for '{taken.Workload}'"));
                }
            }
        }

        foreach (var field in WorkloadFields.All)
        {
            if (field.Get is null || field.Set is null || !field.AppliesTo(kind))
            {
                continue;
            }

            var values = models.Select(field.Get).ToList();
            if (values.All(v => Same(field, v, values[0])))
            {
                continue;
            }

            switch (field.Target)
            {
                case { Kind: TargetKind.Workload, Argument: { } argument } when argument != "Namespace":
                    // [Pipeline]/[Function] take no Environment: the first environment's value is kept.
                    for (var i = 1; i < names.Count; i++)
                    {
                        if (!Same(field, values[i], values[0]))
                        {
                            findings.Add(NotExpressible(names[i], documents[i], field.Path, $"[{ManifestWriter.KindName(kind)}] takes no Environment, and {names[0]} has {Show(values[0])}"));
                        }
                    }

                    break;
                case { Kind: TargetKind.Attribute, Attribute: { } attribute, Argument: { } } when WorkloadFields.ForArgument(attribute, null) is null:
                    shared = field.Set(shared, Chosen(field, values));
                    break;
                case { Kind: TargetKind.Attribute, Argument: null } when field.Shape == FieldShape.TextMap:
                    shared = field.Set(shared, SharedPairs(values.Select(v => v is EquatableArray<KeyValue> p ? p : EquatableArray<KeyValue>.Empty).ToList()));
                    break;
                case { Kind: TargetKind.Attribute, Argument: null } when field.Shape == FieldShape.MappingList:
                    shared = field.Set(shared, CommonStart(values.Select(v => v is EquatableArray<TolerationModel> t ? t : EquatableArray<TolerationModel>.Empty).ToList()));
                    break;
            }
        }

        return shared;
    }

    /// <summary>The attributes that turn <paramref name="shared"/> into <paramref name="model"/> in <paramref name="environment"/>.</summary>
    private static IEnumerable<EnvironmentAttribute> Overrides(string environment, WorkloadModel shared, WorkloadModel model)
    {
        foreach (var part in WorkloadFields.PartAttributes)
        {
            if (WorkloadFields.ForArgument(part, null) is { } repeated)
            {
                if (!repeated.AppliesTo(model.Kind))
                {
                    continue;
                }

                switch (repeated.Get!(model))
                {
                    case EquatableArray<KeyValue> pairs:
                        var sharedPairs = repeated.Get(shared) is EquatableArray<KeyValue> s ? s : EquatableArray<KeyValue>.Empty;
                        foreach (var pair in pairs.Where(p => !sharedPairs.Contains(p)))
                        {
                            yield return new EnvironmentAttribute(environment, part, new[] { WorkloadSource.Literal(pair.Key), WorkloadSource.Literal(pair.Value) }, 2);
                        }

                        break;
                    case EquatableArray<TolerationModel> tolerations:
                        var common = repeated.Get(shared) is EquatableArray<TolerationModel> t ? t.Count : 0;
                        foreach (var toleration in tolerations.Skip(common))
                        {
                            var (args, positional) = WorkloadSource.TolerationArguments(toleration);
                            yield return new EnvironmentAttribute(environment, part, args, positional);
                        }

                        break;
                }

                continue;
            }

            var changed = new List<string>();
            foreach (var field in WorkloadFields.All)
            {
                // Null checks, not patterns that bind: Stryker cannot mutate a method whose bound variables a
                // mutant leaves unassigned, and then measures none of it (docs/mutation-testing.md).
                var target = field.Target;
                var argument = target?.Argument;
                if (target is null || argument is null || target.Value.Kind != TargetKind.Attribute || target.Value.Attribute != part || field.Get is null || !field.AppliesTo(model.Kind))
                {
                    continue;
                }

                var value = field.Get(model);
                var code = Same(field, value, field.Get(shared)) ? null : WorkloadSource.Code(value);
                if (code is not null)
                {
                    changed.Add(argument + " = " + code);
                }
            }

            if (changed.Count > 0)
            {
                yield return new EnvironmentAttribute(environment, part, changed);
            }
        }
    }

    /// <summary>Equal values, or two that the attribute writes the same way (both left out).</summary>
    private static bool Same(WorkloadField field, object? a, object? b) =>
        Equals(a, b) || (WorkloadSource.IsAbsent(field, a) && WorkloadSource.IsAbsent(field, b));

    /// <summary>The shared value of a field the environments disagree on: one that leaves the argument out, else the most common (the first on a tie).</summary>
    private static object? Chosen(WorkloadField field, List<object?> values)
    {
        if (values.FirstOrDefault(v => WorkloadSource.IsAbsent(field, v)) is var absent && values.Any(v => WorkloadSource.IsAbsent(field, v)))
        {
            return absent;
        }

        return values.OrderByDescending(v => values.Count(w => Same(field, v, w))).ThenBy(values.IndexOf).First();
    }

    /// <summary>The pairs every environment has with one value, in the first environment's order.</summary>
    private static EquatableArray<KeyValue> SharedPairs(List<EquatableArray<KeyValue>> all) =>
        new(all[0].Where(p => all.All(other => other.Contains(p))).ToArray());

    /// <summary>The tolerations every environment starts with.</summary>
    private static EquatableArray<TolerationModel> CommonStart(List<EquatableArray<TolerationModel>> all)
    {
        var count = 0;
        while (all.All(t => t.Count > count && t[count].Equals(all[0][count])))
        {
            count++;
        }

        return new EquatableArray<TolerationModel>(all[0].Take(count).ToArray());
    }

    private static string Show(object? value) => value switch
    {
        null => "none",
        EquatableArray<string> list => "[" + string.Join(", ", list) + "]",
        bool flag => flag ? "true" : "false",
        _ => value.ToString() ?? "none",
    };

    private static ManifestFinding In(string environment, ManifestFinding finding) =>
        finding with { Finding = finding.Finding.With(Reports.EnvironmentProperty, environment) };

    private static ManifestFinding NotExpressible(string environment, WorkloadDocument document, string path, string reason)
    {
        // A field the document does not have (a missing block) is the workload's: at the metadata.name key, as the others.
        var at = document.Places.TryGetValue(path, out var place) || document.Places.TryGetValue("metadata.name", out place) ? place.Key : document.Locate(WorkloadTarget.Name);
        return In(environment, new ManifestFinding(ManifestFileRules.NotExpressible.In(at, ("field", path), ("reason", reason)), at, path));
    }

    private static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}

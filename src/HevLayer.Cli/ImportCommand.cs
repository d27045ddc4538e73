using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using HevLayer.Policy.Emit;
using HevLayer.Policy.Manifests;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
using HevLayer.Policy.Rules.Declaration;
using HevLayer.Policy.Rules.Scaling;

namespace HevLayer.Cli;

/// <summary><c>hevlayer import</c>: existing manifests as attributed C# classes, one file per workload.</summary>
internal static class ImportCommand
{
    /// <summary>The annotation kubectl writes on <c>kubectl apply</c>; it is kubectl's, not the workload's.</summary>
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files, folders (searched recursively for *.yaml and *.yml), or - for standard input (or --environment instead).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out") { Description = "The folder to write the C# files to (created if missing; existing files are never overwritten).", Required = true };
        var codeNamespace = new Option<string>("--namespace-in-code") { Description = "The C# namespace of the imported classes.", DefaultValueFactory = _ => "Workers" };
        var force = new Option<bool>("--force") { Description = "Import even when some fields cannot be expressed with attributes; they are listed and left out." };
        var environments = new Option<string[]>("--environment")
        {
            Description = "NAME=PATH, once per environment (for example dev=dev.yaml, the output of kubectl kustomize overlays/dev): one class per workload (matched by kind and name), the values every environment shares as plain arguments and each environment's differences as Environment = \"NAME\" attributes; prints the <HevLayerEnvironment> items to declare.",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("import", "Turn Pipeline and Function manifests into attributed C# classes that build back to the same manifests. A field no attribute can express is listed by file and line; without --force nothing is written then. Exit code: 0 written, 1 fields that cannot be imported (or unreadable files), 2 usage or IO problems.")
        {
            paths, output, codeNamespace, force, environments,
        };

        command.SetAction(parsed =>
        {
            var ns = parsed.GetValue(codeNamespace)!;
            if (!WorkloadSource.IsNamespace(ns))
            {
                stderr.WriteLine($"hevlayer: '{ns}' is not a C# namespace (letters, digits and '_', in parts separated by '.')");
                return Program.UsageOrIo;
            }

            var pathValues = parsed.GetValue(paths) ?? Array.Empty<string>();
            var environmentValues = parsed.GetValue(environments) ?? Array.Empty<string>();
            if ((pathValues.Length == 0) == (environmentValues.Length == 0))
            {
                stderr.WriteLine("hevlayer: give the manifests as PATH, or one --environment NAME=PATH per environment, not both");
                return Program.UsageOrIo;
            }

            if (environmentValues.Length > 0)
            {
                return ImportEnvironments(environmentValues, parsed.GetValue(output)!, ns, parsed.GetValue(force), stdin, stdout, stderr);
            }

            var inputs = Inputs.Read(pathValues, stdin);
            var plan = Plan(inputs);
            stdout.Write(Reports.Text(plan.Findings, strict: false));

            var lost = plan.Findings.Count;
            if (lost > 0 && !parsed.GetValue(force))
            {
                stderr.WriteLine($"hevlayer: {lost} finding(s) above: those fields cannot be imported, so nothing was written. Fix them, or run again with --force to import the rest.");
                return Program.Findings;
            }

            if (plan.Files.Count == 0)
            {
                stderr.WriteLine("hevlayer: no Pipeline or Function (hevlayer.com/v1alpha1) in the input; nothing was written.");
                return plan.Unreadable ? Program.Findings : Program.Clean;
            }

            var folder = parsed.GetValue(output)!;
            if (RefusesToOverwrite(plan.Files.Select(f => f.FileName), folder, stderr))
            {
                return Program.UsageOrIo;
            }

            Directory.CreateDirectory(folder);
            foreach (var file in plan.Files)
            {
                var target = Path.Combine(folder, file.FileName);
                WriteNew(target, WorkloadSource.Write(file.Workload, file.ClassName, ns, file.Origin));
                stdout.WriteLine($"wrote {Inputs.Display(target)}: {ManifestWriter.KindName(file.Workload.Kind)} {file.Workload.Namespace ?? "(project namespace)"}/{file.Workload.Name} from {file.Origin}");
            }

            stderr.WriteLine($"hevlayer: imported {plan.Files.Count} workload(s) into {Inputs.Display(folder)}" + (lost > 0 ? $"; {lost} field(s) listed above were left out (--force)." : "."));
            return plan.Unreadable ? Program.Findings : Program.Clean;
        });

        return command;
    }

    /// <summary>The environments of <c>--environment NAME=PATH</c>, or null after saying what is wrong.</summary>
    internal static List<(string Name, string Path)>? EnvironmentArguments(IReadOnlyList<string> values, TextWriter stderr)
    {
        var result = new List<(string Name, string Path)>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? value : value.Substring(0, equals);
            var path = equals < 0 ? string.Empty : value.Substring(equals + 1);
            if (equals < 0 || path.Length == 0)
            {
                stderr.WriteLine($"hevlayer: --environment '{value}' is not NAME=PATH (for example dev=dev.yaml, or dev=- for standard input)");
                return null;
            }

            if (!KubernetesNames.IsDnsLabel(name))
            {
                stderr.WriteLine($"hevlayer: '{name}' is not an environment name: a DNS label (lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit), since it names the environment's manifests folder");
                return null;
            }

            if (result.Any(r => r.Name == name))
            {
                stderr.WriteLine($"hevlayer: the environment '{name}' is given twice; give each environment once, with all its manifests in one file or folder");
                return null;
            }

            result.Add((name, path));
        }

        return result;
    }

    private static int ImportEnvironments(IReadOnlyList<string> values, string folder, string ns, bool force, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // A null check, not a negated pattern that binds: Stryker could not mutate the method then.
        var environments = EnvironmentArguments(values, stderr);
        if (environments is null)
        {
            return Program.UsageOrIo;
        }

        var inputs = environments.Select(e => new EnvironmentInput(e.Name, Inputs.Read(new[] { e.Path }, stdin))).ToList();
        var plan = EnvironmentImport.Plan(inputs);
        stdout.Write(Reports.Text(plan.Findings, strict: false));
        var lost = plan.Findings.Count;
        if (lost > 0 && !force)
        {
            stderr.WriteLine($"hevlayer: {lost} finding(s) above: those fields or workloads cannot be imported, so nothing was written. Fix them, or run again with --force to import the rest.");
            return Program.Findings;
        }

        if (plan.Files.Count == 0)
        {
            stderr.WriteLine("hevlayer: no Pipeline or Function (hevlayer.com/v1alpha1) found in every environment; nothing was written.");
            return plan.Unreadable ? Program.Findings : Program.Clean;
        }

        if (RefusesToOverwrite(plan.Files.Select(f => f.FileName), folder, stderr))
        {
            return Program.UsageOrIo;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in plan.Files)
        {
            var target = Path.Combine(folder, file.FileName);
            WriteNew(target, WorkloadSource.Write(file.Shared, file.ClassName, ns, file.Origin, file.Overrides));
            var differences = file.Overrides.Select(o => o.Environment).Distinct(StringComparer.Ordinal).ToList();
            stdout.WriteLine($"wrote {Inputs.Display(target)}: {ManifestWriter.KindName(file.Shared.Kind)} {file.Shared.Name}" + (differences.Count == 0 ? ", the same in every environment" : ", with differences in " + string.Join(", ", differences)));
        }

        stdout.WriteLine("Declare the environments in the project file (each with its cluster's InfraRules/default, saved with kubectl get infrarules default -o yaml):");
        stdout.Write(EnvironmentImport.Items(plan.Environments));
        stderr.WriteLine($"hevlayer: imported {plan.Files.Count} workload(s) of {environments.Count} environment(s) into {Inputs.Display(folder)}" + (lost > 0 ? $"; {lost} finding(s) listed above were left out (--force)." : "."));
        return plan.Unreadable ? Program.Findings : Program.Clean;
    }

    /// <summary>One C# file to write.</summary>
    internal sealed record ImportedFile(string FileName, string ClassName, WorkloadModel Workload, string Origin);

    /// <summary>What an import writes, and what it cannot carry.</summary>
    internal sealed record ImportPlan(IReadOnlyList<ImportedFile> Files, IReadOnlyList<ManifestFinding> Findings, bool Unreadable);

    /// <summary>Reads <paramref name="inputs"/> and decides every class, and every field that cannot be imported.</summary>
    internal static ImportPlan Plan(IReadOnlyList<InputText> inputs)
    {
        var findings = new List<ManifestFinding>();
        var files = new List<ImportedFile>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unreadable = false;
        foreach (var input in inputs)
        {
            var stream = WorkloadManifestReader.Read(input.Path, input.Text);
            foreach (var failure in stream.Findings)
            {
                unreadable |= RuleCatalog.Get(failure.RuleId).Severity == RuleSeverity.Error;
                findings.Add(new ManifestFinding(failure, failure.Span!, null));
            }

            foreach (var document in stream.Workloads)
            {
                var (workload, lost) = Importable(document);
                findings.AddRange(lost);
                var className = Unique(WorkloadSource.ClassName(workload.Name, workload.Kind), workload, names);
                files.Add(new ImportedFile(className + ".cs", className, workload, document.Start.ToString()));
            }
        }

        return new ImportPlan(files, ManifestCheck.Ordered(findings), unreadable);
    }

    /// <summary>The workload as attributes can carry it, and a finding for each field they cannot.</summary>
    internal static (WorkloadModel Workload, IReadOnlyList<ManifestFinding> Lost) Importable(WorkloadDocument document)
    {
        var lost = new List<ManifestFinding>();

        // What the reader could not read (unknown fields, wrong types, unknown modes or triggers) is not carried.
        foreach (var finding in document.Findings)
        {
            if (finding.RuleId is "HEVL502" or "HEVL503" || finding.RuleId == UnknownScalingMode.DiagnosticId || finding.RuleId == UnknownTrigger.DiagnosticId)
            {
                lost.Add(new ManifestFinding(finding, finding.Span!, null));
            }
        }

        foreach (var place in document.Opaque)
        {
            lost.Add(NotExpressible(place, "no attribute sets it"));
        }

        // Null checks, not patterns that bind (nor a TryGetValue's out variable after &&): Stryker cannot
        // mutate a method whose bound variables a mutant leaves unassigned, and then measures none of it.
        var workload = document.Declared;
        var scaling = workload.Scaling;
        if (scaling is not null && scaling.Mode == ScalingMode.Fixed && scaling.MaxReplicas is not null && scaling.MaxReplicas != scaling.MinReplicas)
        {
            if (document.Places.TryGetValue("spec.scaling.replicas.max", out var maxPlace))
            {
                lost.Add(NotExpressible(maxPlace, "fixed mode runs replicas.min, and the build writes replicas.max equal to it"));
            }
        }

        // A toleration's operator and effect are enums in C#: a spelling they do not have cannot be written.
        var tolerations = new List<TolerationModel>();
        for (var i = 0; i < workload.Worker.Tolerations.Count; i++)
        {
            var toleration = workload.Worker.Tolerations[i];
            tolerations.Add(toleration with
            {
                Operator = Array.IndexOf(TolerationModel.Operators, toleration.Operator) < 0 ? string.Empty : toleration.Operator,
                Effect = Array.IndexOf(TolerationModel.Effects, toleration.Effect) < 0 ? string.Empty : toleration.Effect,
            });
            foreach (var (field, value, allowed) in new[] { ("operator", toleration.Operator, TolerationModel.Operators), ("effect", toleration.Effect, TolerationModel.Effects) })
            {
                var path = WorkloadFields.PathOf(WorkloadTarget.Item("Toleration", i, field == "operator" ? "Operator" : "Effect"));
                if (value.Length > 0 && Array.IndexOf(allowed, value) < 0)
                {
                    if (document.Places.TryGetValue(path, out var place))
                    {
                        lost.Add(NotExpressible(place, "TolerationOperator and TaintEffect have " + string.Join(", ", allowed) + "; HEVL128 says what Kubernetes accepts"));
                    }
                }
            }
        }

        // The build adds the managed-by label itself; kubectl's last-applied annotation is kubectl's.
        var labels = workload.Labels.Where(l => !(l.Key == ManifestWriter.ManagedByLabel && l.Value == ManifestWriter.ManagedByValue)).ToArray();
        var annotations = new List<KeyValue>();
        foreach (var annotation in workload.Annotations)
        {
            FieldPlace? place = null;
            if (annotation.Key == LastApplied)
            {
                document.Places.TryGetValue("metadata.annotations." + LastApplied, out place);
            }

            if (place is not null)
            {
                lost.Add(NotExpressible(place, "kubectl writes it on apply"));
            }
            else
            {
                annotations.Add(annotation);
            }
        }

        return (workload with
        {
            Labels = new EquatableArray<KeyValue>(labels),
            Annotations = new EquatableArray<KeyValue>(annotations.ToArray()),
            Worker = workload.Worker with { Tolerations = new EquatableArray<TolerationModel>(tolerations.ToArray()) },
        }, lost);
    }

    private static ManifestFinding NotExpressible(FieldPlace place, string reason) =>
        new(ManifestFileRules.NotExpressible.In(place.Key, ("field", place.Path), ("reason", reason)), place.Key, place.Path);

    /// <summary>A class name not yet taken (case-insensitively, as file systems may compare): the name, then with the kind, then with the namespace.</summary>
    internal static string Unique(string name, WorkloadModel workload, HashSet<string> taken)
    {
        var candidates = new[]
        {
            name,
            name + ManifestWriter.KindName(workload.Kind),
            name + WorkloadSource.ClassName(workload.Namespace ?? "default", workload.Kind) + ManifestWriter.KindName(workload.Kind),
        };
        foreach (var candidate in candidates)
        {
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }

        for (var i = 2; ; i++)
        {
            var numbered = candidates[2] + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(numbered))
            {
                return numbered;
            }
        }
    }

    /// <summary>
    /// True (and says which, nothing written) when any of the files import would write already exists in
    /// <paramref name="folder"/>: import never overwrites a user's file.
    /// </summary>
    private static bool RefusesToOverwrite(IEnumerable<string> fileNames, string folder, TextWriter stderr)
    {
        var existing = fileNames.Select(f => Path.Combine(folder, f)).Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            return false;
        }

        stderr.WriteLine("hevlayer: not overwriting " + string.Join(", ", existing.Select(Inputs.Display)) + "; nothing was written. Remove them, or choose another --out.");
        return true;
    }

    /// <summary>Writes a new file whole or not at all: through a temporary file beside it, then a rename.</summary>
    private static void WriteNew(string target, string text)
    {
        var temp = target + ".hevlayer-tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, target);
    }
}

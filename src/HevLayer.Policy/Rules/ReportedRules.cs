namespace HevLayer.Policy.Rules;

/// <summary>
/// Rules of the InfraRules file that the YAML reader raises while it reads (no model exists yet to check).
/// Each is one entry; <see cref="HevLayer.Policy.InfraRules.InfraRulesReader"/>
/// and <see cref="HevLayer.Policy.Yaml.YamlLimits"/> raise them.
/// </summary>
public static class InfraRulesFileRules
{
    /// <summary>HEVL201. YAML syntax, at the position the parser stopped.</summary>
    public static readonly ReportedRule YamlSyntax = new(
        "HEVL201", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Kubernetes, RuleReporter.InfraRulesAnalyzer,
        "YAML syntax error",
        "YAML syntax error: {detail}");

    /// <summary>HEVL205. Seed: "The 0.1 surface has exactly one object: InfraRules/default."</summary>
    public static readonly ReportedRule MultipleInfraRules = new(
        "HEVL205", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Seed, RuleReporter.InfraRulesAnalyzer,
        "More than one InfraRules document",
        "More than one InfraRules document; there is exactly one InfraRules/default, and the one at {first} is used");

    /// <summary>HEVL216. Seed's field table: a field it does not list is probably a typo. A warning: a newer operator may know it.</summary>
    public static readonly ReportedRule UnknownField = new(
        "HEVL216", RuleSeverity.Warning, RuleArea.InfraRules, RuleBasis.Seed, RuleReporter.InfraRulesAnalyzer,
        "Unknown InfraRules field",
        "Unknown field '{field}' in {parent}; {hint}");

    /// <summary>HEVL217. Seed's field table and Kubernetes' structural schemas: a value of the wrong type is rejected.</summary>
    public static readonly ReportedRule WrongValueType = new(
        "HEVL217", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Kubernetes, RuleReporter.InfraRulesAnalyzer,
        "Value of the wrong type",
        "{field} must be {expected}");

    /// <summary>HEVL220. Tool: input over a safety limit is not read (it runs inside the compiler).</summary>
    public static readonly ReportedRule InputOverLimit = new(
        "HEVL220", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Tool, RuleReporter.InfraRulesAnalyzer,
        "InfraRules input over a safety limit",
        "The InfraRules file was not read: {what}, and the limit is {limit}");

    /// <summary>HEVL221. Seed: InfraRules/default is one object; a file named as its source that holds none (empty, blank, or only other kinds) is a mistake.</summary>
    public static readonly ReportedRule NoDocument = new(
        "HEVL221", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Seed, RuleReporter.InfraRulesAnalyzer,
        "No InfraRules document in the file",
        "The file holds no InfraRules document ({contents}); it needs one document with apiVersion: hevlayer.com/v1alpha1, kind: InfraRules, metadata.name: default");

    /// <summary>HEVL222. Tool: YAML is Unicode text; bytes that are not UTF-8 would garble pool names, so the file is not read.</summary>
    public static readonly ReportedRule NotUtf8 = new(
        "HEVL222", RuleSeverity.Error, RuleArea.InfraRules, RuleBasis.Tool, RuleReporter.InfraRulesAnalyzer,
        "InfraRules file is not valid UTF-8",
        "The file is not valid UTF-8: the text here was decoded as U+FFFD (a byte sequence that is not UTF-8, or a literal replacement character), so the file was not read; save it as UTF-8");
}

/// <summary>Workload rules that the analyzer raises across declarations, at the end of the compilation.</summary>
public static class CrossWorkloadRules
{
    /// <summary>HEVL103. Kubernetes: kind, namespace and name identify one object; a second declaration would overwrite the first.</summary>
    public static readonly ReportedRule DuplicateWorkload = new(
        "HEVL103", RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Kubernetes, RuleReporter.WorkloadAnalyzer,
        "Duplicate workload",
        "{kind} '{name}' in namespace '{namespace}' is declared by both {type} and {other}; each workload needs its own kind, namespace and name");
}

/// <summary>Rules about environment overrides (<c>Environment = "prod"</c>) that the workload analyzer raises from the attributes themselves.</summary>
public static class EnvironmentRules
{
    /// <summary>HEVL131. Tool: an override for an environment the project does not declare is never deployed anywhere.</summary>
    public static readonly ReportedRule UnknownEnvironment = new(
        "HEVL131", RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, RuleReporter.WorkloadAnalyzer,
        "Override for an environment the project does not declare",
        "[{attribute}] names the environment '{environment}', which the project does not declare; {hint}");

    /// <summary>HEVL132. Tool: one attribute per environment (and one shared); a second one's arguments would be dropped in silence.</summary>
    public static readonly ReportedRule RepeatedOverride = new(
        "HEVL132", RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, RuleReporter.WorkloadAnalyzer,
        "Attribute given twice for one environment",
        "[{attribute}] is given more than once {scope}; the first one counts, merge the arguments into it");
}

/// <summary>Rules the MSBuild targets and tasks raise; their messages carry the build's own context (paths, projects), composed where they are raised.</summary>
public static class BuildRules
{
    /// <summary>HEVL218.</summary>
    public static readonly ReportedRule InfraRulesFileMissing = Build("HEVL218", RuleArea.InfraRules, "InfraRules file does not exist", "The InfraRules file '{path}' named by HevLayerInfraRules does not exist. Fix the path, or leave HevLayerInfraRules empty to use infrarules.yaml beside the project.");

    /// <summary>HEVL219.</summary>
    public static readonly ReportedRule UnknownInfraRulesSource = Build("HEVL219", RuleArea.InfraRules, "Unknown InfraRules source", "HevLayerInfraRulesSource is '{value}'; use 'file' (the default) or 'cluster'.");

    /// <summary>HEVL301.</summary>
    public static readonly ReportedRule NotWritable = Build("HEVL301", RuleArea.Build, "Manifests cannot be written", "{detail}");

    /// <summary>HEVL302.</summary>
    public static readonly ReportedRule ForeignFile = Build("HEVL302", RuleArea.Build, "A file the tool did not write is in the way", "{detail}");

    /// <summary>HEVL303.</summary>
    public static readonly ReportedRule BadFileName = Build("HEVL303", RuleArea.Build, "Manifest file name is not a plain file name", "{detail}");

    /// <summary>HEVL304.</summary>
    public static readonly ReportedRule SameFile = Build("HEVL304", RuleArea.Build, "Two workloads produce one file", "{detail}");

    /// <summary>HEVL305.</summary>
    public static readonly ReportedRule SharedFolder = Build("HEVL305", RuleArea.Build, "Two projects write into one manifests folder", "{detail}");

    /// <summary>HEVL310. Kubernetes and the file system: an environment's name becomes a folder and is compared in attributes, so it is a DNS label.</summary>
    public static readonly ReportedRule InvalidEnvironmentName = Build("HEVL310", RuleArea.Build, "Environment name is not a DNS label", "{detail}");

    /// <summary>HEVL311. Tool: one environment, one folder and one InfraRules; a second declaration would silently lose.</summary>
    public static readonly ReportedRule RepeatedEnvironment = Build("HEVL311", RuleArea.Build, "Environment declared twice", "{detail}");

    /// <summary>HEVL312. Seed: workloads are checked against their cluster's InfraRules/default; an environment without one cannot be checked.</summary>
    public static readonly ReportedRule EnvironmentWithoutInfraRules = Build("HEVL312", RuleArea.Build, "Environment names no InfraRules", "{detail}");

    /// <summary>HEVL313.</summary>
    public static readonly ReportedRule EnvironmentInfraRulesMissing = Build("HEVL313", RuleArea.Build, "Environment's InfraRules file does not exist", "{detail}");

    /// <summary>HEVL314.</summary>
    public static readonly ReportedRule UnknownSelectedEnvironment = Build("HEVL314", RuleArea.Build, "HevLayerEnvironments names an environment the project does not declare", "{detail}");

    /// <summary>HEVL315.</summary>
    public static readonly ReportedRule UnknownEnvironmentSource = Build("HEVL315", RuleArea.Build, "Unknown InfraRulesSource of an environment", "{detail}");

    /// <summary>HEVL401.</summary>
    public static readonly ReportedRule Unreachable = Build("HEVL401", RuleArea.Cluster, "Cluster unreachable or too slow", "{detail}");

    /// <summary>HEVL402.</summary>
    public static readonly ReportedRule AccessDenied = Build("HEVL402", RuleArea.Cluster, "Cluster refused the credentials or denied access", "{detail}");

    /// <summary>HEVL403.</summary>
    public static readonly ReportedRule NotServed = Build("HEVL403", RuleArea.Cluster, "InfraRules not served by the cluster", "{detail}");

    /// <summary>HEVL404.</summary>
    public static readonly ReportedRule BadAnswer = Build("HEVL404", RuleArea.Cluster, "Cluster answered with something that is not InfraRules", "{detail}");

    /// <summary>HEVL405.</summary>
    public static readonly ReportedRule Kubeconfig = Build("HEVL405", RuleArea.Cluster, "Kubeconfig or context cannot be used", "{detail}");

    /// <summary>HEVL406.</summary>
    public static readonly ReportedRule NeedsDotnetBuild = Build("HEVL406", RuleArea.Cluster, "Cluster source needs dotnet build", "{detail}");

    /// <summary>HEVL407.</summary>
    public static readonly ReportedRule FetchFailed = Build("HEVL407", RuleArea.Cluster, "Cluster fetch failed unexpectedly", "{detail}");

    private static ReportedRule Build(string id, RuleArea area, string title, string message) =>
        new(id, RuleSeverity.Error, area, RuleBasis.Tool, RuleReporter.Build, title, message);
}

/// <summary>HevLayer's own failures.</summary>
public static class InternalRules
{
    /// <summary>HEVL900. Tool: an unexpected exception is reported at the declaration or file instead of crashing the compiler (AD0001, CS8785).</summary>
    public static readonly ReportedRule InternalError = new(
        "HEVL900", RuleSeverity.Error, RuleArea.Internal, RuleBasis.Tool, RuleReporter.AllAnalyzers,
        "HevLayer could not analyze the input",
        "HevLayer could not analyze {subject} ({exception}: {detail}); its checks did not run, so please report this");
}

/// <summary>
/// Rules of hand-written Pipeline and Function manifests that the manifest reader raises while it reads
/// (<see cref="HevLayer.Policy.Manifests.WorkloadManifestReader"/>); the workload rules then check what it read.
/// </summary>
public static class ManifestFileRules
{
    /// <summary>HEVL501. YAML syntax, at the position the parser stopped.</summary>
    public static readonly ReportedRule YamlSyntax = new(
        "HEVL501", RuleSeverity.Error, RuleArea.Manifest, RuleBasis.Kubernetes, RuleReporter.AssemblyFactsReader,
        "YAML syntax error in a manifest",
        "YAML syntax error: {detail}");

    /// <summary>HEVL502. Our inference: no public schema of the operator exists, so a field the product does not know is probably a typo; a warning, since a newer operator may know it.</summary>
    public static readonly ReportedRule UnknownField = new(
        "HEVL502", RuleSeverity.Warning, RuleArea.Manifest, RuleBasis.Inference, RuleReporter.AssemblyFactsReader,
        "Unknown workload field",
        "Unknown field '{field}' in {parent} of a {kind}; {hint}");

    /// <summary>HEVL503. Kubernetes: structural schemas reject a value of the wrong type (kubectl reads plain scalars as YAML 1.1: <c>2</c> is a number, <c>on</c> a boolean).</summary>
    public static readonly ReportedRule WrongValueType = new(
        "HEVL503", RuleSeverity.Error, RuleArea.Manifest, RuleBasis.Kubernetes, RuleReporter.AssemblyFactsReader,
        "Manifest value of the wrong type",
        "{field} must be {expected}, not {actual}");

    /// <summary>HEVL504. Tool: input over a safety limit is not read.</summary>
    public static readonly ReportedRule InputOverLimit = new(
        "HEVL504", RuleSeverity.Error, RuleArea.Manifest, RuleBasis.Tool, RuleReporter.AssemblyFactsReader,
        "Manifest input over a safety limit",
        "The manifest file was not read: {what}, and the limit is {limit}");

    /// <summary>HEVL505. Tool: YAML is Unicode text; bytes that are not UTF-8 would garble names, so the file is not read.</summary>
    public static readonly ReportedRule NotUtf8 = new(
        "HEVL505", RuleSeverity.Error, RuleArea.Manifest, RuleBasis.Tool, RuleReporter.AssemblyFactsReader,
        "Manifest file is not valid UTF-8",
        "The file is not valid UTF-8: the text here was decoded as U+FFFD (a byte sequence that is not UTF-8, or a literal replacement character), so the file was not read; save it as UTF-8");

    /// <summary>HEVL507. Tool: a Pipeline or Function of another apiVersion is not read, so none of its fields are checked; a warning, since a newer operator may serve another version.</summary>
    public static readonly ReportedRule OtherApiVersion = new(
        "HEVL507", RuleSeverity.Warning, RuleArea.Manifest, RuleBasis.Tool, RuleReporter.AssemblyFactsReader,
        "Workload of another API version",
        "{kind} with apiVersion '{apiVersion}' is not checked: HevLayer knows {known}");

    /// <summary>HEVL506. Tool: <c>hevlayer import</c> lists every field that no attribute can express, and the value that differs from what the build would write.</summary>
    public static readonly ReportedRule NotExpressible = new(
        "HEVL506", RuleSeverity.Warning, RuleArea.Manifest, RuleBasis.Tool, RuleReporter.AssemblyFactsReader,
        "Field that no attribute can express",
        "{field} cannot be expressed with HevLayer attributes ({reason}); the imported class does not carry it");
}

using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;

namespace HevLayer.Policy.InfraRules;

/// <summary>A value read from the InfraRules file, with where it stands.</summary>
public sealed record Node<T>(T Value, SourceSpan Span);

/// <summary>The <c>InfraRules</c> document as written, every field with its position. Null fields were absent.</summary>
public sealed record InfraRulesSpec(
    SourceSpan Document,
    Node<string>? ApiVersion,
    Node<string>? Kind,
    Node<string>? Name,
    Node<string>? Namespace,
    EquatableArray<PoolSpec> Pools,
    DocumentCacheSpec? DocumentCache);

/// <summary>One <c>spec.computePools[]</c> entry.</summary>
public sealed record PoolSpec(
    SourceSpan Span,
    Node<string>? Name,
    Node<string>? Kind,
    Node<string>? GpuType,
    Node<long>? MaxReplicasPerWorkload,
    EquatableArray<QuantitySpec> Requests,
    EquatableArray<QuantitySpec> Limits,
    EquatableArray<KeyValue> NodeSelector = default);

/// <summary>One entry of <c>resources.requests</c> or <c>resources.limits</c>.</summary>
public sealed record QuantitySpec(string Resource, Node<string> Value);

/// <summary><c>spec.documentCache</c>.</summary>
public sealed record DocumentCacheSpec(
    SourceSpan Span,
    Node<double>? CapGiB,
    Node<long>? ReplicationFactor,
    Node<string>? Mode,
    Node<long>? NodesMin,
    Node<long>? NodesMax);

/// <summary>One InfraRules source file, read: the document (when found) and what is wrong with the file.</summary>
/// <param name="Path">The file's path.</param>
/// <param name="Spec">The InfraRules document, or null when the file holds none (or cannot be parsed).</param>
/// <param name="Findings">Syntax, schema and rule findings, each with its position in the file.</param>
/// <param name="ExtraDocuments">Further InfraRules documents after the first, by position.</param>
public sealed record InfraRulesFile(string Path, InfraRulesSpec? Spec, EquatableArray<Finding> Findings, EquatableArray<SourceSpan> ExtraDocuments);

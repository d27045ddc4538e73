using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HevLayer.Generators.Model;
using HevLayer.Policy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators.Parsing;

/// <summary>
/// Reads a workload class's attributes into plain models. Tolerates half-typed code: a missing or
/// erroneous argument reads as "not set", never as an exception.
/// </summary>
public static class WorkloadParser
{
    /// <summary>The generator's entry point for one class carrying <c>[Pipeline]</c> or <c>[Function]</c>.</summary>
    public static WorkloadDeclaration? Parse(GeneratorAttributeSyntaxContext context, WorkloadKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.IsDefaultOrEmpty)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return new WorkloadDeclaration(
                ReadType(type, kind, cancellationToken),
                ReadWorkload(type, context.Attributes[0], kind));
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // Never CS8785: the generator skips what it cannot read; WorkloadAnalyzer reports it as HEVL900.
            return null;
        }
    }

    /// <summary>Reads the workload that <paramref name="workloadAttribute"/> and its sibling attributes declare.</summary>
    public static WorkloadModel ReadWorkload(INamedTypeSymbol type, AttributeData workloadAttribute, WorkloadKind kind)
    {
        var name = workloadAttribute.ConstructorArguments.Length > 0 ? AsString(workloadAttribute.ConstructorArguments[0]) : null;
        string? ns = null;
        var paused = false;
        var triggers = FunctionTriggers.None;
        EquatableArray<string> targetNamespaces = EquatableArray<string>.Empty, inputs = EquatableArray<string>.Empty, filter = EquatableArray<string>.Empty;
        string? version = null;

        foreach (var arg in workloadAttribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "Namespace": ns = AsString(arg.Value); break;
                case "Paused": paused = arg.Value.Value is true; break;
                case "Triggers": triggers = (FunctionTriggers)(AsInt(arg.Value) ?? 0); break;
                case "TargetNamespaces": targetNamespaces = AsStrings(arg.Value); break;
                case "Inputs": inputs = AsStrings(arg.Value); break;
                case "Version": version = AsString(arg.Value); break;
                case "Filter": filter = AsStrings(arg.Value); break;
            }
        }

        ScalingModel? scaling = null;
        var worker = new WorkerModel(null, null, null);
        RetryModel? retry = null;
        ScheduleModel? schedule = null;
        var labels = new List<KeyValue>();
        var annotations = new List<KeyValue>();

        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ContainingNamespace is not { Name: AttributeNames.Namespace })
            {
                continue;
            }

            switch (attribute.AttributeClass.Name)
            {
                case "ScalingAttribute" when AttributeNames.Is(attribute, "ScalingAttribute"):
                    scaling = ReadScaling(attribute);
                    break;
                case "WorkerAttribute" when AttributeNames.Is(attribute, "WorkerAttribute"):
                    worker = new WorkerModel(Named(attribute, "Image", AsString), NamedInt(attribute, "BatchSize"), NamedInt(attribute, "TimeoutSeconds"));
                    break;
                case "RetryAttribute" when AttributeNames.Is(attribute, "RetryAttribute"):
                    retry = new RetryModel(NamedInt(attribute, "MaxAttempts"), NamedInt(attribute, "InitialBackoffSeconds"), NamedInt(attribute, "MaxBackoffSeconds"));
                    break;
                case "ScheduleAttribute" when AttributeNames.Is(attribute, "ScheduleAttribute"):
                    schedule = new ScheduleModel(
                        NamedInt(attribute, "DiscoveryIntervalSeconds"),
                        NamedInt(attribute, "LeaseSeconds"),
                        NamedInt(attribute, "MaxInFlightBatches"),
                        NamedInt(attribute, "MaxConcurrentScans"));
                    break;
                case "LabelAttribute" when AttributeNames.Is(attribute, "LabelAttribute"):
                    AddPair(labels, attribute);
                    break;
                case "AnnotationAttribute" when AttributeNames.Is(attribute, "AnnotationAttribute"):
                    AddPair(annotations, attribute);
                    break;
            }
        }

        var function = kind == WorkloadKind.Function
            ? new FunctionModel(triggers, targetNamespaces, inputs, version, filter, schedule)
            : null;

        return new WorkloadModel(
            kind,
            name ?? string.Empty,
            ns,
            paused,
            new EquatableArray<KeyValue>(labels.ToArray()),
            new EquatableArray<KeyValue>(annotations.ToArray()),
            scaling,
            worker,
            retry,
            function,
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
    }

    /// <summary>Reads <c>[assembly: HevLayerDefaults]</c>.</summary>
    public static ProjectDefaults ReadDefaults(AttributeData attribute) =>
        new(Named(attribute, "Namespace", AsString), Named(attribute, "Image", AsString));

    /// <summary>Reads where the generator would put code for <paramref name="type"/>, and whether it can.</summary>
    public static TypeSpec ReadType(INamedTypeSymbol type, WorkloadKind kind, CancellationToken cancellationToken)
    {
        var containing = new List<ContainingType>();
        string? outerAtFault = null, outerProblem = null;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, new ContainingType(Keyword(outer), outer.Name));
            var problem = !IsPartial(outer, cancellationToken) ? "is not partial"
                : outer.IsGenericType ? "is generic"
                : !IsReachable(outer.DeclaredAccessibility) ? "is " + AccessibilityText(outer.DeclaredAccessibility)
                : null;
            if (problem is not null)
            {
                outerAtFault = outer.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                outerProblem = problem;
            }
        }

        if (outerAtFault is null && type.ContainingType is not null && !IsReachable(type.DeclaredAccessibility))
        {
            outerAtFault = type.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            outerProblem = "hides it: the class itself is " + AccessibilityText(type.DeclaredAccessibility);
        }

        var unsupported = type.IsStatic ? "static" : type.IsAbstract ? "abstract" : type.IsGenericType ? "generic" : null;
        var shape = new DeclarationShape(
            type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
            IsPartial(type, cancellationToken),
            unsupported,
            outerAtFault,
            outerProblem,
            HasConflictingKind(type, kind));

        return new TypeSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            new EquatableArray<ContainingType>(containing.ToArray()),
            Keyword(type),
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            shape);
    }

    /// <summary>True when the class also carries the other workload attribute.</summary>
    public static bool HasConflictingKind(INamedTypeSymbol type, WorkloadKind kind)
    {
        var other = kind == WorkloadKind.Pipeline ? "FunctionAttribute" : "PipelineAttribute";
        foreach (var attribute in type.GetAttributes())
        {
            if (AttributeNames.Is(attribute, other))
            {
                return true;
            }
        }

        return false;
    }

    private static ScalingModel ReadScaling(AttributeData attribute) => new(
        Named(attribute, "Pool", AsString),
        (ScalingMode)(NamedInt(attribute, "Mode") ?? 0),
        NamedInt(attribute, "MinReplicas") ?? 0,
        NamedInt(attribute, "MaxReplicas"));

    private static void AddPair(List<KeyValue> pairs, AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length == 2 && AsString(args[0]) is { } key)
        {
            pairs.Add(new KeyValue(key, AsString(args[1]) ?? string.Empty));
        }
    }

    private static T? Named<T>(AttributeData attribute, string name, System.Func<TypedConstant, T?> read)
        where T : class
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == name)
            {
                return read(arg.Value);
            }
        }

        return null;
    }

    private static int? NamedInt(AttributeData attribute, string name)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == name)
            {
                return AsInt(arg.Value);
            }
        }

        return null;
    }

    private static string? AsString(TypedConstant constant) =>
        constant.Kind == TypedConstantKind.Primitive ? constant.Value as string : null;

    private static int? AsInt(TypedConstant constant) =>
        constant.Kind is TypedConstantKind.Primitive or TypedConstantKind.Enum && constant.Value is int value ? value : null;

    private static EquatableArray<string> AsStrings(TypedConstant constant)
    {
        if (constant.Kind != TypedConstantKind.Array || constant.IsNull)
        {
            return EquatableArray<string>.Empty;
        }

        ImmutableArray<TypedConstant> values = constant.Values;
        var result = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = AsString(values[i]) ?? string.Empty;
        }

        return new EquatableArray<string>(result);
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return true;
            }
        }

        return false;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };

    private static bool IsReachable(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal or Accessibility.NotApplicable;

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}

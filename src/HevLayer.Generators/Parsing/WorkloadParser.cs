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
            return ReadDeclaration(type, context.Attributes[0], kind, cancellationToken);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // Never CS8785: the generator skips what it cannot read; WorkloadAnalyzer reports it as HEVL900.
            return null;
        }
    }

    /// <summary>
    /// What the generator's transform reads for one class: the type to extend and the workload it declares.
    /// This runs for every attributed class on every new compilation (each keystroke in the editor), so it
    /// walks the class's attributes once and each attribute's arguments once, and allocates only the model.
    /// </summary>
    public static WorkloadDeclaration ReadDeclaration(INamedTypeSymbol type, AttributeData workloadAttribute, WorkloadKind kind, CancellationToken cancellationToken)
    {
        var names = TypeNames.Of(type);
        var workload = ReadWorkload(type, names.Display, workloadAttribute, kind, out var hasConflictingKind, out var inapplicable);
        return new WorkloadDeclaration(ReadType(type, names, hasConflictingKind, inapplicable, cancellationToken), workload);
    }

    private static WorkloadModel ReadWorkload(INamedTypeSymbol type, string displayName, AttributeData workloadAttribute, WorkloadKind kind, out bool hasConflictingKind, out EquatableArray<string> inapplicable)
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
                case "Paused": paused = arg.Value.Kind == TypedConstantKind.Primitive && arg.Value.Value is true; break;
                case "Triggers": triggers = (FunctionTriggers)(AsInt(arg.Value) ?? 0); break;
                case "TargetNamespaces": targetNamespaces = AsStrings(arg.Value); break;
                case "Inputs": inputs = AsStrings(arg.Value); break;
                case "Version": version = AsString(arg.Value); break;
                case "Filter": filter = AsStrings(arg.Value); break;
            }
        }

        var otherKind = kind == WorkloadKind.Pipeline ? "FunctionAttribute" : "PipelineAttribute";
        hasConflictingKind = false;
        ScalingModel? scaling = null;
        var worker = new WorkerModel(null, null, null);
        RetryModel? retry = null;
        ScheduleModel? schedule = null;
        KeyValue[]? labels = null, annotations = null;

        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass || !AttributeNames.IsInNamespace(attributeClass))
            {
                continue;
            }

            switch (attributeClass.Name)
            {
                case "ScalingAttribute":
                    scaling = ReadScaling(attribute);
                    break;
                case "WorkerAttribute":
                    worker = ReadWorker(attribute);
                    break;
                case "RetryAttribute":
                    retry = ReadRetry(attribute);
                    break;
                case "ScheduleAttribute":
                    schedule = ReadSchedule(attribute);
                    break;
                case "LabelAttribute":
                    AddPair(ref labels, attribute);
                    break;
                case "AnnotationAttribute":
                    AddPair(ref annotations, attribute);
                    break;
                case var other when other == otherKind:
                    hasConflictingKind = true;
                    break;
            }
        }

        var function = kind == WorkloadKind.Function
            ? new FunctionModel(triggers, targetNamespaces, inputs, version, filter, schedule)
            : null;

        // Only Functions have spec.schedule; on a Pipeline the attribute would be dropped, so it is reported.
        inapplicable = kind == WorkloadKind.Pipeline && schedule is not null ? new EquatableArray<string>(new[] { "Schedule" }) : EquatableArray<string>.Empty;

        return new WorkloadModel(
            kind,
            name ?? string.Empty,
            ns,
            paused,
            labels is null ? EquatableArray<KeyValue>.Empty : new EquatableArray<KeyValue>(labels),
            annotations is null ? EquatableArray<KeyValue>.Empty : new EquatableArray<KeyValue>(annotations),
            scaling,
            worker,
            retry,
            function,
            displayName);
    }

    /// <summary>Reads <c>[assembly: HevLayerDefaults]</c>.</summary>
    public static ProjectDefaults ReadDefaults(AttributeData attribute) =>
        new(Named(attribute, "Namespace", AsString), Named(attribute, "Image", AsString));

    /// <summary>Reads where the generator would put code for <paramref name="type"/>, and whether it can.</summary>
    private static TypeSpec ReadType(INamedTypeSymbol type, TypeNames names, bool hasConflictingKind, EquatableArray<string> inapplicable, CancellationToken cancellationToken)
    {
        List<ContainingType>? containing = null;
        string? outerAtFault = null, outerProblem = null;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            (containing ??= new List<ContainingType>()).Insert(0, new ContainingType(Keyword(outer), outer.Name));
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
            names.Display,
            IsPartial(type, cancellationToken),
            unsupported,
            outerAtFault,
            outerProblem,
            hasConflictingKind,
            inapplicable,
            ManifestName.FileLocal(type),
            ManifestName.Taken(type, out var hidesInherited));

        return new TypeSpec(
            names.Namespace,
            containing is null ? EquatableArray<ContainingType>.Empty : new EquatableArray<ContainingType>(containing.ToArray()),
            Keyword(type),
            type.Name,
            names.FullyQualified,
            shape,
            hidesInherited);
    }

    // One pass over each attribute's named arguments. A name given twice is a compiler error (CS0643);
    // the first one counts, as it did when each argument was looked up on its own.
    private static ScalingModel ReadScaling(AttributeData attribute)
    {
        string? pool = null;
        int? mode = null, min = null, max = null;
        foreach (var arg in attribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "Pool": pool ??= AsString(arg.Value); break;
                case "Mode": mode ??= AsInt(arg.Value); break;
                case "MinReplicas": min ??= AsInt(arg.Value); break;
                case "MaxReplicas": max ??= AsInt(arg.Value); break;
            }
        }

        return new ScalingModel(pool, (ScalingMode)(mode ?? 0), min ?? 0, max);
    }

    private static WorkerModel ReadWorker(AttributeData attribute)
    {
        string? image = null;
        int? batchSize = null, timeout = null;
        foreach (var arg in attribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "Image": image ??= AsString(arg.Value); break;
                case "BatchSize": batchSize ??= AsInt(arg.Value); break;
                case "TimeoutSeconds": timeout ??= AsInt(arg.Value); break;
            }
        }

        return new WorkerModel(image, batchSize, timeout);
    }

    private static RetryModel ReadRetry(AttributeData attribute)
    {
        int? attempts = null, initial = null, max = null;
        foreach (var arg in attribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "MaxAttempts": attempts ??= AsInt(arg.Value); break;
                case "InitialBackoffSeconds": initial ??= AsInt(arg.Value); break;
                case "MaxBackoffSeconds": max ??= AsInt(arg.Value); break;
            }
        }

        return new RetryModel(attempts, initial, max);
    }

    private static ScheduleModel ReadSchedule(AttributeData attribute)
    {
        int? discovery = null, lease = null, batches = null, scans = null;
        foreach (var arg in attribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "DiscoveryIntervalSeconds": discovery ??= AsInt(arg.Value); break;
                case "LeaseSeconds": lease ??= AsInt(arg.Value); break;
                case "MaxInFlightBatches": batches ??= AsInt(arg.Value); break;
                case "MaxConcurrentScans": scans ??= AsInt(arg.Value); break;
            }
        }

        return new ScheduleModel(discovery, lease, batches, scans);
    }

    /// <summary>Appends a [Label]/[Annotation] pair. Arrays grown by one: a class carries a few, and a list would be two more allocations.</summary>
    private static void AddPair(ref KeyValue[]? pairs, AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length == 2 && AsString(args[0]) is { } key)
        {
            var count = pairs?.Length ?? 0;
            var grown = new KeyValue[count + 1];
            if (pairs is not null)
            {
                System.Array.Copy(pairs, grown, count);
            }

            grown[count] = new KeyValue(key, AsString(args[1]) ?? string.Empty);
            pairs = grown;
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

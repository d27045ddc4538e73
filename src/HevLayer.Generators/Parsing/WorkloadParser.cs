using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using HevLayer.Generators.Model;
using HevLayer.Policy.Model;
using HevLayer.Policy.Rules;
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
    [System.ThreadStatic]
    private static object?[]? scratch;

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

        // One value per row of the table of workload fields; the model is built once at the end. The array is
        // this thread's scratch: the transform runs for every class on every compilation, and Compose copies out.
        var values = scratch ??= new object?[WorkloadFields.All.Count];
        System.Array.Clear(values, 0, values.Length);
        ReadArguments(values, null, workloadAttribute);

        var otherKind = kind == WorkloadKind.Pipeline ? "FunctionAttribute" : "PipelineAttribute";
        hasConflictingKind = false;
        bool hasScaling = false, hasRetry = false, hasSchedule = false;
        List<string>? notApplying = null;
        List<TolerationModel>? tolerations = null;
        WorkloadField? tolerationField = null;
        List<WorkloadField>? pairFields = null;

        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass || !AttributeNames.IsInNamespace(attributeClass))
            {
                continue;
            }

            var attributeName = attributeClass.Name;
            if (attributeName == otherKind)
            {
                hasConflictingKind = true;
                continue;
            }

            if (!WorkloadFields.SetsFields(attributeName))
            {
                continue;
            }

            if (WorkloadFields.ForAttributeClass(attributeName, null) is { } repeated)
            {
                // Only Functions have the index selector (as only they have spec.schedule); it is reported, not dropped in silence.
                if (!repeated.AppliesTo(kind))
                {
                    Add(ref notApplying, repeated.Target!.Value.Attribute!);
                }
                else if (repeated.Shape == FieldShape.TextMap)
                {
                    if (AddPair(values, repeated, attribute))
                    {
                        (pairFields ??= new List<WorkloadField>()).Add(repeated);
                    }
                }
                else
                {
                    tolerationField = repeated;
                    (tolerations ??= new List<TolerationModel>()).Add(ReadToleration(attribute));
                }

                continue;
            }

            var block = BlockOf(attributeName);
            if (!block.AppliesTo(kind))
            {
                Add(ref notApplying, block.Target!.Value.Attribute!);
                continue;
            }

            // The attribute's block exists once the attribute is written, even with no argument.
            hasScaling |= block.Path == "spec.scaling";
            hasRetry |= block.Path == "spec.retry";
            hasSchedule |= block.Path == "spec.schedule";
            ReadArguments(values, attributeName, attribute);
        }

        if (pairFields is not null)
        {
            // The pairs were gathered in lists, in declaration order.
            foreach (var field in pairFields)
            {
                values[field.Index] = new EquatableArray<KeyValue>(((List<KeyValue>)values[field.Index]!).ToArray());
            }
        }

        if (tolerations is not null)
        {
            values[tolerationField!.Index] = new EquatableArray<TolerationModel>(tolerations.ToArray());
        }

        inapplicable = notApplying is null ? EquatableArray<string>.Empty : new EquatableArray<string>(notApplying.ToArray());
        return WorkloadFields.Compose(kind, name ?? string.Empty, displayName, values, hasScaling, hasRetry, hasSchedule);
    }

    /// <summary>
    /// Reads the values that <paramref name="attribute"/>'s named arguments give into their rows of the table
    /// of workload fields. A name given twice is a compiler error (CS0643); the first one counts.
    /// </summary>
    private static void ReadArguments(object?[] values, string? attributeName, AttributeData attribute)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (WorkloadFields.ForAttributeClass(attributeName, arg.Key) is not { Get: not null } field || values[field.Index] is not null)
            {
                continue;
            }

            values[field.Index] = field.Shape switch
            {
                FieldShape.Text when field.Choices.Count > 0 => (ScalingMode)(AsInt(arg.Value) ?? 0),
                FieldShape.Text => AsString(arg.Value),
                FieldShape.Integer => AsInt(arg.Value),
                FieldShape.Boolean => arg.Value.Kind == TypedConstantKind.Primitive && arg.Value.Value is true,
                FieldShape.TextList when field.Choices.Count > 0 => (FunctionTriggers)(AsInt(arg.Value) ?? 0),
                FieldShape.TextList => AsStrings(arg.Value),
                _ => null,
            };
        }
    }

    /// <summary>A <c>[Toleration]</c>: the key and value by position or name, the rest by name; an unset field is empty, as Kubernetes spells it.</summary>
    private static TolerationModel ReadToleration(AttributeData attribute)
    {
        string key = string.Empty, value = string.Empty, op = string.Empty, effect = string.Empty;
        long? seconds = null;
        var parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        for (var i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
        {
            var text = AsString(attribute.ConstructorArguments[i]) ?? string.Empty;
            switch (parameters[i].Name)
            {
                case "key": key = text; break;
                case "value": value = text; break;
            }
        }

        foreach (var arg in attribute.NamedArguments)
        {
            switch (arg.Key)
            {
                case "Operator": op = TolerationModel.OperatorName(AsInt(arg.Value) ?? 0); break;
                case "Effect": effect = TolerationModel.EffectName(AsInt(arg.Value) ?? 0); break;
                case "TolerationSeconds": seconds = arg.Value.Kind == TypedConstantKind.Primitive && arg.Value.Value is long l ? l : null; break;
            }
        }

        return new TolerationModel(key, op, value, effect, seconds);
    }

    /// <summary>The mapping row of each block attribute, by class name (<c>ScalingAttribute</c>: <c>spec.scaling</c>): the parent of its arguments' rows.</summary>
    private static readonly Dictionary<string, WorkloadField> Blocks = IndexBlocks();

    private static WorkloadField BlockOf(string attributeClass) =>
        Blocks.TryGetValue(attributeClass, out var block) ? block : throw new System.InvalidOperationException(attributeClass + " sets workload fields but has no block row.");

    private static Dictionary<string, WorkloadField> IndexBlocks()
    {
        var blocks = new Dictionary<string, WorkloadField>(System.StringComparer.Ordinal);
        foreach (var field in WorkloadFields.All)
        {
            if (field.Shape == FieldShape.Mapping && field.Target is { Kind: TargetKind.Attribute, Argument: null, Attribute: { } attribute } && !blocks.ContainsKey(attribute + "Attribute"))
            {
                blocks.Add(attribute + "Attribute", field);
            }
        }

        return blocks;
    }

    private static void Add(ref List<string>? names, string name)
    {
        names ??= new List<string>();
        if (!names.Contains(name))
        {
            names.Add(name);
        }
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

    /// <summary>Appends a key-value pair ([Label], [Annotation], [NodeSelector], [IndexSelector]) to its field's list, in declaration order.</summary>
    /// <returns>True when this is the field's first pair (its list was made here).</returns>
    private static bool AddPair(object?[] values, WorkloadField field, AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length != 2 || AsString(args[0]) is not { } key)
        {
            return false;
        }

        var first = values[field.Index] is not List<KeyValue>;
        if (first)
        {
            values[field.Index] = new List<KeyValue>();
        }

        ((List<KeyValue>)values[field.Index]!).Add(new KeyValue(key, AsString(args[1]) ?? string.Empty));
        return first;
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

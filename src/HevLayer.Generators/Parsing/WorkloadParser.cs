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
        var model = WorkloadModel.Empty(kind, name ?? string.Empty, displayName);
        model = ReadArguments(model, null, workloadAttribute);

        var otherKind = kind == WorkloadKind.Pipeline ? "FunctionAttribute" : "PipelineAttribute";
        hasConflictingKind = false;
        List<string>? notApplying = null;
        Dictionary<WorkloadField, List<KeyValue>>? pairs = null;
        List<TolerationModel>? tolerations = null;

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

            if (!attributeName.EndsWith("Attribute", System.StringComparison.Ordinal))
            {
                continue;
            }

            var shortName = attributeName.Substring(0, attributeName.Length - "Attribute".Length);
            if (WorkloadFields.ForArgument(shortName, null) is { } repeated)
            {
                // Only Functions have the index selector (as only they have spec.schedule); it is reported, not dropped in silence.
                if (!repeated.AppliesTo(kind))
                {
                    Add(ref notApplying, shortName);
                }
                else if (repeated.Shape == FieldShape.TextMap)
                {
                    AddPair(ref pairs, repeated, attribute);
                }
                else
                {
                    (tolerations ??= new List<TolerationModel>()).Add(ReadToleration(attribute));
                }

                continue;
            }

            if (System.Array.IndexOf(WorkloadFields.PartAttributes, shortName) < 0)
            {
                continue;
            }

            if (WorkloadFields.Find(WorkloadFields.PathOf(WorkloadTarget.On(shortName))) is { } block && !block.AppliesTo(kind))
            {
                Add(ref notApplying, shortName);
                continue;
            }

            // The attribute's block exists once the attribute is written, even with no argument.
            model = shortName switch
            {
                "Scaling" => model with { Scaling = model.Scaling ?? new ScalingModel(null, ScalingMode.Autoscale, 0, null) },
                "Retry" => model with { Retry = model.Retry ?? new RetryModel(null, null, null) },
                "Schedule" when model.Function is { } function => model with { Function = function with { Schedule = function.Schedule ?? new ScheduleModel(null, null, null, null) } },
                _ => model,
            };
            model = ReadArguments(model, shortName, attribute);
        }

        if (pairs is not null)
        {
            foreach (var pair in pairs)
            {
                model = pair.Key.Set!(model, new EquatableArray<KeyValue>(pair.Value.ToArray()));
            }
        }

        if (tolerations is not null)
        {
            model = model with { Worker = model.Worker with { Tolerations = new EquatableArray<TolerationModel>(tolerations.ToArray()) } };
        }

        inapplicable = notApplying is null ? EquatableArray<string>.Empty : new EquatableArray<string>(notApplying.ToArray());
        return model;
    }

    /// <summary>
    /// Sets the fields that <paramref name="attribute"/>'s named arguments give, through the table of workload
    /// fields. A name given twice is a compiler error (CS0643); the first one counts.
    /// </summary>
    private static WorkloadModel ReadArguments(WorkloadModel model, string? attributeName, AttributeData attribute)
    {
        List<string>? seen = null;
        foreach (var arg in attribute.NamedArguments)
        {
            if (WorkloadFields.ForArgument(attributeName, arg.Key) is not { Set: { } set } field || (seen?.Contains(arg.Key) ?? false))
            {
                continue;
            }

            (seen ??= new List<string>()).Add(arg.Key);
            object? value = field.Shape switch
            {
                FieldShape.Text when field.Choices.Count > 0 => (ScalingMode)(AsInt(arg.Value) ?? 0),
                FieldShape.Text => AsString(arg.Value),
                FieldShape.Integer => AsInt(arg.Value),
                FieldShape.Boolean => arg.Value.Kind == TypedConstantKind.Primitive && arg.Value.Value is true,
                FieldShape.TextList when field.Choices.Count > 0 => (FunctionTriggers)(AsInt(arg.Value) ?? 0),
                FieldShape.TextList => AsStrings(arg.Value),
                _ => null,
            };
            model = set(model, value);
        }

        return model;
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
    private static void AddPair(ref Dictionary<WorkloadField, List<KeyValue>>? pairs, WorkloadField field, AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length == 2 && AsString(args[0]) is { } key)
        {
            pairs ??= new Dictionary<WorkloadField, List<KeyValue>>();
            if (!pairs.TryGetValue(field, out var list))
            {
                pairs[field] = list = new List<KeyValue>();
            }

            list.Add(new KeyValue(key, AsString(args[1]) ?? string.Empty));
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

using System.Collections.Generic;
using System.Linq;
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
    /// What the generator's transform reads for one class: the type to extend, the workload it declares, and the
    /// workload as each environment that the class overrides sees it. This runs for every attributed class on
    /// every new compilation (each keystroke in the editor), so it walks the class's attributes once and each
    /// attribute's arguments once, and allocates only the models.
    /// </summary>
    public static WorkloadDeclaration ReadDeclaration(INamedTypeSymbol type, AttributeData workloadAttribute, WorkloadKind kind, CancellationToken cancellationToken)
    {
        var names = TypeNames.Of(type);
        var workload = ReadWorkload(type, names.Display, workloadAttribute, kind, out var hasConflictingKind, out var inapplicable, out var overrides);
        return new WorkloadDeclaration(ReadType(type, names, hasConflictingKind, inapplicable, cancellationToken), workload, overrides);
    }

    /// <summary>What one set of attributes (the shared ones, or one environment's) gives, before the model is composed.</summary>
    private sealed class Gathered
    {
        public object?[] Values = null!;
        public bool HasScaling, HasRetry, HasSchedule;
        public List<TolerationModel>? Tolerations;
        public WorkloadField? TolerationField;
        public List<WorkloadField>? PairFields;

        /// <summary>A copy to lay an environment's attributes over: lists are copied, values are immutable.</summary>
        public Gathered Copy()
        {
            var copy = new Gathered
            {
                Values = (object?[])Values.Clone(),
                HasScaling = HasScaling,
                HasRetry = HasRetry,
                HasSchedule = HasSchedule,
                Tolerations = Tolerations is null ? null : new List<TolerationModel>(Tolerations),
                TolerationField = TolerationField,
                PairFields = PairFields is null ? null : new List<WorkloadField>(PairFields),
            };
            foreach (var field in copy.PairFields ?? Enumerable.Empty<WorkloadField>())
            {
                copy.Values[field.Index] = new List<KeyValue>((List<KeyValue>)copy.Values[field.Index]!);
            }

            return copy;
        }

        public WorkloadModel Compose(WorkloadKind kind, string name, string displayName)
        {
            if (PairFields is not null)
            {
                // The pairs were gathered in lists, in declaration order.
                foreach (var field in PairFields)
                {
                    Values[field.Index] = new EquatableArray<KeyValue>(((List<KeyValue>)Values[field.Index]!).ToArray());
                }
            }

            if (Tolerations is not null)
            {
                Values[TolerationField!.Index] = new EquatableArray<TolerationModel>(Tolerations.ToArray());
            }

            return WorkloadFields.Compose(kind, name, displayName, Values, HasScaling, HasRetry, HasSchedule);
        }
    }

    private static WorkloadModel ReadWorkload(
        INamedTypeSymbol type,
        string displayName,
        AttributeData workloadAttribute,
        WorkloadKind kind,
        out bool hasConflictingKind,
        out EquatableArray<string> inapplicable,
        out EquatableArray<EnvironmentOverride> overrides)
    {
        var name = workloadAttribute.ConstructorArguments.Length > 0 ? AsString(workloadAttribute.ConstructorArguments[0]) : null;

        // One value per row of the table of workload fields; the model is built once at the end. The array is
        // this thread's scratch: the transform runs for every class on every compilation, and Compose copies out.
        var values = scratch ??= new object?[WorkloadFields.All.Count];
        System.Array.Clear(values, 0, values.Length);
        ReadArguments(values, null, workloadAttribute, overwrite: false);
        var shared = new Gathered { Values = values };

        var otherKind = kind == WorkloadKind.Pipeline ? "FunctionAttribute" : "PipelineAttribute";
        hasConflictingKind = false;
        List<string>? notApplying = null;
        List<(string Environment, string Name, AttributeData Attribute)>? environmentParts = null;

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

            if (!AppliesTo(attributeName, kind))
            {
                Add(ref notApplying, Short(attributeName));
                continue;
            }

            if (EnvironmentOf(attribute) is { } environment)
            {
                // Laid over the shared attributes once they are all read, whatever the order they are written in.
                (environmentParts ??= new()).Add((environment, attributeName, attribute));
                continue;
            }

            Read(shared, attributeName, attribute, overwrite: false);
        }

        inapplicable = notApplying is null ? EquatableArray<string>.Empty : new EquatableArray<string>(notApplying.ToArray());
        overrides = environmentParts is null ? EquatableArray<EnvironmentOverride>.Empty : Overrides(shared, environmentParts, kind, name ?? string.Empty, displayName);
        return shared.Compose(kind, name ?? string.Empty, displayName);
    }

    /// <summary>Each environment that the class's attributes name, in ordinal order, with its attributes laid over the shared ones.</summary>
    private static EquatableArray<EnvironmentOverride> Overrides(
        Gathered shared, List<(string Environment, string Name, AttributeData Attribute)> parts, WorkloadKind kind, string name, string displayName)
    {
        var environments = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var part in parts)
        {
            environments.Add(part.Environment);
        }

        var result = new EnvironmentOverride[environments.Count];
        var i = 0;
        foreach (var environment in environments)
        {
            var gathered = shared.Copy();
            foreach (var part in parts)
            {
                if (part.Environment == environment)
                {
                    Read(gathered, part.Name, part.Attribute, overwrite: true);
                }
            }

            result[i++] = new EnvironmentOverride(environment, gathered.Compose(kind, name, displayName));
        }

        return new EquatableArray<EnvironmentOverride>(result);
    }

    /// <summary>
    /// Reads one attribute that sets fields into <paramref name="into"/>. A shared attribute given twice keeps the
    /// first value of each argument (HEVL132 reports the second); an environment's attribute replaces the
    /// arguments it sets, replaces or adds the keys of its pairs, and adds its tolerations.
    /// </summary>
    private static void Read(Gathered into, string attributeName, AttributeData attribute, bool overwrite)
    {
        if (WorkloadFields.ForAttributeClass(attributeName, null) is { } repeated)
        {
            if (repeated.Shape == FieldShape.TextMap)
            {
                if (AddPair(into.Values, repeated, attribute, overwrite))
                {
                    (into.PairFields ??= new List<WorkloadField>()).Add(repeated);
                }
            }
            else
            {
                into.TolerationField = repeated;
                (into.Tolerations ??= new List<TolerationModel>()).Add(ReadToleration(attribute));
            }

            return;
        }

        // The attribute's block exists once the attribute is written, even with no argument.
        var block = BlockOf(attributeName);
        into.HasScaling |= block.Path == "spec.scaling";
        into.HasRetry |= block.Path == "spec.retry";
        into.HasSchedule |= block.Path == "spec.schedule";
        ReadArguments(into.Values, attributeName, attribute, overwrite);
    }

    /// <summary>True when the fields that <paramref name="attributeClass"/> sets belong to <paramref name="kind"/> (only Functions have [Schedule] and [IndexSelector]).</summary>
    private static bool AppliesTo(string attributeClass, WorkloadKind kind) =>
        (WorkloadFields.ForAttributeClass(attributeClass, null) ?? BlockOf(attributeClass)).AppliesTo(kind);

    private static string Short(string attributeClass) => attributeClass.Substring(0, attributeClass.Length - "Attribute".Length);

    /// <summary>The <c>Environment</c> argument of an attribute that sets fields; null when it applies to every environment (or is empty).</summary>
    public static string? EnvironmentOf(AttributeData attribute)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == "Environment")
            {
                return AsString(arg.Value) is { Length: > 0 } environment ? environment : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the values that <paramref name="attribute"/>'s named arguments give into their rows of the table
    /// of workload fields. A name given twice is a compiler error (CS0643); the first one counts.
    /// </summary>
    private static void ReadArguments(object?[] values, string? attributeName, AttributeData attribute, bool overwrite)
    {
        foreach (var arg in attribute.NamedArguments)
        {
            if (WorkloadFields.ForAttributeClass(attributeName, arg.Key) is not { Get: not null } field || (!overwrite && values[field.Index] is not null))
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
            hidesInherited,
            ManifestName.ForEnvironmentTaken(type));
    }

    /// <summary>Appends a key-value pair ([Label], [Annotation], [NodeSelector], [IndexSelector]) to its field's list, in declaration order.</summary>
    /// <returns>True when this is the field's first pair (its list was made here).</returns>
    private static bool AddPair(object?[] values, WorkloadField field, AttributeData attribute, bool replace)
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

        var pairs = (List<KeyValue>)values[field.Index]!;
        var pair = new KeyValue(key, AsString(args[1]) ?? string.Empty);
        var at = replace ? pairs.FindIndex(p => p.Key == key) : -1;
        if (at >= 0)
        {
            pairs[at] = pair;
        }
        else
        {
            pairs.Add(pair);
        }

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

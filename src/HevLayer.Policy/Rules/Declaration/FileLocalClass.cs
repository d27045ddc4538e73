using System.Collections.Generic;

namespace HevLayer.Policy.Rules.Declaration;

/// <summary>
/// HEVL118. Tool: the generator's half of a workload class lives in a generated file, and a <c>file</c>
/// type (or a type nested in one) can only be declared in its own file; no manifest is generated.
/// </summary>
public sealed class FileLocalClass : WorkloadRule
{
    /// <summary>The id.</summary>
    public const string DiagnosticId = "HEVL118";

    private FileLocalClass()
        : base(DiagnosticId, RuleSeverity.Error, RuleArea.Declaration, RuleBasis.Tool, "Workload class is file-local", "Workload class '{type}' {where}; generated code lives in a file of its own and cannot extend a file-local type, so no manifest is generated: remove the 'file' modifier")
    {
    }

    /// <summary>The rule.</summary>
    public static FileLocalClass Instance { get; } = new();

    /// <inheritdoc />
    public override IEnumerable<Finding> Check(WorkloadContext context)
    {
        if (context.Shape.FileLocal is { } where)
        {
            yield return At(WorkloadTarget.Type, ("type", context.Shape.TypeName), ("where", where));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using HevLayer.Build;
using HevLayer.Policy.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Cli.Watch;

/// <summary>
/// Reads the <c>[GeneratedWorkload(...)]</c> facts of one generated file from the compilation, without
/// emitting it: the compiler's binding of the attribute's constant arguments is what it would serialize
/// into the assembly, where the build task's <see cref="ManifestReader"/> decodes them (in the constructor's
/// order, which <see cref="WorkloadFacts"/> documents). The manifests are rendered by the same
/// <see cref="ManifestWriter"/>.
/// </summary>
internal static class GeneratedFacts
{
    private const string AttributeName = "HevLayer.Manifests.GeneratedWorkloadAttribute";

    /// <summary>The manifests of the workload classes declared in <paramref name="tree"/>.</summary>
    public static IReadOnlyList<EmbeddedManifest> Read(Compilation compilation, SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var types = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<TypeDeclarationSyntax>()
            .Where(t => t.AttributeLists.Count > 0)
            .ToList();
        if (types.Count == 0)
        {
            return Array.Empty<EmbeddedManifest>();
        }

        var model = compilation.GetSemanticModel(tree);
        var result = new List<EmbeddedManifest>();
        foreach (var type in types)
        {
            if (model.GetDeclaredSymbol(type, cancellationToken) is not { } symbol)
            {
                continue;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.ApplicationSyntaxReference?.SyntaxTree == tree && attribute.AttributeClass?.ToDisplayString() == AttributeName)
                {
                    var workload = Facts(attribute).ToModel();
                    result.Add(new EmbeddedManifest(ManifestWriter.FileName(workload), ManifestWriter.Write(workload), workload));
                }
            }
        }

        return result;
    }

    /// <summary>The facts, in the attribute constructor's order.</summary>
    private static WorkloadFacts Facts(AttributeData attribute)
    {
        var a = attribute.ConstructorArguments;
        if (a.Length != 19 || a.Any(c => c.Kind == TypedConstantKind.Error))
        {
            throw new InvalidOperationException($"A [GeneratedWorkload] attribute has {a.Length} arguments where this tool reads 19; use the hevlayer tool of the project's HevLayer.Generators version.");
        }

        return new WorkloadFacts
        {
            Function = (bool)a[0].Value!,
            Name = (string)a[1].Value!,
            Namespace = (string)a[2].Value!,
            Paused = (bool)a[3].Value!,
            Labels = Strings(a[4]),
            Annotations = Strings(a[5]),
            Image = (string)a[6].Value!,
            Pool = (string)a[7].Value!,
            Mode = (int)a[8].Value!,
            MinReplicas = (int)a[9].Value!,
            MaxReplicas = (int)a[10].Value!,
            Set = (int)a[11].Value!,
            Values = a[12].IsNull ? Array.Empty<int>() : a[12].Values.Select(v => (int)v.Value!).ToArray(),
            Triggers = (int)a[13].Value!,
            TargetNamespaces = Strings(a[14]),
            Inputs = Strings(a[15]),
            Version = (string?)a[16].Value,
            Filter = Strings(a[17]),
            SourceType = (string)a[18].Value!,
        };
    }

    private static string[] Strings(TypedConstant constant) =>
        constant.IsNull ? Array.Empty<string>() : constant.Values.Select(v => (string?)v.Value ?? string.Empty).ToArray();
}

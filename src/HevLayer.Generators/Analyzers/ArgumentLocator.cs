using System.Threading;
using HevLayer.Policy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HevLayer.Generators.Analyzers;

/// <summary>
/// Maps a finding's <see cref="WorkloadTarget"/> to the source it is about: the attribute argument at
/// fault (<c>Pool = "gpu-a10"</c>), else its attribute, else the class name.
/// </summary>
internal sealed class ArgumentLocator
{
    private readonly INamedTypeSymbol type;
    private readonly AttributeData workload;
    private readonly AttributeData? other;
    private readonly AttributeData? scaling;
    private readonly CancellationToken cancellationToken;

    public ArgumentLocator(INamedTypeSymbol type, AttributeData workload, AttributeData? other, AttributeData? scaling, CancellationToken cancellationToken)
    {
        this.type = type;
        this.workload = workload;
        this.other = other;
        this.scaling = scaling;
        this.cancellationToken = cancellationToken;
    }

    public Location Locate(Finding finding) => finding.RuleId == RuleIds.ConflictingKinds && other is not null
        ? Attribute(other) ?? TypeLocation()
        : finding.Target switch
        {
            WorkloadTarget.Type => TypeLocation(),
            WorkloadTarget.WorkloadAttribute => Attribute(workload) ?? TypeLocation(),
            WorkloadTarget.Name => Constructor(workload, 0) ?? Attribute(workload) ?? TypeLocation(),
            WorkloadTarget.Namespace => Named(workload, "Namespace"),
            WorkloadTarget.Paused => Named(workload, "Paused"),
            WorkloadTarget.Triggers => Named(workload, "Triggers"),
            WorkloadTarget.ScalingAttribute => ScalingLocation(),
            WorkloadTarget.Pool => ScalingNamed("Pool"),
            WorkloadTarget.Mode => ScalingNamed("Mode"),
            WorkloadTarget.MinReplicas => ScalingNamed("MinReplicas"),
            WorkloadTarget.MaxReplicas => ScalingNamed("MaxReplicas"),
            WorkloadTarget.Label => Pair("LabelAttribute", finding.Args.Count > 0 ? finding.Args[0] : null),
            WorkloadTarget.Annotation => Pair("AnnotationAttribute", finding.Args.Count > 0 ? finding.Args[0] : null),
            _ => TypeLocation(),
        };

    private Location Pair(string attributeName, string? key)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (Parsing.AttributeNames.Is(attribute, attributeName)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value as string == key
                && Attribute(attribute) is { } location)
            {
                return location;
            }
        }

        return Attribute(workload) ?? TypeLocation();
    }

    private Location ScalingNamed(string name) => scaling is null ? Attribute(workload) ?? TypeLocation() : Named(scaling, name, ScalingLocation());

    private Location ScalingLocation() => (scaling is null ? null : Attribute(scaling)) ?? Attribute(workload) ?? TypeLocation();

    private Location Named(AttributeData attribute, string name, Location? fallback = null)
    {
        if (Syntax(attribute)?.ArgumentList is { } arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.GetLocation();
                }
            }
        }

        return fallback ?? Attribute(attribute) ?? TypeLocation();
    }

    private Location? Constructor(AttributeData attribute, int index)
    {
        if (Syntax(attribute)?.ArgumentList is { } arguments)
        {
            var position = 0;
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals is null && argument.NameColon is null)
                {
                    if (position++ == index)
                    {
                        return argument.GetLocation();
                    }
                }
            }
        }

        return null;
    }

    private Location? Attribute(AttributeData attribute) => Syntax(attribute)?.GetLocation();

    private AttributeSyntax? Syntax(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    private Location TypeLocation() => type.Locations.Length > 0 ? type.Locations[0] : Location.None;
}

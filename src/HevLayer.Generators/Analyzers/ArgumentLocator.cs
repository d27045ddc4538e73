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
    private readonly CancellationToken cancellationToken;

    public ArgumentLocator(INamedTypeSymbol type, AttributeData workload, AttributeData? other, CancellationToken cancellationToken)
    {
        this.type = type;
        this.workload = workload;
        this.other = other;
        this.cancellationToken = cancellationToken;
    }

    public Location Locate(Finding finding)
    {
        var target = finding.Target;
        return target.Kind switch
        {
            TargetKind.Workload => target.Argument is { } argument ? Named(workload, argument) : WorkloadLocation(),
            TargetKind.OtherWorkload => (other is null ? null : Attribute(other)) ?? WorkloadLocation(),
            TargetKind.Name => Constructor(workload, 0) ?? WorkloadLocation(),
            TargetKind.Attribute => Find(target.Attribute) is { } attribute
                ? target.Argument is { } named ? Named(attribute, named) : Attribute(attribute) ?? WorkloadLocation()
                : WorkloadLocation(),
            TargetKind.Pair => Pair(target.Attribute + "Attribute", target.Key),
            TargetKind.Item => Item(target.Attribute + "Attribute", target.Key, target.Argument),
            _ => TypeLocation(),
        };
    }

    /// <summary>The class's HevLayer attribute with the short name <paramref name="name"/> (<c>Scaling</c> for <c>[Scaling]</c>).</summary>
    private AttributeData? Find(string? name)
    {
        if (name is null)
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (Parsing.AttributeNames.Is(attribute, name + "Attribute"))
            {
                return attribute;
            }
        }

        return null;
    }

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

        return WorkloadLocation();
    }

    /// <summary>
    /// The use number <paramref name="index"/> of a repeatable attribute, in source order, or its argument
    /// <paramref name="argument"/>: by name, or by the constructor parameter of that name.
    /// </summary>
    private Location Item(string attributeName, string? index, string? argument)
    {
        var position = int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        foreach (var attribute in type.GetAttributes())
        {
            if (!Parsing.AttributeNames.Is(attribute, attributeName) || position-- != 0)
            {
                continue;
            }

            if (argument is null)
            {
                return Attribute(attribute) ?? WorkloadLocation();
            }

            var parameters = attribute.AttributeConstructor?.Parameters ?? default;
            for (var i = 0; !parameters.IsDefault && i < parameters.Length; i++)
            {
                if (string.Equals(parameters[i].Name, argument, System.StringComparison.OrdinalIgnoreCase) && Constructor(attribute, i) is { } located)
                {
                    return located;
                }
            }

            return Named(attribute, argument);
        }

        return WorkloadLocation();
    }

    private Location WorkloadLocation() => Attribute(workload) ?? TypeLocation();

    private Location Named(AttributeData attribute, string name)
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

        return Attribute(attribute) ?? WorkloadLocation();
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

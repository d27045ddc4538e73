using System.Collections.Generic;
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
    private readonly string? environment;

    /// <summary>A locator for the shared attributes, or, with <paramref name="environment"/>, for the workload as that environment sees it.</summary>
    public ArgumentLocator(INamedTypeSymbol type, AttributeData workload, AttributeData? other, CancellationToken cancellationToken, string? environment = null)
    {
        this.type = type;
        this.workload = workload;
        this.other = other;
        this.cancellationToken = cancellationToken;
        this.environment = environment;
    }

    /// <summary>True when <paramref name="attribute"/> applies in the environment located for: the environment's own, or a shared one.</summary>
    private bool Own(AttributeData attribute) => environment is not null && Parsing.WorkloadParser.EnvironmentOf(attribute) == environment;

    private bool Shared(AttributeData attribute) => Parsing.WorkloadParser.EnvironmentOf(attribute) is null;

    private static bool Sets(AttributeData attribute, string argument)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == argument)
            {
                return true;
            }
        }

        return false;
    }

    public Location Locate(Finding finding)
    {
        var target = finding.Target;
        return target.Kind switch
        {
            TargetKind.Workload => target.Argument is { } argument ? Named(workload, argument) : WorkloadLocation(),
            TargetKind.OtherWorkload => (other is null ? null : Attribute(other)) ?? WorkloadLocation(),
            TargetKind.Name => Constructor(workload, 0) ?? WorkloadLocation(),
            TargetKind.Attribute => Find(target.Attribute, target.Argument) is { } attribute
                ? target.Argument is { } named ? Named(attribute, named) : Attribute(attribute) ?? WorkloadLocation()
                : WorkloadLocation(),
            TargetKind.Pair => Pair(target.Attribute + "Attribute", target.Key),
            TargetKind.Item => Item(target.Attribute + "Attribute", target.Key, target.Argument),
            _ => TypeLocation(),
        };
    }

    /// <summary>
    /// The class's HevLayer attribute with the short name <paramref name="name"/> (<c>Scaling</c> for <c>[Scaling]</c>)
    /// that supplies <paramref name="argument"/>: the environment's own when it sets the argument, else the shared one,
    /// else the environment's own (an attribute the shared ones do not have).
    /// </summary>
    private AttributeData? Find(string? name, string? argument)
    {
        if (name is null)
        {
            return null;
        }

        AttributeData? shared = null, own = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (Parsing.AttributeNames.Is(attribute, name + "Attribute"))
            {
                if (Own(attribute) && own is null)
                {
                    own = attribute;
                    if (argument is not null && Sets(attribute, argument))
                    {
                        return attribute;
                    }
                }
                else if (Shared(attribute) && shared is null)
                {
                    shared = attribute;
                }
            }
        }

        return shared ?? own;
    }

    private Location Pair(string attributeName, string? key)
    {
        Location? shared = null;
        foreach (var attribute in type.GetAttributes())
        {
            if (Parsing.AttributeNames.Is(attribute, attributeName)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value as string == key
                && Attribute(attribute) is { } location)
            {
                // The environment's own pair replaces the shared one with its key.
                if (Own(attribute))
                {
                    return location;
                }

                if (Shared(attribute))
                {
                    shared ??= location;
                }
            }
        }

        return shared ?? WorkloadLocation();
    }

    /// <summary>The uses of a repeatable attribute as the environment sees them: the shared ones, then the environment's own, each in source order.</summary>
    private List<AttributeData> Uses(string attributeName)
    {
        var shared = new List<AttributeData>();
        var own = new List<AttributeData>();
        foreach (var attribute in type.GetAttributes())
        {
            if (Parsing.AttributeNames.Is(attribute, attributeName))
            {
                (Own(attribute) ? own : Shared(attribute) ? shared : null)?.Add(attribute);
            }
        }

        shared.AddRange(own);
        return shared;
    }

    /// <summary>
    /// The use number <paramref name="index"/> of a repeatable attribute, in source order, or its argument
    /// <paramref name="argument"/>: by name, or by the constructor parameter of that name.
    /// </summary>
    private Location Item(string attributeName, string? index, string? argument)
    {
        var position = int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        foreach (var attribute in Uses(attributeName))
        {
            if (position-- != 0)
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

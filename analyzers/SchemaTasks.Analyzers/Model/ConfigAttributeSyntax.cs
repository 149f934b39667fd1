using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>A config attribute of a task on the method and on the config type, with their syntax for locations.</summary>
internal sealed class ConfigAttributeSyntax
{
    private ConfigAttributeSyntax(
        ConfigAttributes attributes, AttributeSyntax? methodSyntax, AttributeSyntax? configTypeSyntax, ISymbol? methodOwner, ISymbol? configTypeOwner)
    {
        Attributes = attributes;
        MethodSyntax = methodSyntax;
        ConfigTypeSyntax = configTypeSyntax;
        MethodOwner = methodOwner;
        ConfigTypeOwner = configTypeOwner;
    }

    /// <summary>The symbol that carries <see cref="OnMethod"/>.</summary>
    public ISymbol? MethodOwner { get; }

    /// <summary>The symbol that carries <see cref="OnConfigType"/>.</summary>
    public ISymbol? ConfigTypeOwner { get; }

    public ConfigAttributes Attributes { get; }

    public AttributeData? OnMethod => Attributes.OnMethod;

    public AttributeData? OnConfigType => Attributes.OnConfigType;

    public AttributeSyntax? MethodSyntax { get; }

    public AttributeSyntax? ConfigTypeSyntax { get; }

    /// <summary>The attribute written closest to the task (the method's, else the config type's), with its syntax.</summary>
    public (AttributeData? Attribute, AttributeSyntax? Syntax) Closest =>
        OnMethod is not null ? (OnMethod, MethodSyntax) : (OnConfigType, ConfigTypeSyntax);

    /// <summary>The attributes of <paramref name="attributeMetadataName"/> for a task, as the shared reader finds them.</summary>
    public static ConfigAttributeSyntax Read(IMethodSymbol method, INamedTypeSymbol? configType, string attributeMetadataName, CancellationToken cancellationToken)
    {
        var attributes = TaskConfigReader.Attributes(method, configType, attributeMetadataName);
        return new ConfigAttributeSyntax(
            attributes,
            attributes.OnMethod is { } onMethod ? AttributeArguments.Syntax(onMethod, cancellationToken) : null,
            attributes.OnConfigType is { } onConfig ? AttributeArguments.Syntax(onConfig, cancellationToken) : null,
            method,
            configType);
    }

    /// <summary>
    /// The attributes of <paramref name="attributeMetadataName"/> for a task whose method does not write one: what
    /// <see cref="Read"/> finds then, without the method (which carries nothing here).
    /// </summary>
    public static ConfigAttributeSyntax OfConfigTypeAlone(INamedTypeSymbol configType, string attributeMetadataName, CancellationToken cancellationToken)
    {
        var onConfig = SymbolNames.FindAttribute(configType, attributeMetadataName);
        return new ConfigAttributeSyntax(
            new ConfigAttributes(null, onConfig),
            null,
            onConfig is null ? null : AttributeArguments.Syntax(onConfig, cancellationToken),
            null,
            configType);
    }

    /// <summary>One attribute as declared on <paramref name="owner"/>, alone (what a rule checks once per declaration).</summary>
    public static ConfigAttributeSyntax Declared(AttributeData attribute, ISymbol owner, CancellationToken cancellationToken)
    {
        var syntax = AttributeArguments.Syntax(attribute, cancellationToken);
        return owner is IMethodSymbol
            ? new ConfigAttributeSyntax(new ConfigAttributes(attribute, null), syntax, null, owner, null)
            : new ConfigAttributeSyntax(new ConfigAttributes(null, attribute), null, syntax, null, owner);
    }
}

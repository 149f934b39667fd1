using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// A resolved config attribute of a task (queue, retry, machine, max duration): the attribute written closest to the
/// task (the method's, else the config type's), where it is, and the attributes merged under it.
/// </summary>
internal abstract class TaskConfigAttribute
{
    private protected TaskConfigAttribute(ConfigAttributeSyntax attributes)
    {
        Attributes = attributes;
        var onMethod = attributes.OnMethod is not null;
        Attribute = (onMethod ? attributes.OnMethod : attributes.OnConfigType)!;
        Origin = onMethod ? ConfigOrigin.Method : ConfigOrigin.ConfigType;
        Owner = (onMethod ? attributes.MethodOwner : attributes.ConfigTypeOwner)!;
        Location = (onMethod ? attributes.MethodSyntax : attributes.ConfigTypeSyntax)?.GetLocation();
    }

    /// <summary>The attributes on the method and on the config type that this config merges.</summary>
    public ConfigAttributeSyntax Attributes { get; }

    /// <summary>The attribute closest to the task.</summary>
    public AttributeData Attribute { get; }

    /// <summary>Whether <see cref="Attribute"/> is on the method or on the config type.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The method or config type that carries <see cref="Attribute"/>.</summary>
    public ISymbol Owner { get; }

    /// <summary>Where <see cref="Attribute"/> is written, when in source.</summary>
    public Location? Location { get; }
}

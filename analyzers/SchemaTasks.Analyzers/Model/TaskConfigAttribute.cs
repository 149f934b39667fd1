using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>One config attribute (<c>[TaskQueue]</c>, <c>[TaskRetry]</c> or <c>[TaskMachine]</c>) as written.</summary>
internal abstract class TaskConfigAttribute
{
    protected TaskConfigAttribute(AttributeData attribute, ConfigOrigin origin, ISymbol owner, Location? location)
    {
        Attribute = attribute;
        Origin = origin;
        Owner = owner;
        Location = location;
    }

    /// <summary>The attribute.</summary>
    public AttributeData Attribute { get; }

    /// <summary>Whether it is written on the task method or on the shared config type.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The symbol the attribute is written on: the task method or the config type.</summary>
    public ISymbol Owner { get; }

    /// <summary>The whole attribute in source (e.g. <c>TaskRetry(MaxAttempts = 3)</c>); null when declared in metadata.</summary>
    public Location? Location { get; }
}

using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>A <c>[TaskQueue(name, ConcurrencyLimit = ..., TotalConcurrencyLimit = ...)]</c> as written.</summary>
internal sealed class QueueConfig : TaskConfigAttribute
{
    /// <summary>The runtime's <c>QueueOptions.UnboundedConcurrencyLimit</c>: the default and the largest limit.</summary>
    public const int UnboundedConcurrencyLimit = SchemaTasks.Roslyn.QueueConfig.DefaultConcurrencyLimit;

    private QueueConfig(AttributeData attribute, ConfigOrigin origin, ISymbol owner, Location? location)
        : base(attribute, origin, owner, location)
    {
    }

    /// <summary>The queue name (null when not a constant string).</summary>
    public ConfigValue<string?> Name { get; private set; }

    /// <summary><c>ConcurrencyLimit</c>; default <see cref="UnboundedConcurrencyLimit"/>.</summary>
    public ConfigValue<int> ConcurrencyLimit { get; private set; }

    /// <summary><c>TotalConcurrencyLimit</c>; default 0 (no cap).</summary>
    public ConfigValue<int> TotalConcurrencyLimit { get; private set; }

    /// <summary>Reads a <c>[TaskQueue]</c> attribute.</summary>
    public static QueueConfig Read(AttributeData attribute, ConfigOrigin origin, ISymbol owner, CancellationToken cancellationToken)
    {
        var syntax = AttributeArguments.Syntax(attribute, cancellationToken);
        var name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        return new QueueConfig(attribute, origin, owner, syntax?.GetLocation())
        {
            Name = new ConfigValue<string?>(name, true, AttributeArguments.Constructor(syntax, 0, "name")),
            ConcurrencyLimit = ConfigValues.Int(attribute, syntax, "ConcurrencyLimit", UnboundedConcurrencyLimit),
            TotalConcurrencyLimit = ConfigValues.Int(attribute, syntax, "TotalConcurrencyLimit", 0),
        };
    }
}

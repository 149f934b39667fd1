using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// A task's <c>[TaskQueue]</c>, merged as the generator merges it: the name from the attribute closest to the task,
/// each limit from the method's attribute when it writes it, else from the config type's, else the default.
/// </summary>
internal sealed class QueueConfig : TaskConfigAttribute
{
    /// <summary>The limit of a queue that sets none.</summary>
    public const int UnboundedConcurrencyLimit = SchemaTasks.Roslyn.QueueConfig.DefaultConcurrencyLimit;

    private QueueConfig(ConfigAttributeSyntax attributes)
        : base(attributes)
    {
    }

    public ConfigValue<string?> Name { get; private set; }

    public ConfigValue<int> ConcurrencyLimit { get; private set; }

    public ConfigValue<int> TotalConcurrencyLimit { get; private set; }

    /// <summary>The task's config of this kind, merged from the method and its config type; null when neither sets it.</summary>
    public static QueueConfig? ForTask(IMethodSymbol method, INamedTypeSymbol? configType, CancellationToken cancellationToken) =>
        Read(ConfigAttributeSyntax.Read(method, configType, SchemaTasks.Roslyn.WellKnownNames.TaskQueueAttribute, cancellationToken));

    /// <summary>The config of these attributes; null when there is none.</summary>
    public static QueueConfig? Read(ConfigAttributeSyntax attributes)
    {
        if (attributes.Closest.Attribute is null)
        {
            return null;
        }

        return new QueueConfig(attributes)
        {
            Name = ConfigValues.ConstructorString(attributes, "name"),
            ConcurrencyLimit = ConfigValues.Named(attributes, "ConcurrencyLimit", UnboundedConcurrencyLimit),
            TotalConcurrencyLimit = ConfigValues.Named(attributes, "TotalConcurrencyLimit", 0),
        };
    }
}

using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// What a config type gives, on its own, each task that names it: its <c>[TaskQueue]</c>, <c>[TaskRetry]</c>,
/// <c>[TaskMachine]</c> and <c>[TaskMaxDuration]</c>, read as <see cref="TaskMethodReader"/> reads a task's config when
/// the method writes none of that attribute. Read once per config type and compilation
/// (<see cref="KnownTypes.ConfigTypeConfigOf"/>): the tasks of a domain share one config type, and each task read its
/// arguments, their syntax and their locations again.
/// </summary>
internal sealed class ConfigTypeConfig
{
    private ConfigTypeConfig(QueueConfig? queue, RetryConfig? retry, MachineConfig? machine, MaxDurationConfig? maxDuration)
    {
        Queue = queue;
        Retry = retry;
        Machine = machine;
        MaxDuration = maxDuration;
    }

    /// <summary>No config type: a task that writes no config attribute has none.</summary>
    public static ConfigTypeConfig None { get; } = new(null, null, null, null);

    /// <summary>The config type's <c>[TaskQueue]</c>, or null.</summary>
    public QueueConfig? Queue { get; }

    /// <summary>The config type's <c>[TaskRetry]</c>, or null.</summary>
    public RetryConfig? Retry { get; }

    /// <summary>The config type's <c>[TaskMachine]</c>, or null.</summary>
    public MachineConfig? Machine { get; }

    /// <summary>The config type's <c>[TaskMaxDuration]</c>, or null.</summary>
    public MaxDurationConfig? MaxDuration { get; }

    /// <summary>Reads the config attributes of <paramref name="configType"/>.</summary>
    public static ConfigTypeConfig Read(INamedTypeSymbol configType, CancellationToken cancellationToken) => new(
        QueueConfig.Read(ConfigAttributeSyntax.OfConfigTypeAlone(configType, WellKnownNames.TaskQueueAttribute, cancellationToken)),
        RetryConfig.Read(ConfigAttributeSyntax.OfConfigTypeAlone(configType, WellKnownNames.TaskRetryAttribute, cancellationToken)),
        MachineConfig.Read(ConfigAttributeSyntax.OfConfigTypeAlone(configType, WellKnownNames.TaskMachineAttribute, cancellationToken)),
        MaxDurationConfig.Read(ConfigAttributeSyntax.OfConfigTypeAlone(configType, WellKnownNames.TaskMaxDurationAttribute, cancellationToken)));
}

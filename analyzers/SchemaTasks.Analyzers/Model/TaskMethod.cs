using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// A method declared as a task, with its resolved config: each of <c>[TaskQueue]</c>, <c>[TaskRetry]</c> and
/// <c>[TaskMachine]</c> comes from the method when written there (replacing the config type's wholesale),
/// else from the <c>Config</c> type, else is null. Built by <see cref="TaskMethodReader"/>.
/// </summary>
internal sealed class TaskMethod
{
    /// <summary>The method.</summary>
    public required IMethodSymbol Method { get; init; }

    /// <summary>Which attribute declares the task (the first one when both are written).</summary>
    public required TaskKind Kind { get; init; }

    /// <summary>The <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> attribute.</summary>
    public required AttributeData TaskAttribute { get; init; }

    /// <summary>The other task attribute when the method wrongly carries both; otherwise null.</summary>
    public AttributeData? SecondTaskAttribute { get; init; }

    /// <summary>The task id; null when it is not a constant string.</summary>
    public required ConfigValue<string?> Id { get; init; }

    /// <summary>The <c>Config</c> type; null when none is named (or it is not a named type).</summary>
    public INamedTypeSymbol? ConfigType { get; init; }

    /// <summary>The <c>Config = typeof(...)</c> argument in source, when written.</summary>
    public Location? ConfigLocation { get; init; }

    /// <summary>The schedule of a <c>[ScheduledTask]</c>; null for a <c>[SchemaTask]</c>.</summary>
    public ScheduleConfig? Schedule { get; init; }

    /// <summary>The resolved queue attribute, or null when the task has none.</summary>
    public QueueConfig? Queue { get; init; }

    /// <summary>The resolved retry attribute, or null when the task has none.</summary>
    public RetryConfig? Retry { get; init; }

    /// <summary>The resolved machine attribute, or null when the task has none (it runs on Small1x).</summary>
    public MachineConfig? MachineConfig { get; init; }

    /// <summary>The task's <c>[TaskMaxDuration]</c>, merged; null when neither the method nor the config type sets one.</summary>
    public MaxDurationConfig? MaxDuration { get; init; }

    /// <summary>The machine the task runs on, as a <c>Machine</c> enum value.</summary>
    public int Machine => MachineConfig?.Machine.Value ?? Machines.Default;

    /// <summary>The payload parameter (the first), or null when the method takes none.</summary>
    public IParameterSymbol? PayloadParameter => Method.Parameters.Length > 0 ? Method.Parameters[0] : null;

    /// <summary>The method's name in its declaration: where method-wide diagnostics go.</summary>
    public Location NameLocation => Method.Locations.Length > 0 ? Method.Locations[0] : Location.None;

    /// <summary>The whole task attribute in source (or the method name when in metadata).</summary>
    public required Location AttributeLocation { get; init; }

    /// <summary>The id for messages: the id, or the method name when the id is not constant.</summary>
    public string DisplayId => Id.Value ?? Method.Name;
}

using System.Threading;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Reads a <see cref="TaskMethod"/> from a method symbol: the one place that knows how the generator resolves
/// a task's config, so every rule sees the same task the generator emits.
/// </summary>
internal static class TaskMethodReader
{
    /// <summary>
    /// Reads the task declared by <paramref name="method"/>, or returns null when the method carries neither
    /// <c>[SchemaTask]</c> nor <c>[ScheduledTask]</c>.
    /// </summary>
    public static TaskMethod? TryRead(IMethodSymbol method, KnownTypes types, CancellationToken cancellationToken)
    {
        AttributeData? taskAttribute = null;
        AttributeData? secondTaskAttribute = null;
        AttributeData? queue = null, retry = null, machine = null;

        foreach (var attribute in method.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (types.IsTaskAttribute(attributeClass))
            {
                if (taskAttribute is null)
                {
                    taskAttribute = attribute;
                }
                else
                {
                    secondTaskAttribute ??= attribute;
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, types.TaskQueueAttribute))
            {
                queue ??= attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, types.TaskRetryAttribute))
            {
                retry ??= attribute;
            }
            else if (SymbolEqualityComparer.Default.Equals(attributeClass, types.TaskMachineAttribute))
            {
                machine ??= attribute;
            }
        }

        if (taskAttribute is null)
        {
            return null;
        }

        var kind = SymbolEqualityComparer.Default.Equals(taskAttribute.AttributeClass, types.ScheduledTaskAttribute)
            ? TaskKind.Scheduled
            : TaskKind.Schema;
        var syntax = AttributeArguments.Syntax(taskAttribute, cancellationToken);
        var nameLocation = method.Locations.Length > 0 ? method.Locations[0] : Location.None;

        var id = taskAttribute.ConstructorArguments.Length == 1 ? taskAttribute.ConstructorArguments[0].Value as string : null;
        var configType = AttributeArguments.NamedValue(taskAttribute, "Config")?.Value as INamedTypeSymbol;

        var task = new TaskMethod
        {
            Method = method,
            Kind = kind,
            TaskAttribute = taskAttribute,
            SecondTaskAttribute = secondTaskAttribute,
            Id = new ConfigValue<string?>(id, true, AttributeArguments.Constructor(syntax, 0, "id")),
            AttributeLocation = syntax?.GetLocation() ?? nameLocation,
            ConfigType = configType,
            ConfigLocation = AttributeArguments.Named(syntax, "Config"),
            Schedule = kind == TaskKind.Scheduled ? ReadSchedule(taskAttribute, syntax) : null,
            Queue = queue is not null
                ? QueueConfig.Read(queue, ConfigOrigin.Method, method, cancellationToken)
                : FromConfigType(configType, types.TaskQueueAttribute, (a, t) => QueueConfig.Read(a, ConfigOrigin.ConfigType, t, cancellationToken)),
            Retry = retry is not null
                ? RetryConfig.Read(retry, ConfigOrigin.Method, method, cancellationToken)
                : FromConfigType(configType, types.TaskRetryAttribute, (a, t) => RetryConfig.Read(a, ConfigOrigin.ConfigType, t, cancellationToken)),
            MachineConfig = machine is not null
                ? MachineConfig.Read(machine, ConfigOrigin.Method, method, cancellationToken)
                : FromConfigType(configType, types.TaskMachineAttribute, (a, t) => MachineConfig.Read(a, ConfigOrigin.ConfigType, t, cancellationToken)),
        };
        return task;
    }

    private static ScheduleConfig ReadSchedule(AttributeData attribute, Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax? syntax)
    {
        var cron = AttributeArguments.NamedValue(attribute, "Cron");
        var timeZone = AttributeArguments.NamedValue(attribute, "TimeZone");
        return new ScheduleConfig(
            cron is { } c ? new ConfigValue<string?>(c.Value as string, true, AttributeArguments.Named(syntax, "Cron")) : ConfigValue<string?>.Default(""),
            timeZone is { } t ? new ConfigValue<string?>(t.Value as string, true, AttributeArguments.Named(syntax, "TimeZone")) : ConfigValue<string?>.Default(ScheduleConfig.DefaultTimeZone),
            ConfigValues.Bool(attribute, syntax, "SkipIfActive", false));
    }

    private static T? FromConfigType<T>(INamedTypeSymbol? configType, INamedTypeSymbol attributeType, System.Func<AttributeData, INamedTypeSymbol, T> read)
        where T : class
    {
        if (configType is null)
        {
            return null;
        }

        foreach (var attribute in configType.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return read(attribute, configType);
            }
        }

        return null;
    }
}

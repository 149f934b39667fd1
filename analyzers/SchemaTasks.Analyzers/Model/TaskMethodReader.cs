using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Reads a <see cref="TaskMethod"/> from a method symbol. The config is merged by the shared
/// <see cref="TaskConfigReader"/> rules, as in the generator, so every rule sees the same task the generator emits;
/// this adds the argument locations diagnostics need. A task is read once per compilation (see
/// <see cref="KnownTypes"/>), however many rules ask for it.
/// </summary>
internal static class TaskMethodReader
{
    /// <summary>
    /// Reads the task declared by <paramref name="method"/>, or returns null when the method carries neither
    /// <c>[SchemaTask]</c> nor <c>[ScheduledTask]</c>.
    /// </summary>
    public static TaskMethod? TryRead(IMethodSymbol method, KnownTypes types, CancellationToken cancellationToken)
    {
        // Most methods are not tasks: answer those without touching the cache.
        if (!IsTask(method, types))
        {
            return null;
        }

        // Looked up before reading: a dozen rules ask for each task, and GetOrAdd's factory would allocate its
        // closure at every call, cached or not.
        return types.TaskMethods.TryGetValue(method, out var task)
            ? task
            : types.TaskMethods.GetOrAdd(method, Read(method, types, cancellationToken));
    }

    private static bool IsTask(IMethodSymbol method, KnownTypes types)
    {
        if (AttributeSyntaxGate.HasNoAttributes(method))
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (types.IsTaskAttribute(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }

    private static TaskMethod? Read(IMethodSymbol method, KnownTypes types, CancellationToken cancellationToken)
    {
        AttributeData? taskAttribute = null;
        AttributeData? secondTaskAttribute = null;
        foreach (var attribute in method.GetAttributes())
        {
            if (types.IsTaskAttribute(attribute.AttributeClass))
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

        // How the method's attributes merge over the config type's is the generator's rule, read through the shared
        // TaskConfigReader and ConfigArguments; the models only add argument locations for diagnostics. What the
        // method does not write comes from its config type alone, read once for all the tasks that name it.
        var shared = configType is null ? ConfigTypeConfig.None : types.ConfigTypeConfigOf(configType, cancellationToken);
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
            Queue = Writes(method, WellKnownNames.TaskQueueAttribute) ? QueueConfig.ForTask(method, configType, cancellationToken) : shared.Queue,
            Retry = Writes(method, WellKnownNames.TaskRetryAttribute) ? RetryConfig.ForTask(method, configType, cancellationToken) : shared.Retry,
            MachineConfig = Writes(method, WellKnownNames.TaskMachineAttribute) ? MachineConfig.ForTask(method, configType, cancellationToken) : shared.Machine,
            MaxDuration = Writes(method, WellKnownNames.TaskMaxDurationAttribute) ? MaxDurationConfig.ForTask(method, configType, cancellationToken) : shared.MaxDuration,
        };
        return task;
    }

    // Whether the method writes the config attribute, as the shared reader finds it (TaskConfigReader.Attributes).
    private static bool Writes(IMethodSymbol method, string attributeMetadataName) =>
        SymbolNames.FindAttribute(method, attributeMetadataName) is not null;

    private static ScheduleConfig ReadSchedule(AttributeData attribute, Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax? syntax)
    {
        var cron = AttributeArguments.NamedValue(attribute, "Cron");
        var timeZone = AttributeArguments.NamedValue(attribute, "TimeZone");
        return new ScheduleConfig(
            cron is { } c ? new ConfigValue<string?>(c.Value as string, true, AttributeArguments.Named(syntax, "Cron")) : ConfigValue<string?>.Default(""),
            timeZone is { } t ? new ConfigValue<string?>(t.Value as string, true, AttributeArguments.Named(syntax, "TimeZone")) : ConfigValue<string?>.Default(ScheduleConfig.DefaultTimeZone),
            ConfigValues.Bool(attribute, syntax, "SkipIfActive", false));
    }
}

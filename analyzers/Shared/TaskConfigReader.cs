using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// Reads the task attributes and resolves a task's config: each of <c>[TaskQueue]</c>, <c>[TaskRetry]</c>,
/// <c>[TaskMachine]</c> and <c>[TaskMaxDuration]</c> on the method overrides the same attribute of the <c>Config</c>
/// type property by property; unset properties are inherited, then take the attribute's defaults. Every method returns false when an attribute is broken (an argument
/// of the wrong type, an error in source): the generator then emits nothing and the compiler says why.
/// </summary>
internal static class TaskConfigReader
{
    /// <summary>
    /// The shared config type a task method names (<c>Config = typeof(...)</c> on its task attribute), or null. Reads
    /// only that argument, so it answers even when another argument of the attribute is broken.
    /// </summary>
    public static INamedTypeSymbol? FindConfigType(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is not (WellKnownNames.SchemaTaskAttribute or WellKnownNames.ScheduledTaskAttribute))
            {
                continue;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Config" && named.Value.Value is INamedTypeSymbol configType)
                {
                    return configType;
                }
            }
        }

        return null;
    }

    /// <summary>Reads the arguments of a <c>[SchemaTask]</c> or <c>[ScheduledTask]</c> attribute.</summary>
    public static bool TryReadTaskAttribute(AttributeData attribute, out TaskAttributeValues? values)
    {
        values = null;
        if (!ConfigArguments.TryGetSingleConstructorArgument(attribute, out var idArgument) || idArgument.Value is not string id)
        {
            return false;
        }

        INamedTypeSymbol? configType = null;
        string? description = null;
        var cron = "";
        var timeZone = TaskAttributeValues.DefaultTimeZone;
        var skipIfActive = false;
        foreach (var named in attribute.NamedArguments)
        {
            var value = named.Value;
            if (value.Kind == TypedConstantKind.Error)
            {
                return false;
            }

            var ok = named.Key switch
            {
                "Config" => TryReadType(value, out configType),
                "Description" => TryReadNullableString(value, out description),
                "Cron" => TryReadString(value, out cron),
                "TimeZone" => TryReadString(value, out timeZone),
                "SkipIfActive" => ConfigArguments.TryRead(value, out skipIfActive),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        values = new TaskAttributeValues(id, configType, description, cron, timeZone, skipIfActive);
        return true;
    }

    /// <summary>
    /// Resolves the config of <paramref name="method"/>, whose task attribute names <paramref name="configType"/>:
    /// each of <c>[TaskQueue]</c>, <c>[TaskRetry]</c>, <c>[TaskMachine]</c> and <c>[TaskMaxDuration]</c> on the method
    /// overrides the config type's property by property (only the arguments it writes), the rest is inherited, then
    /// defaulted. False when a written argument cannot be read. With <paramref name="configTypeConfigs"/>, a method
    /// that writes none of them gets its config type's config as resolved once for the compilation.
    /// </summary>
    public static bool TryResolve(IMethodSymbol method, INamedTypeSymbol? configType, out TaskConfig? config, ConfigTypeConfigs? configTypeConfigs = null)
    {
        var onMethod = MethodConfigAttributes.Of(method);
        if (configTypeConfigs is not null && configType is not null && onMethod.WritesNone)
        {
            return configTypeConfigs.TryResolve(configType, out config);
        }

        return TryResolve(onMethod, configType, out config);
    }

    /// <summary>
    /// Resolves a config from the config attributes a method writes (<paramref name="onMethod"/>) over those of
    /// <paramref name="configType"/>; false when a written argument cannot be read.
    /// </summary>
    public static bool TryResolve(MethodConfigAttributes onMethod, INamedTypeSymbol? configType, out TaskConfig? config)
    {
        config = null;
        var queueAttributes = new ConfigAttributes(onMethod.Queue, OnConfigType(configType, WellKnownNames.TaskQueueAttribute));
        var retryAttributes = new ConfigAttributes(onMethod.Retry, OnConfigType(configType, WellKnownNames.TaskRetryAttribute));
        var machineAttributes = new ConfigAttributes(onMethod.Machine, OnConfigType(configType, WellKnownNames.TaskMachineAttribute));
        var maxDurationAttributes = new ConfigAttributes(onMethod.MaxDuration, OnConfigType(configType, WellKnownNames.TaskMaxDurationAttribute));

        QueueConfig? queue = null;
        if (queueAttributes.Source != ConfigSource.None && !TryMergeQueue(queueAttributes, out queue))
        {
            return false;
        }

        RetryConfig? retry = null;
        if (retryAttributes.Source != ConfigSource.None && !TryMergeRetry(retryAttributes, out retry))
        {
            return false;
        }

        var machine = Machine(machineAttributes);
        var maxDuration = MaxDurationSeconds(maxDurationAttributes);
        if (!machine.IsReadable || !maxDuration.IsReadable)
        {
            return false;
        }

        config = new TaskConfig(
            queue, queueAttributes.Source, retry, retryAttributes.Source, machine.Value, machineAttributes.Source,
            maxDuration.IsWritten ? maxDuration.Value : null, maxDurationAttributes.Source);
        return true;
    }

    private static AttributeData? OnConfigType(INamedTypeSymbol? configType, string attributeMetadataName) =>
        configType is null ? null : SymbolNames.FindAttribute(configType, attributeMetadataName);

    /// <summary>A config attribute on the method and on the config type, either or both absent.</summary>
    public static ConfigAttributes Attributes(IMethodSymbol method, INamedTypeSymbol? configType, string attributeMetadataName) =>
        new(SymbolNames.FindAttribute(method, attributeMetadataName),
            configType is null ? null : SymbolNames.FindAttribute(configType, attributeMetadataName));

    /// <summary>The queue's name, merged (a constructor argument: the method's when it has the attribute).</summary>
    public static ConfigArgument<string?> QueueName(ConfigAttributes queue) =>
        ConfigArgument<string?>.Merge(ConfigArguments.ConstructorString(queue.OnMethod), ConfigArguments.ConstructorString(queue.OnConfigType));

    /// <summary>A named <c>int</c>, <c>double</c> or <c>bool</c> argument of a config attribute, merged.</summary>
    public static ConfigArgument<T> Named<T>(ConfigAttributes attributes, string name, T defaultValue)
        where T : struct =>
        ConfigArgument<T>.Merge(ConfigArguments.Named(attributes.OnMethod, name, defaultValue), ConfigArguments.Named(attributes.OnConfigType, name, defaultValue));

    /// <summary>The machine, merged (<see cref="MachineNames.Default"/> when neither sets one).</summary>
    public static ConfigArgument<int> Machine(ConfigAttributes machine) =>
        ConfigArgument<int>.Merge(ConfigArguments.Constructor(machine.OnMethod, MachineNames.Default), ConfigArguments.Constructor(machine.OnConfigType, MachineNames.Default));

    /// <summary>The max duration in seconds, merged (not written: no limit).</summary>
    public static ConfigArgument<int> MaxDurationSeconds(ConfigAttributes maxDuration) =>
        ConfigArgument<int>.Merge(ConfigArguments.Constructor(maxDuration.OnMethod, 0), ConfigArguments.Constructor(maxDuration.OnConfigType, 0));

    private static bool TryMergeQueue(ConfigAttributes attributes, out QueueConfig? queue)
    {
        queue = null;
        var name = QueueName(attributes);
        var limit = Named(attributes, "ConcurrencyLimit", QueueConfig.DefaultConcurrencyLimit);
        var total = Named(attributes, "TotalConcurrencyLimit", 0);
        if (name.Value is not { } queueName || !limit.IsReadable || !total.IsReadable)
        {
            return false;
        }

        queue = new QueueConfig(queueName, limit.Value, total.Value);
        return true;
    }

    private static bool TryMergeRetry(ConfigAttributes attributes, out RetryConfig? retry)
    {
        retry = null;
        if (attributes.OnMethod is { } onMethod && !HasNoConstructorArguments(onMethod)
            || attributes.OnConfigType is { } onConfig && !HasNoConstructorArguments(onConfig))
        {
            return false;
        }

        var defaults = RetryConfig.Default;
        var maxAttempts = Named(attributes, "MaxAttempts", defaults.MaxAttempts);
        var factor = Named(attributes, "Factor", defaults.Factor);
        var minTimeout = Named(attributes, "MinTimeoutInMs", defaults.MinTimeoutInMs);
        var maxTimeout = Named(attributes, "MaxTimeoutInMs", defaults.MaxTimeoutInMs);
        var randomize = Named(attributes, "Randomize", defaults.Randomize);
        var outOfMemoryMachine = Named(attributes, "OutOfMemoryMachine", 0);
        if (!(maxAttempts.IsReadable && factor.IsReadable && minTimeout.IsReadable && maxTimeout.IsReadable && randomize.IsReadable && outOfMemoryMachine.IsReadable))
        {
            return false;
        }

        retry = new RetryConfig(maxAttempts.Value, factor.Value, minTimeout.Value, maxTimeout.Value, randomize.Value,
            outOfMemoryMachine.IsWritten ? outOfMemoryMachine.Value : null);
        return true;
    }

    private static bool HasNoConstructorArguments(AttributeData attribute) =>
        attribute.AttributeConstructor is not null && attribute.ConstructorArguments.Length == 0;

    private static bool TryReadType(TypedConstant value, out INamedTypeSymbol? type)
    {
        type = value.Value as INamedTypeSymbol;
        if (value.Kind != TypedConstantKind.Type)
        {
            return false;
        }

        // typeof(Missing) binds to an error type; Config = null is allowed and means none.
        return value.IsNull || (type is not null && type.TypeKind != TypeKind.Error);
    }

    private static bool TryReadString(TypedConstant value, out string text)
    {
        text = value.Value as string ?? "";
        return value.Value is string;
    }

    private static bool TryReadNullableString(TypedConstant value, out string? text)
    {
        text = value.Value as string;
        return value.Kind == TypedConstantKind.Primitive && (value.IsNull || text is not null);
    }
}

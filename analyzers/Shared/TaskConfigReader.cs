using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// Reads the task attributes and resolves a task's config: each of <c>[TaskQueue]</c>, <c>[TaskRetry]</c> and
/// <c>[TaskMachine]</c> on the method replaces the same attribute of the <c>Config</c> type wholesale; unset
/// properties take the attribute's defaults. Every method returns false when an attribute is broken (an argument
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
        if (!TryGetSingleConstructorArgument(attribute, out var idArgument) || idArgument.Value is not string id)
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
                "SkipIfActive" => TryRead(value, out skipIfActive),
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

    /// <summary>Resolves the config of <paramref name="method"/>, whose task attribute names <paramref name="configType"/>.</summary>
    public static bool TryResolve(IMethodSymbol method, INamedTypeSymbol? configType, out TaskConfig? config)
    {
        config = null;
        var (queueAttribute, queueSource) = Find(method, configType, WellKnownNames.TaskQueueAttribute);
        var (retryAttribute, retrySource) = Find(method, configType, WellKnownNames.TaskRetryAttribute);
        var (machineAttribute, machineSource) = Find(method, configType, WellKnownNames.TaskMachineAttribute);

        QueueConfig? queue = null;
        if (queueAttribute is not null && !TryReadQueue(queueAttribute, out queue))
        {
            return false;
        }

        RetryConfig? retry = null;
        if (retryAttribute is not null && !TryReadRetry(retryAttribute, out retry))
        {
            return false;
        }

        var machine = MachineNames.Default;
        if (machineAttribute is not null &&
            (!TryGetSingleConstructorArgument(machineAttribute, out var machineArgument) || !TryRead(machineArgument, out machine)))
        {
            return false;
        }

        config = new TaskConfig(queue, queueSource, retry, retrySource, machine, machineSource);
        return true;
    }

    /// <summary>Reads a <c>[TaskQueue]</c> attribute.</summary>
    public static bool TryReadQueue(AttributeData attribute, out QueueConfig? queue)
    {
        queue = null;
        if (!TryGetSingleConstructorArgument(attribute, out var nameArgument) || nameArgument.Value is not string name)
        {
            return false;
        }

        var limit = QueueConfig.DefaultConcurrencyLimit;
        var total = 0;
        foreach (var named in attribute.NamedArguments)
        {
            var ok = named.Key switch
            {
                "ConcurrencyLimit" => TryRead(named.Value, out limit),
                "TotalConcurrencyLimit" => TryRead(named.Value, out total),
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        queue = new QueueConfig(name, limit, total);
        return true;
    }

    /// <summary>Reads a <c>[TaskRetry]</c> attribute.</summary>
    public static bool TryReadRetry(AttributeData attribute, out RetryConfig? retry)
    {
        retry = null;
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 0)
        {
            return false;
        }

        var defaults = RetryConfig.Default;
        var maxAttempts = defaults.MaxAttempts;
        var factor = defaults.Factor;
        var minTimeout = defaults.MinTimeoutInMs;
        var maxTimeout = defaults.MaxTimeoutInMs;
        var randomize = defaults.Randomize;
        int? outOfMemoryMachine = null;
        foreach (var named in attribute.NamedArguments)
        {
            var ok = true;
            switch (named.Key)
            {
                case "MaxAttempts":
                    ok = TryRead(named.Value, out maxAttempts);
                    break;
                case "Factor":
                    ok = TryRead(named.Value, out factor);
                    break;
                case "MinTimeoutInMs":
                    ok = TryRead(named.Value, out minTimeout);
                    break;
                case "MaxTimeoutInMs":
                    ok = TryRead(named.Value, out maxTimeout);
                    break;
                case "Randomize":
                    ok = TryRead(named.Value, out randomize);
                    break;
                case "OutOfMemoryMachine":
                    ok = TryRead(named.Value, out int machine);
                    outOfMemoryMachine = machine;
                    break;
            }

            if (!ok)
            {
                return false;
            }
        }

        retry = new RetryConfig(maxAttempts, factor, minTimeout, maxTimeout, randomize, outOfMemoryMachine);
        return true;
    }

    /// <summary>The method's attribute of the given type, else the config type's, with where it came from.</summary>
    public static (AttributeData? Attribute, ConfigSource Source) Find(IMethodSymbol method, INamedTypeSymbol? configType, string attributeMetadataName)
    {
        if (SymbolNames.FindAttribute(method, attributeMetadataName) is { } onMethod)
        {
            return (onMethod, ConfigSource.Method);
        }

        if (configType is not null && SymbolNames.FindAttribute(configType, attributeMetadataName) is { } onConfig)
        {
            return (onConfig, ConfigSource.ConfigType);
        }

        return (null, ConfigSource.None);
    }

    private static bool TryGetSingleConstructorArgument(AttributeData attribute, out TypedConstant argument)
    {
        argument = default;
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
        {
            return false;
        }

        argument = attribute.ConstructorArguments[0];
        return argument.Kind != TypedConstantKind.Error;
    }

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

    // Attribute arguments arrive converted to the property's type: an int for an int (or an enum's underlying int),
    // a double for a double even when written as 2.
    private static bool TryRead<T>(TypedConstant value, out T result)
        where T : struct
    {
        if (value.Kind is TypedConstantKind.Primitive or TypedConstantKind.Enum && value.Value is T typed)
        {
            result = typed;
            return true;
        }

        result = default;
        return false;
    }
}

using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>One argument of a config attribute as written in source: its value, and whether it was written at all.</summary>
/// <param name="Value">The value; the attribute's default when not written.</param>
/// <param name="IsWritten">Whether the source sets this argument (a constructor argument always is).</param>
/// <param name="IsReadable">False when it is written but cannot be read (wrong type, an error in source).</param>
internal readonly record struct ConfigArgument<T>(T Value, bool IsWritten, bool IsReadable)
{
    /// <summary>An argument the source does not set.</summary>
    public static ConfigArgument<T> Unset(T defaultValue) => new(defaultValue, false, true);

    /// <summary>
    /// The argument of a method-level attribute over that of the config type: the method's when it writes it, else the
    /// config type's (SPEC §2: a method-level attribute overrides the config type property by property).
    /// </summary>
    public static ConfigArgument<T> Merge(ConfigArgument<T> onMethod, ConfigArgument<T> onConfigType) =>
        onMethod.IsWritten ? onMethod : onConfigType;
}

/// <summary>
/// The one reader of config attribute arguments, for the generator and the analyzers alike. Reads what is written,
/// argument by argument, so that broken code is read as far as it can be (an unreadable argument is marked, the
/// others still answer).
/// </summary>
internal static class ConfigArguments
{
    /// <summary>A named argument of <paramref name="attribute"/> (null: none), or <paramref name="defaultValue"/> when unset.</summary>
    public static ConfigArgument<T> Named<T>(AttributeData? attribute, string name, T defaultValue)
        where T : struct
    {
        if (attribute is null)
        {
            return ConfigArgument<T>.Unset(defaultValue);
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                return TryRead(named.Value, out T value)
                    ? new ConfigArgument<T>(value, true, true)
                    : new ConfigArgument<T>(defaultValue, true, false);
            }
        }

        return ConfigArgument<T>.Unset(defaultValue);
    }

    /// <summary>The single constructor argument of <paramref name="attribute"/> as a value type.</summary>
    public static ConfigArgument<T> Constructor<T>(AttributeData? attribute, T defaultValue)
        where T : struct
    {
        if (attribute is null)
        {
            return ConfigArgument<T>.Unset(defaultValue);
        }

        return TryGetSingleConstructorArgument(attribute, out var argument) && TryRead(argument, out T value)
            ? new ConfigArgument<T>(value, true, true)
            : new ConfigArgument<T>(defaultValue, true, false);
    }

    /// <summary>The single constructor argument of <paramref name="attribute"/> as a string.</summary>
    public static ConfigArgument<string?> ConstructorString(AttributeData? attribute)
    {
        if (attribute is null)
        {
            return ConfigArgument<string?>.Unset(null);
        }

        return TryGetSingleConstructorArgument(attribute, out var argument) && argument.Value is string text
            ? new ConfigArgument<string?>(text, true, true)
            : new ConfigArgument<string?>(null, true, false);
    }

    /// <summary>The single constructor argument of an attribute, unless the attribute binds to no constructor or has an error.</summary>
    public static bool TryGetSingleConstructorArgument(AttributeData attribute, out TypedConstant argument)
    {
        argument = default;
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1)
        {
            return false;
        }

        argument = attribute.ConstructorArguments[0];
        return argument.Kind != TypedConstantKind.Error;
    }

    // Attribute arguments arrive converted to the property's type: an int for an int (or an enum's underlying int),
    // a double for a double even when written as 2.
    public static bool TryRead<T>(TypedConstant value, out T result)
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

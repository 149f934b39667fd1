using Microsoft.CodeAnalysis;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Config values with the location of the argument that set them. The values come from the shared
/// <see cref="ConfigArguments"/> reader, the one the generator uses, merged as it merges them: the method's argument
/// when it writes one, else the config type's, else the default. An argument that cannot be read counts as unset
/// (the compiler reports it).
/// </summary>
internal static class ConfigValues
{
    /// <summary>A named argument of the task's config attribute, merged.</summary>
    public static ConfigValue<T> Named<T>(ConfigAttributeSyntax attributes, string name, T defaultValue)
        where T : struct
    {
        var onMethod = ConfigArguments.Named(attributes.OnMethod, name, defaultValue);
        if (onMethod is { IsWritten: true, IsReadable: true })
        {
            return new ConfigValue<T>(onMethod.Value, true, AttributeArguments.Named(attributes.MethodSyntax, name));
        }

        var onConfigType = ConfigArguments.Named(attributes.OnConfigType, name, defaultValue);
        return onMethod.IsWritten || !onConfigType.IsWritten || !onConfigType.IsReadable
            ? ConfigValue<T>.Default(defaultValue)
            : new ConfigValue<T>(onConfigType.Value, true, AttributeArguments.Named(attributes.ConfigTypeSyntax, name));
    }

    /// <summary>The single constructor argument of the task's config attribute (the method's when it has the attribute).</summary>
    public static ConfigValue<T> Constructor<T>(ConfigAttributeSyntax attributes, string parameterName, T defaultValue)
        where T : struct
    {
        var (attribute, syntax) = attributes.Closest;
        var argument = ConfigArguments.Constructor(attribute, defaultValue);
        return argument is { IsWritten: true, IsReadable: true }
            ? new ConfigValue<T>(argument.Value, true, AttributeArguments.Constructor(syntax, 0, parameterName))
            : ConfigValue<T>.Default(defaultValue);
    }

    /// <summary>The single string constructor argument of the task's config attribute (the method's when it has the attribute).</summary>
    public static ConfigValue<string?> ConstructorString(ConfigAttributeSyntax attributes, string parameterName)
    {
        var (attribute, syntax) = attributes.Closest;
        return new ConfigValue<string?>(ConfigArguments.ConstructorString(attribute).Value, true, AttributeArguments.Constructor(syntax, 0, parameterName));
    }

    /// <summary>A named <c>bool</c> argument of the task attribute itself (not a config attribute).</summary>
    public static ConfigValue<bool> Bool(AttributeData attribute, Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax? syntax, string name, bool defaultValue)
    {
        var argument = ConfigArguments.Named(attribute, name, defaultValue);
        return argument is { IsWritten: true, IsReadable: true }
            ? new ConfigValue<bool>(argument.Value, true, AttributeArguments.Named(syntax, name))
            : ConfigValue<bool>.Default(defaultValue);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Model;

/// <summary>Reads typed named arguments of an attribute, with the attribute's default when not written.</summary>
internal static class ConfigValues
{
    public static ConfigValue<int> Int(AttributeData attribute, AttributeSyntax? syntax, string name, int defaultValue) =>
        AttributeArguments.NamedValue(attribute, name) is { Value: int value }
            ? new ConfigValue<int>(value, true, AttributeArguments.Named(syntax, name))
            : ConfigValue<int>.Default(defaultValue);

    public static ConfigValue<double> Double(AttributeData attribute, AttributeSyntax? syntax, string name, double defaultValue) =>
        AttributeArguments.NamedValue(attribute, name)?.Value switch
        {
            double value => new ConfigValue<double>(value, true, AttributeArguments.Named(syntax, name)),
            _ => ConfigValue<double>.Default(defaultValue),
        };

    public static ConfigValue<bool> Bool(AttributeData attribute, AttributeSyntax? syntax, string name, bool defaultValue) =>
        AttributeArguments.NamedValue(attribute, name) is { Value: bool value }
            ? new ConfigValue<bool>(value, true, AttributeArguments.Named(syntax, name))
            : ConfigValue<bool>.Default(defaultValue);
}

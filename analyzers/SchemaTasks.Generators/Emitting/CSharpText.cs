using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Emitting;

/// <summary>Literals and names written into generated code, culture-invariant and round-trippable.</summary>
internal static class CSharpText
{
    /// <summary>The prefix of every runtime type in generated code.</summary>
    public const string Runtime = "global::SchemaTasks.";

    /// <summary>The class that holds <c>GetRequiredService</c> and <c>GetService</c>.</summary>
    public const string ServiceProviderExtensions = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions";

    /// <summary>A string literal, escaped.</summary>
    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>An int literal.</summary>
    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A bool literal.</summary>
    public static string Literal(bool value) => value ? "true" : "false";

    /// <summary>A double literal that reads back as the same value, e.g. <c>1.8d</c>.</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    /// <summary>A <c>SchemaTasks.Machine</c> value: its member when it has one, else a cast.</summary>
    public static string Machine(int value) =>
        MachineNames.GetName(value) is { } name
            ? Runtime + "Machine." + name
            : "(" + Runtime + "Machine)" + Literal(value);

    /// <summary>An identifier, with <c>@</c> when it is a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Text escaped for an XML doc comment.</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

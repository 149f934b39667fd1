using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// Name tests on symbols that need no <see cref="Compilation"/>: a transform that runs on every keystroke compares
/// names instead of resolving types by metadata name each time.
/// </summary>
internal static class SymbolNames
{
    /// <summary>
    /// Whether <paramref name="type"/> is the top-level type <paramref name="fullMetadataName"/>
    /// (e.g. <c>System.Threading.Tasks.Task</c>, or <c>FluentValidation.AbstractValidator`1</c> for a generic
    /// definition or any construction of it).
    /// </summary>
    public static bool Is(ITypeSymbol? type, string fullMetadataName)
    {
        if (type is not INamedTypeSymbol named || named.ContainingType is not null)
        {
            return false;
        }

        var name = named.MetadataName;
        var end = fullMetadataName.Length - name.Length;
        if (end < 0 || string.CompareOrdinal(fullMetadataName, end, name, 0, name.Length) != 0)
        {
            return false;
        }

        // Walk the namespaces outwards, matching the dotted prefix from its end.
        for (var ns = named.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (end == 0 || fullMetadataName[end - 1] != '.')
            {
                return false;
            }

            end--;
            var part = ns.Name;
            var start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(fullMetadataName, start, part, 0, part.Length) != 0)
            {
                return false;
            }

            end = start;
        }

        return end == 0;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="fullMetadataName"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol? type, string fullMetadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, fullMetadataName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> carries an attribute of the type <paramref name="attributeMetadataName"/>.</summary>
    public static bool HasAttribute(ISymbol symbol, string attributeMetadataName) =>
        FindAttribute(symbol, attributeMetadataName) is not null;

    /// <summary>The first attribute of the type <paramref name="attributeMetadataName"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? FindAttribute(ISymbol symbol, string attributeMetadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, attributeMetadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>Whether the type is in the <c>System</c> namespace or one below it (the BCL's own types).</summary>
    public static bool IsInSystemNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (!ns.ContainingNamespace.IsGlobalNamespace)
        {
            ns = ns.ContainingNamespace;
        }

        return ns.Name == "System";
    }
}

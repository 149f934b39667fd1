using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Finds the syntax of an attribute's arguments, so diagnostics land on the argument that is wrong rather
/// than on the whole attribute or method.
/// </summary>
internal static class AttributeArguments
{
    /// <summary>The attribute's syntax, or null when it is declared in metadata.</summary>
    public static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    /// <summary>The location of the whole attribute (e.g. <c>TaskRetry(...)</c>), or null in metadata.</summary>
    public static Location? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        Syntax(attribute, cancellationToken)?.GetLocation();

    /// <summary>The expression of the named argument <c>Name = value</c>, or null when not written.</summary>
    public static Location? Named(AttributeSyntax? syntax, string name)
    {
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.Expression.GetLocation();
            }
        }

        return null;
    }

    /// <summary>
    /// The expression of the constructor argument at <paramref name="index"/> (positional, or written
    /// <c>name: value</c> with <paramref name="parameterName"/>), or null when not written.
    /// </summary>
    public static Location? Constructor(AttributeSyntax? syntax, int index, string parameterName)
    {
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        var position = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                {
                    return argument.Expression.GetLocation();
                }
            }
            else if (position == index)
            {
                return argument.Expression.GetLocation();
            }

            position++;
        }

        return null;
    }

    /// <summary>The named argument's constant, or null when not written.</summary>
    public static TypedConstant? NamedValue(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }

        return null;
    }
}

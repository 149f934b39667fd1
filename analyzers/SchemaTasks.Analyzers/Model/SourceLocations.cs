using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Model;

/// <summary>The most specific source location of parts of a method declaration.</summary>
internal static class SourceLocations
{
    /// <summary>The method's return type (e.g. <c>void</c>), or its name when there is no declaration syntax.</summary>
    public static Location ReturnType(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.ReturnType.GetLocation() ?? Name(method);

    /// <summary>The method's type parameter list (<c>&lt;T&gt;</c>), or its name.</summary>
    public static Location TypeParameters(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken)?.TypeParameterList?.GetLocation() ?? Name(method);

    /// <summary>The parameter's type as written (e.g. <c>object</c> in <c>object payload</c>), or the parameter.</summary>
    public static Location ParameterType(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        foreach (var reference in parameter.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ParameterSyntax { Type: { } type })
            {
                return type.GetLocation();
            }
        }

        return parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None;
    }

    /// <summary>The parameter's whole declaration (modifiers, type and name).</summary>
    public static Location Parameter(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        foreach (var reference in parameter.DeclaringSyntaxReferences)
        {
            return reference.GetSyntax(cancellationToken).GetLocation();
        }

        return parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None;
    }

    /// <summary>The method's name.</summary>
    public static Location Name(IMethodSymbol method) => method.Locations.Length > 0 ? method.Locations[0] : Location.None;

    /// <summary>Whether <paramref name="location"/> is in a syntax tree of <paramref name="compilation"/>, so it can carry a diagnostic.</summary>
    public static bool IsIn(Location? location, Compilation compilation) =>
        location is { SourceTree: { } tree } && compilation.ContainsSyntaxTree(tree);

    private static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }
}

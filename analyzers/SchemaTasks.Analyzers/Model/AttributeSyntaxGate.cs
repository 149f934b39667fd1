using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Syntactic answers to "can this symbol carry a task or config attribute?", asked before
/// <see cref="ISymbol.GetAttributes"/> or <see cref="INamespaceOrTypeSymbol.GetMembers()"/>: most methods and
/// types of a project write no attribute at all, and reading their declarations costs a pointer walk where binding
/// attributes (and, for a record, creating its synthesized members) costs the compiler real work. Every rule runs on
/// every method or type of every project that references SchemaTasks, so this is what keeps a project with no
/// task nearly free. Each answer is conservative: "no" only when every declaration is a plain member declaration
/// without an attribute list; anything else (accessors, local functions, metadata) falls back to the symbol.
/// </summary>
internal static class AttributeSyntaxGate
{
    /// <summary>
    /// Whether no declaration of <paramref name="symbol"/> writes an attribute (for a method or type: every part
    /// of a partial one; a record's primary constructor takes its <c>[method:]</c> attributes from the record's
    /// own lists), so that its <see cref="ISymbol.GetAttributes"/> is empty.
    /// </summary>
    public static bool HasNoAttributes(ISymbol symbol)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not MemberDeclarationSyntax { AttributeLists.Count: 0 })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no method of <paramref name="type"/> can carry an attribute: no declaration of the type writes an
    /// attribute on a method, constructor, operator or accessor, nor (for a record) on its primary constructor.
    /// </summary>
    public static bool HasNoAttributedMethods(INamedTypeSymbol type)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration ||
                (declaration.ParameterList is not null && declaration.AttributeLists.Count > 0))
            {
                return false;
            }

            foreach (var member in declaration.Members)
            {
                if (member is BaseMethodDeclarationSyntax { AttributeLists.Count: > 0 } || HasAttributedAccessor(member))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasAttributedAccessor(MemberDeclarationSyntax member)
    {
        if (member is not BasePropertyDeclarationSyntax { AccessorList: { } accessors })
        {
            return false;
        }

        foreach (var accessor in accessors.Accessors)
        {
            if (accessor.AttributeLists.Count > 0)
            {
                return true;
            }
        }

        return false;
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Roslyn;

/// <summary>
/// The one rule for "this payload has a validator the generated registration names", shared by the generator
/// (which registers <c>IValidator&lt;P&gt;</c>) and STK0104 (which is silent exactly then).
/// </summary>
/// <remarks>
/// <para>
/// A validator of <c>P</c> is a class, neither abstract, static nor generic (nor nested in a generic type), that
/// derives <c>AbstractValidator&lt;P&gt;</c> directly or through any base classes. It is found in two places:
/// </para>
/// <list type="bullet">
/// <item><description>
/// next to the payload: in <c>P</c>'s own namespace of <c>P</c>'s own assembly, nested types included. This is
/// read from the payload's symbol, so it costs one namespace per task, and it covers payloads and validators in a
/// referenced Contracts project, and validators of any base class name;
/// </description></item>
/// <item><description>
/// anywhere in the compilation, when its base class's name contains <c>Validator</c> (<see cref="IsCandidate"/>):
/// a syntactic test, so that only likely validators are bound, not every derived class of the project on every
/// edit (the generator reads them once per compilation, and only when it has a task: <c>ValidatorIndex</c>).
/// </description></item>
/// </list>
/// <para>
/// A validator found is registered when generated code can name it (<see cref="IsRegistrable"/>): not private
/// or protected, and public (or visible through <c>InternalsVisibleTo</c>) when it lives in another assembly.
/// </para>
/// </remarks>
internal static class ValidatorRules
{
    /// <summary>
    /// The STK0104 property set when the payload has a validator the generator cannot register: the code fix then
    /// creates no second one.
    /// </summary>
    public const string UnusableValidatorProperty = "UnusableValidator";

    /// <summary>The syntactic test of a validator declared anywhere in the compilation: a non-generic class whose base class's name contains <c>Validator</c>.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is ClassDeclarationSyntax { BaseList.Types.Count: > 0, TypeParameterList: null } declaration &&
        NamesAValidator(declaration.BaseList.Types[0].Type);

    private static bool NamesAValidator(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => NamesAValidator(qualified.Right),
        AliasQualifiedNameSyntax aliased => NamesAValidator(aliased.Name),
        SimpleNameSyntax simple => simple.Identifier.ValueText.IndexOf("Validator", StringComparison.Ordinal) >= 0,
        _ => false,
    };

    /// <summary>
    /// The class declarations of <paramref name="root"/> that pass <see cref="IsCandidate"/>. Only the containers of
    /// type declarations are walked (compilation unit, namespaces, types), never member bodies: a class can be
    /// declared nowhere else, so this finds exactly what a walk of every node would, at a fraction of the cost.
    /// </summary>
    public static IEnumerable<ClassDeclarationSyntax> CandidatesIn(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (IsCandidate(node))
            {
                yield return (ClassDeclarationSyntax)node;
            }
        }
    }

    /// <summary>Whether any declaration of <paramref name="type"/> passes <see cref="IsCandidate"/>.</summary>
    public static bool HasCandidateDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (IsCandidate(reference.GetSyntax(cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The payload <paramref name="type"/> validates, or null when it is no usable validator.</summary>
    public static ITypeSymbol? ValidatedPayload(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
        {
            return null;
        }

        for (var containing = type; containing is not null; containing = containing.ContainingType)
        {
            if (containing.TypeParameters.Length > 0)
            {
                return null;
            }
        }

        if (DeclaresNoBaseList(type, cancellationToken))
        {
            return null;
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolNames.Is(baseType, WellKnownNames.AbstractValidator) && baseType.TypeArguments.Length == 1)
            {
                var payload = baseType.TypeArguments[0];
                return payload.TypeKind is TypeKind.Error or TypeKind.TypeParameter ? null : payload;
            }
        }

        return null;
    }

    // A class of source whose declarations name no base class derives from object: no validator, and its base type
    // need not be bound (the payload records and services next to every payload are read for their validators).
    private static bool DeclaresNoBaseList(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.Length == 0)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax(cancellationToken) is not BaseTypeDeclarationSyntax { BaseList: null })
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether code generated into <paramref name="generatedInto"/> can name <paramref name="validator"/>.</summary>
    public static bool IsRegistrable(INamedTypeSymbol validator, IAssemblySymbol generatedInto)
    {
        var access = TypeAccessRules.Of(validator);
        if (SymbolEqualityComparer.Default.Equals(validator.ContainingAssembly, generatedInto))
        {
            return access != TypeAccess.Inaccessible;
        }

        return access == TypeAccess.Public ||
               (access == TypeAccess.Internal && validator.ContainingAssembly.GivesAccessTo(generatedInto));
    }

    /// <summary>
    /// The validators of <paramref name="payload"/> declared next to it: in its namespace of its assembly, nested
    /// types included, registrable or not.
    /// </summary>
    public static List<INamedTypeSymbol> NextTo(ITypeSymbol payload, CancellationToken cancellationToken)
    {
        var found = new List<INamedTypeSymbol>();
        if (HomeOf(payload) is not { } home)
        {
            return found;
        }

        foreach (var (validator, validated) in ValidatorsIn(home, cancellationToken))
        {
            if (SymbolEqualityComparer.Default.Equals(validated, payload))
            {
                found.Add(validator);
            }
        }

        return found;
    }

    /// <summary>
    /// The namespace whose validators are next to <paramref name="payload"/> (its namespace of its assembly), or null
    /// when it has none to look in (not a named type, or unresolved).
    /// </summary>
    public static INamespaceSymbol? HomeOf(ITypeSymbol payload) =>
        payload is INamedTypeSymbol { TypeKind: not TypeKind.Error } ? payload.ContainingNamespace : null;

    /// <summary>
    /// Every validator declared in <paramref name="home"/> (nested types included, registrable or not) with the
    /// payload it validates: what <see cref="NextTo"/> filters, for a caller that asks about many payloads of one
    /// namespace and reads it once.
    /// </summary>
    public static List<(INamedTypeSymbol Validator, ITypeSymbol Payload)> ValidatorsIn(INamespaceSymbol home, CancellationToken cancellationToken)
    {
        var found = new List<(INamedTypeSymbol, ITypeSymbol)>();
        var pending = new Stack<INamedTypeSymbol>(home.GetTypeMembers());
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = pending.Pop();
            foreach (var nested in type.GetTypeMembers())
            {
                pending.Push(nested);
            }

            if (ValidatedPayload(type, cancellationToken) is { } validated)
            {
                found.Add((type, validated));
            }
        }

        return found;
    }
}

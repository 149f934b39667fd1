using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Parsing;

/// <summary>
/// Finds FluentValidation validators the generated registration can name: non-abstract, non-generic classes,
/// visible to generated code, deriving <c>AbstractValidator&lt;P&gt;</c>, directly or through a base class whose
/// name contains <c>Validator</c> (<c>AbstractValidator</c>, <c>InlineValidator</c>, a team's <c>ValidatorBase</c>).
/// </summary>
/// <remarks>
/// The name test keeps the semantic transform off the project's other classes: Roslyn re-runs it for every
/// candidate whenever the compilation changes, so a filter on "has a base list" made every edit pay for every
/// derived class of the project (see tests/SchemaTasks.Benchmarks).
/// </remarks>
internal static class ValidatorParser
{
    /// <summary>The syntax filter, cheap: a non-generic class whose base class's name contains <c>Validator</c>.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is ClassDeclarationSyntax { BaseList.Types.Count: > 0, TypeParameterList: null } declaration &&
        NamesAValidator(declaration.BaseList.Types[0].Type);

    private static bool NamesAValidator(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => NamesAValidator(qualified.Right),
        AliasQualifiedNameSyntax aliased => NamesAValidator(aliased.Name),
        SimpleNameSyntax simple => simple.Identifier.ValueText.IndexOf("Validator", StringComparison.Ordinal) >= 0,
        _ => false,
    };

    /// <summary>The validator declared by the class, or null.</summary>
    public static ValidatorSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type ||
                type.IsAbstract || type.IsStatic || TypeAccessRules.Of(type) == TypeAccess.Inaccessible)
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

            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (SymbolNames.Is(baseType, WellKnownNames.AbstractValidator) && baseType.TypeArguments.Length == 1)
                {
                    var payload = baseType.TypeArguments[0];
                    return payload.TypeKind is TypeKind.Error or TypeKind.TypeParameter
                        ? null
                        : new ValidatorSpec(TypeNames.FullyQualified(type), TypeNames.FullyQualified(payload));
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}

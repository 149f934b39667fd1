using System.Threading;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Parsing;

/// <summary>
/// Finds the validators declared anywhere in the compilation that the registration can name, by the shared
/// <see cref="ValidatorRules"/>: a class whose base class's name contains <c>Validator</c>, deriving
/// <c>AbstractValidator&lt;P&gt;</c>, registrable. Validators next to a payload, whatever their base class's name
/// and in whichever assembly, are found from the payload by <see cref="TaskParser"/>.
/// </summary>
/// <remarks>
/// The name test keeps the semantic transform off the project's other classes: Roslyn re-runs it for every
/// candidate whenever the compilation changes, so a filter on "has a base list" made every edit pay for every
/// derived class of the project (see tests/SchemaTasks.Benchmarks).
/// </remarks>
internal static class ValidatorParser
{
    /// <summary>The syntax filter, cheap: see <see cref="ValidatorRules.IsCandidate"/>.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => ValidatorRules.IsCandidate(node);

    /// <summary>
    /// The validator declared by the class, or null. Exceptions are not caught: the shared rules decide what is
    /// invalid, and a crash must show as the compiler's CS8785 warning, not as a validator silently not registered.
    /// </summary>
    public static ValidatorSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type ||
            ValidatorRules.ValidatedPayload(type, cancellationToken) is not { } payload ||
            !ValidatorRules.IsRegistrable(type, context.SemanticModel.Compilation.Assembly))
        {
            return null;
        }

        return new ValidatorSpec(TypeNames.FullyQualified(type), TypeNames.FullyQualified(payload), TypeAccessRules.Of(type) == TypeAccess.Public);
    }
}

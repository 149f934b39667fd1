using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// Which <c>when</c> filters still make a <c>catch (Exception)</c> a catch-all for STK0106: a filter that is
/// constant true, or one that only lets cancellation through (<c>ex is not OperationCanceledException</c>,
/// <c>!cancellationToken.IsCancellationRequested</c>), since every failure that retries exist for is still caught.
/// </summary>
internal static class CatchAllFilters
{
    private const string OperationCanceledException = "System.OperationCanceledException";

    /// <summary>Whether the filter lets through nothing but cancellation.</summary>
    public static bool LetsOnlyCancellationThrough(CatchFilterClauseSyntax filter, SemanticModel model, CancellationToken cancellationToken)
    {
        var constant = model.GetConstantValue(filter.FilterExpression, cancellationToken);
        if (constant.HasValue)
        {
            return constant.Value is true;
        }

        return model.GetOperation(filter.FilterExpression, cancellationToken) is { } operation && ExcludesOnlyCancellation(operation);
    }

    private static bool ExcludesOnlyCancellation(IOperation operation)
    {
        switch (operation)
        {
            case IConversionOperation { IsImplicit: true } conversion:
                return ExcludesOnlyCancellation(conversion.Operand);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return ExcludesOnlyCancellation(and.LeftOperand) && ExcludesOnlyCancellation(and.RightOperand);
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: true } }:
                return true;
            case IIsPatternOperation { Pattern: INegatedPatternOperation negated }:
                return MatchesOnlyCancellation(negated.Pattern);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return MatchesOnlyCancellation(not.Operand);
            default:
                return false;
        }
    }

    // The positive test under a negation: "is OCE", "is OCE or TaskCanceledException", "token.IsCancellationRequested".
    private static bool MatchesOnlyCancellation(IOperation operation) => operation switch
    {
        IIsTypeOperation isType => IsCancellationException(isType.TypeOperand),
        IIsPatternOperation isPattern => MatchesOnlyCancellation(isPattern.Pattern),
        IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } property =>
            SymbolNames.Is(property.Property.ContainingType, WellKnownNames.CancellationToken),
        IParenthesizedOperation parenthesized => MatchesOnlyCancellation(parenthesized.Operand),
        _ => false,
    };

    private static bool MatchesOnlyCancellation(IPatternOperation pattern) => pattern switch
    {
        ITypePatternOperation type => IsCancellationException(type.MatchedType),
        IDeclarationPatternOperation declaration => declaration.MatchedType is { } matched && IsCancellationException(matched),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or =>
            MatchesOnlyCancellation(or.LeftPattern) && MatchesOnlyCancellation(or.RightPattern),
        _ => false,
    };

    private static bool IsCancellationException(ITypeSymbol type) => SymbolNames.IsOrDerivesFrom(type, OperationCanceledException);
}

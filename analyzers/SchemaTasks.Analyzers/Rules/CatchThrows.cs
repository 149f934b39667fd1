using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// Whether a catch block ends the run as failed on some path (STK0106): a <c>throw</c>, a call to a
/// <c>[DoesNotReturn]</c> method (a throw helper, <c>ExceptionDispatchInfo.Throw</c>), or, in a method that is not
/// <c>async</c>, <c>return Task.FromException(ex)</c> (or <c>ValueTask.FromException</c>), which hands the caller a
/// faulted task.
/// </summary>
/// <remarks>
/// A throw inside a nested try's catch clause does not count: it runs only when the inner try fails, so the outer
/// catch still swallows the exception it caught. Lambdas and local functions are other code, as in the analyzer.
/// </remarks>
internal static class CatchThrows
{
    private const string DoesNotReturnAttribute = "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute";

    /// <summary>Whether <paramref name="block"/> throws on some path.</summary>
    public static bool Throws(BlockSyntax block, SemanticModel model, CancellationToken cancellationToken) =>
        block.DescendantNodesAndSelf(node => node == block || DescendIntoCatchBody(node))
            .Any(node => node switch
            {
                ThrowStatementSyntax or ThrowExpressionSyntax => true,
                InvocationExpressionSyntax invocation => IsDispatchInfoThrow(invocation) || DoesNotReturn(invocation, model, cancellationToken),
                ReturnStatementSyntax { Expression: InvocationExpressionSyntax returned } => ReturnsFaultedTask(returned, model, cancellationToken),
                _ => false,
            });

    private static bool DescendIntoCatchBody(SyntaxNode node) =>
        ExceptionSwallowedAnalyzer.DescendIntoRunMethodCode(node) && node is not CatchClauseSyntax;

    /// <summary><c>ExceptionDispatchInfo.Capture(ex).Throw()</c> / <c>ExceptionDispatchInfo.Throw(ex)</c> rethrow too, even unbound.</summary>
    private static bool IsDispatchInfoThrow(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Throw" } access &&
        access.Expression.ToString().Contains("ExceptionDispatchInfo");

    private static bool DoesNotReturn(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method &&
        SymbolNames.HasAttribute(method, DoesNotReturnAttribute);

    // Task.FromException(ex), Task.FromException<T>(ex), ValueTask.FromException(ex), ValueTask.FromException<T>(ex).
    private static bool ReturnsFaultedTask(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "FromException", IsStatic: true } method &&
        (SymbolNames.Is(method.ContainingType, WellKnownNames.Task) || SymbolNames.Is(method.ContainingType, WellKnownNames.ValueTask));
}

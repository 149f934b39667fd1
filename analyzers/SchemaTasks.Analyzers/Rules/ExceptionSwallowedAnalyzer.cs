using System;
using System.Linq;
using System.Threading;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using Microsoft.CodeAnalysis.Text;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0106: a task method's catch-all (<c>catch</c>, <c>catch (Exception)</c>, or one whose filter is constant
/// true or lets only cancellation through, see <see cref="CatchAllFilters"/>) that neither rethrows nor throws
/// (see <see cref="CatchThrows"/>) makes every attempt succeed, so the task's retry config never fires.
/// </summary>
/// <remarks>
/// Only the method's own body is read: a catch inside a lambda or a local function belongs to code that may run
/// elsewhere (a callback, a retry helper), so swallowing there says nothing certain about the run itself.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionSwallowedAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ExceptionSwallowed);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var exceptionType = context.Compilation.GetTypeByMetadataName("System.Exception");
        context.RegisterSyntaxNodeAction(
            node => AnalyzeMethod(node, types, exceptionType),
            SyntaxKind.MethodDeclaration);
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, KnownTypes types, INamedTypeSymbol? exceptionType)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        // The body is read before the method is asked whether it is a task: most task methods catch nothing.
        if (declaration.AttributeLists.Count == 0 ||
            ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is not { } body ||
            body.DescendantNodes(DescendIntoRunMethodCode).OfType<CatchClauseSyntax>().ToArray() is not { Length: > 0 } catchClauses ||
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method ||
            TaskMethodReader.TryRead(method, types, context.CancellationToken) is not { } task)
        {
            return;
        }

        foreach (var catchClause in catchClauses)
        {
            if (IsCatchAll(catchClause, context.SemanticModel, exceptionType, context.CancellationToken) &&
                !CatchThrows.Throws(catchClause.Block, context.SemanticModel, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ExceptionSwallowed,
                    CatchHeaderLocation(catchClause),
                    task.DisplayId));
            }
        }
    }

    /// <summary>Lambdas and local functions are other code: see the remarks on the type.</summary>
    internal static bool DescendIntoRunMethodCode(SyntaxNode node) =>
        node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    private static bool IsCatchAll(CatchClauseSyntax catchClause, SemanticModel model, INamedTypeSymbol? exceptionType, CancellationToken cancellationToken)
    {
        if (catchClause.Declaration is { } declaration)
        {
            var caught = model.GetTypeInfo(declaration.Type, cancellationToken).Type;
            if (caught is null || caught.TypeKind == TypeKind.Error ||
                !SymbolEqualityComparer.Default.Equals(caught, exceptionType))
            {
                return false;
            }
        }

        // A real filter lets some failures through; one that only lets cancellation through still catches them all.
        return catchClause.Filter is not { } filter || CatchAllFilters.LetsOnlyCancellationThrough(filter, model, cancellationToken);
    }

    private static Location CatchHeaderLocation(CatchClauseSyntax catchClause)
    {
        var end = catchClause.Filter?.Span.End ?? catchClause.Declaration?.Span.End ?? catchClause.CatchKeyword.Span.End;
        return Location.Create(catchClause.SyntaxTree, TextSpan.FromBounds(catchClause.CatchKeyword.SpanStart, end));
    }
}

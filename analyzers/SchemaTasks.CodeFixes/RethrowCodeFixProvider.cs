using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0106 (exception swallowed) by rethrowing at the end of the catch-all, so the run fails and its retry
/// config fires. A trailing <c>return</c> is replaced, since the rethrow ends the block anyway.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RethrowCodeFixProvider)), Shared]
public sealed class RethrowCodeFixProvider : CodeFixProvider
{
    private const string Title = "Rethrow the exception";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ExceptionSwallowed);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<CatchClauseSyntax>() is not { } catchClause)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(catchClause.Block, Rethrow(catchClause.Block)))),
                    equivalenceKey: nameof(RethrowCodeFixProvider)),
                diagnostic);
        }
    }

    private static BlockSyntax Rethrow(BlockSyntax block)
    {
        var rethrow = SyntaxFactory.ThrowStatement().WithAdditionalAnnotations(Formatter.Annotation);
        var statements = block.Statements;
        if (statements.LastOrDefault() is ReturnStatementSyntax trailingReturn)
        {
            return block.WithStatements(statements.Replace(
                trailingReturn,
                rethrow.WithTriviaFrom(trailingReturn)));
        }

        var fixedBlock = block.WithStatements(statements.Add(rethrow));

        // An empty block may sit on one line ({ }); let the formatter lay the whole block out then.
        return statements.Count == 0 ? fixedBlock.WithAdditionalAnnotations(Formatter.Annotation) : fixedBlock;
    }
}

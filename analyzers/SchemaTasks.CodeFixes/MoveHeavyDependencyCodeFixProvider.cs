using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0105 (heavy dependency taken eagerly) by moving the dependency to the run methods: the constructor
/// parameter (primary constructors included), the field or property that holds it, and the constructor
/// assignment that links them are removed, and each task method that used it takes a parameter of its type
/// instead (the generator resolves it from the run's scope, lazily). Offered only when every use is inside a task
/// method of the same file, since any other use would have nothing to read.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveHeavyDependencyCodeFixProvider)), Shared]
public sealed class MoveHeavyDependencyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.HeavyDependencyTakenEagerly);

    /// <summary>
    /// One dependency at a time: a parameter and the field it fills are reported twice and moved by one fix, so
    /// batching their fixes would conflict.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (HeavyDependencyMove.TryPlan(node, model, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Take '{plan.TypeText}' as a run-method parameter",
                    cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(plan.Apply(root))),
                    equivalenceKey: nameof(MoveHeavyDependencyCodeFixProvider)),
                diagnostic);
        }
    }
}

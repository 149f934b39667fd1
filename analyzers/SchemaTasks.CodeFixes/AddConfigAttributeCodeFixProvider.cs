using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// The shape of the STK0101 and STK0102 fixes: add one config attribute to the task's shared <c>Config</c> type
/// when it has one declared in source (the fix then serves every task that shares it), else to the task
/// method; and <c>using SchemaTasks;</c> to that file when it needs it.
/// </summary>
public abstract class AddConfigAttributeCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title.</summary>
    protected abstract string Title { get; }

    /// <summary>The attribute to add, e.g. <c>TaskQueue("billing", ConcurrencyLimit = 10)</c>.</summary>
    protected abstract AttributeSyntax CreateAttribute(Diagnostic diagnostic);

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    cancellationToken => AddAsync(context.Document, method, diagnostic, cancellationToken),
                    equivalenceKey: GetType().Name),
                diagnostic);
        }
    }

    private async Task<Solution> AddAsync(Document document, MethodDeclarationSyntax method, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var solution = document.Project.Solution;
        SyntaxNode target = method;
        var targetDocument = document;
        if (diagnostic.Properties.TryGetValue(TaskConfigTargets.TargetProperty, out var targetKind) && targetKind == TaskConfigTargets.ConfigTypeTarget &&
            await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } model &&
            TaskConfigTargets.FindConfigType(method, model, cancellationToken) is { } configType &&
            solution.GetDocument(configType.SyntaxTree) is { } configDocument)
        {
            target = configType;
            targetDocument = configDocument;
        }

        var editor = await DocumentEditor.CreateAsync(targetDocument, cancellationToken).ConfigureAwait(false);
        var attribute = CreateAttribute(diagnostic);
        var attributeList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithAdditionalAnnotations(Formatter.Annotation);
        editor.AddAttribute(target, attributeList);

        // The using is needed unless the attribute just written already binds to SchemaTasks' type.
        var newRoot = (CompilationUnitSyntax)editor.GetChangedRoot();
        var targetModel = await targetDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        newRoot = UsingDirectives.Ensure(newRoot, targetModel, target.SpanStart, "SchemaTasks", attribute.Name + "Attribute");
        return solution.WithDocumentSyntaxRoot(targetDocument.Id, newRoot);
    }
}

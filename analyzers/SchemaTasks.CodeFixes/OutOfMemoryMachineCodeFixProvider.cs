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
/// Sets <c>OutOfMemoryMachine</c> to the machine one size above the task's: adds it to the <c>[TaskRetry]</c> for
/// STK0103 (retry config without it); for STK0007 (not larger than the task's machine) writes it on the task method,
/// whose <c>[TaskRetry]</c> inherits everything else from the config type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutOfMemoryMachineCodeFixProvider)), Shared]
public sealed class OutOfMemoryMachineCodeFixProvider : CodeFixProvider
{
    private const string ArgumentName = "OutOfMemoryMachine";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MissingOutOfMemoryMachine, DiagnosticIds.OutOfMemoryMachineNotLarger);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.OutOfMemoryMachineNotLarger)
            {
                await RegisterOnMethodAsync(context, diagnostic).ConfigureAwait(false);
                continue;
            }

            // STK0103 on a shared config points at the task's Config argument; the attribute is the additional location.
            var attributeLocation = diagnostic.AdditionalLocations.FirstOrDefault(location => location.IsInSource) ?? diagnostic.Location;
            if (attributeLocation.SourceTree is not { } tree ||
                solution.GetDocument(tree) is not { } document ||
                await tree.GetRootAsync(context.CancellationToken).ConfigureAwait(false) is not { } root ||
                root.FindNode(attributeLocation.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute ||
                !IsTaskRetry(attribute))
            {
                continue;
            }

            // STK0103 carries "OutOfMemoryMachine", STK0007 "SuggestedMachine"; both name the size above the task's.
            var machine = diagnostic.Properties.TryGetValue(TaskConfigTargets.OutOfMemoryMachineProperty, out var suggested) && suggested is not null
                ? suggested
                : diagnostic.Properties.TryGetValue(TaskConfigTargets.SuggestedMachineProperty, out suggested) && suggested is not null
                ? suggested
                : await NextMachineSizes.AboveTaskMachineAsync(document, attribute, context.CancellationToken).ConfigureAwait(false);
            if (machine is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set OutOfMemoryMachine to Machine.{machine}",
                    cancellationToken => SetAsync(document, attribute, machine, cancellationToken),
                    equivalenceKey: nameof(OutOfMemoryMachineCodeFixProvider) + diagnostic.Id),
                diagnostic);
        }
    }

    /// <summary>
    /// STK0007: the tasks' own machines outgrew the out-of-memory machine. The fix writes <c>OutOfMemoryMachine</c> on
    /// each task method the diagnostic names (on its <c>[TaskRetry]</c>, or a new one that inherits the rest of the
    /// config type's retry), one size above that task's machine, so that the config other tasks share stays as it is.
    /// </summary>
    private static Task RegisterOnMethodAsync(CodeFixContext context, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(TaskConfigTargets.SuggestedMachineProperty, out var machines) || machines is null)
        {
            return Task.CompletedTask;
        }

        // One machine per additional location, in order; a task on the largest machine has none and is left alone.
        var targets = diagnostic.AdditionalLocations
            .Zip(machines.Split(','), (location, machine) => (Location: location, Machine: machine))
            .Where(target => target.Location.IsInSource && target.Machine.Length > 0)
            .ToArray();
        if (targets.Length == 0)
        {
            return Task.CompletedTask;
        }

        var title = targets.Length == 1
            ? $"Set OutOfMemoryMachine to Machine.{targets[0].Machine} on the task"
            : "Set OutOfMemoryMachine one size up on each task";
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                cancellationToken => SetOnMethodsAsync(context.Document.Project.Solution, targets, cancellationToken),
                equivalenceKey: nameof(OutOfMemoryMachineCodeFixProvider) + diagnostic.Id),
            diagnostic);
        return Task.CompletedTask;
    }

    // Later methods of a document first: an edit never moves the spans of the methods before it.
    // Documents are found by the trees of the solution the diagnostic was computed on, before any edit.
    private static async Task<Solution> SetOnMethodsAsync(Solution solution, (Location Location, string Machine)[] targets, CancellationToken cancellationToken)
    {
        var original = solution;
        foreach (var (location, machine) in targets.OrderBy(t => t.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenByDescending(t => t.Location.SourceSpan.Start))
        {
            if (original.GetDocumentId(location.SourceTree) is not { } id ||
                solution.GetDocument(id) is not { } document ||
                await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root ||
                root.FindNode(location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            var retryOnMethod = method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(IsTaskRetry);
            solution = retryOnMethod is not null
                ? await SetAsync(document, retryOnMethod, machine, cancellationToken).ConfigureAwait(false)
                : await AddRetryAsync(document, method, machine, cancellationToken).ConfigureAwait(false);
        }

        return solution;
    }

    private static async Task<Solution> AddRetryAsync(Document document, MethodDeclarationSyntax method, string machine, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var attribute = SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("TaskRetry"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals(ArgumentName), null, SyntaxFactory.ParseExpression("Machine." + machine)))));
        // After the method's last attribute list, on a line of its own, indented like the method.
        var indentation = method.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        // The document's own line break, taken from the attribute list above (a method has at least its task attribute).
        var endOfLine = method.AttributeLists.LastOrDefault()?.GetTrailingTrivia().LastOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            ?? SyntaxFactory.LineFeed;
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(endOfLine);
        var fixedMethod = method.WithAttributeLists(method.AttributeLists.Add(list));
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = root.ReplaceNode(method, fixedMethod);
        newRoot = UsingDirectives.Ensure(newRoot, model, method.SpanStart, "SchemaTasks", "TaskRetryAttribute");
        newRoot = UsingDirectives.Ensure(newRoot, model, method.SpanStart, "SchemaTasks", "Machine");
        return document.Project.Solution.WithDocumentSyntaxRoot(document.Id, newRoot);
    }

    /// <summary>A retry config in another assembly leaves the diagnostic on the task attribute: nothing to edit here.</summary>
    private static bool IsTaskRetry(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
        return name is "TaskRetry" or "TaskRetryAttribute";
    }

    private static async Task<Solution> SetAsync(Document document, AttributeSyntax attribute, string machine, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var value = SyntaxFactory.ParseExpression("Machine." + machine);
        var existing = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == ArgumentName);
        AttributeSyntax fixedAttribute;
        if (existing is not null)
        {
            fixedAttribute = attribute.ReplaceNode(existing.Expression, value.WithTriviaFrom(existing.Expression));
        }
        else
        {
            var argument = SyntaxFactory.AttributeArgument(SyntaxFactory.NameEquals(ArgumentName), null, value)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var arguments = list.Arguments;

            // Follow the list's layout: after a line break when the arguments wrap, else after ", ".
            var separatorTrivia = arguments.SeparatorCount > 0
                ? arguments.GetSeparator(arguments.SeparatorCount - 1).TrailingTrivia
                : SyntaxFactory.TriviaList(SyntaxFactory.Space);
            var wraps = separatorTrivia.Any(SyntaxKind.EndOfLineTrivia);
            if (wraps)
            {
                argument = argument.WithLeadingTrivia(arguments.Last().GetLeadingTrivia());
            }

            var separators = arguments.GetSeparators().ToList();
            if (arguments.Count > 0)
            {
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(
                    wraps ? separatorTrivia : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            }

            var last = arguments.Count > 0 ? arguments.Last() : null;
            var items = arguments.ToList();
            if (last is not null)
            {
                // A trailing comment or line break of the last argument stays before ')'.
                items[items.Count - 1] = last.WithoutTrailingTrivia();
                argument = argument.WithTrailingTrivia(last.GetTrailingTrivia());
            }

            items.Add(argument);
            fixedAttribute = attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(items, separators)));
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var newRoot = root.ReplaceNode(attribute, fixedAttribute);
        newRoot = UsingDirectives.Ensure(newRoot, model, attribute.SpanStart, "SchemaTasks", "Machine");
        return document.Project.Solution.WithDocumentSyntaxRoot(document.Id, newRoot);
    }
}

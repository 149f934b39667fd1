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
/// Fixes STK0104 (payload without validator) by creating <c>&lt;Payload&gt;Validator : AbstractValidator&lt;Payload&gt;</c>
/// right after the payload type, in the payload's file, with <c>using FluentValidation;</c>. The constructor is left
/// for the author to fill in with rules: a generated rule would only pretend to validate.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreateValidatorCodeFixProvider)), Shared]
public sealed class CreateValidatorCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingValidator);

    /// <summary>
    /// Batched: tasks that share a payload produce the same insertion, which the batch fixer keeps once.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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
            // A validator exists but the generator cannot use it: a second one would hide the real problem.
            if (diagnostic.Properties.ContainsKey(SchemaTasks.Roslyn.ValidatorRules.UnusableValidatorProperty))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var typeSyntax = node as TypeSyntax ?? node.FirstAncestorOrSelf<ParameterSyntax>()?.Type;
            if (typeSyntax is null ||
                model.GetTypeInfo(typeSyntax, context.CancellationToken).Type is not INamedTypeSymbol { IsGenericType: false } payload ||
                payload.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not BaseTypeDeclarationSyntax declaration ||
                context.Document.Project.Solution.GetDocument(declaration.SyntaxTree) is not { } payloadDocument)
            {
                continue;
            }

            var validatorName = payload.Name + "Validator";
            if (payload.ContainingType?.GetTypeMembers(validatorName).Length > 0 ||
                payload.ContainingNamespace.GetTypeMembers(validatorName).Length > 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Create '{validatorName}'",
                    cancellationToken => CreateAsync(payloadDocument, declaration, payload, validatorName, cancellationToken),
                    equivalenceKey: nameof(CreateValidatorCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Solution> CreateAsync(
        Document document, BaseTypeDeclarationSyntax payloadDeclaration, INamedTypeSymbol payload, string validatorName, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax)(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var accessibility = payload.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        var eol = NewLines.Of(root);
        var text = $$"""
            {{accessibility}} sealed class {{validatorName}} : AbstractValidator<{{payload.Name}}>
            {
                public {{validatorName}}()
                {
                    // RuleFor(payload => payload.Property).NotEmpty();
                }
            }
            """.Replace("\r\n", "\n").Replace("\n", eol.ToFullString());
        var validator = (ClassDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(text)!;
        // One blank line between the payload and its validator, and the file's end left as it was.
        var payloadEndsLine = payloadDeclaration.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
        validator = validator
            .WithLeadingTrivia(payloadEndsLine ? new[] { eol } : new[] { eol, eol })
            .WithTrailingTrivia(payloadEndsLine ? new[] { eol } : Array.Empty<SyntaxTrivia>())
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newRoot = root.InsertNodesAfter(payloadDeclaration, new[] { validator });
        newRoot = UsingDirectives.Ensure(newRoot, model, payloadDeclaration.SpanStart, "FluentValidation", "AbstractValidator");
        return document.Project.Solution.WithDocumentSyntaxRoot(document.Id, newRoot);
    }
}

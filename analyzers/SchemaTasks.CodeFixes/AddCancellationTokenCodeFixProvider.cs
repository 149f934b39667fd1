using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0108 when the task method takes no <see cref="CancellationToken"/>: adds
/// <c>CancellationToken cancellationToken</c> as its last parameter (before any optional one), and
/// <c>using System.Threading;</c> when the file needs it. The generator passes the run's token to it. A token
/// that is taken and never used has no automatic fix: only the author knows which calls should observe it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenCodeFixProvider)), Shared]
public sealed class AddCancellationTokenCodeFixProvider : CodeFixProvider
{
    private const string Title = "Add a CancellationToken parameter";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CancellationTokenMissingOrUnused);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // The analyzer marks the case; only a missing token is fixable (see the remarks on the type).
            if (!diagnostic.Properties.TryGetValue("Case", out var fixCase) || fixCase != "Missing" ||
                root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not MethodDeclarationSyntax method)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    cancellationToken => AddParameterAsync(context.Document, method, cancellationToken),
                    equivalenceKey: nameof(AddCancellationTokenCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> AddParameterAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = (CompilationUnitSyntax?)await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var name = UniqueName(method, "cancellationToken");
        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
            .WithType(SyntaxFactory.IdentifierName("CancellationToken").WithTrailingTrivia(SyntaxFactory.Space));
        var newRoot = root.ReplaceNode(method, MethodParameters.Add(method, parameter));
        newRoot = UsingDirectives.Ensure(newRoot, model, method.SpanStart, "System.Threading", "CancellationToken");
        return document.WithSyntaxRoot(newRoot);
    }

    private static string UniqueName(MethodDeclarationSyntax method, string name)
    {
        var taken = method.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToImmutableHashSet();
        var candidate = name;
        for (var i = 1; taken.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}

using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;
using SchemaTasks.Roslyn;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0107 (task service naming) by renaming the class, and every reference to it, to
/// <c>&lt;Domain&gt;TaskService</c>: a trailing <c>Service</c> or <c>Tasks</c> is dropped first, so
/// <c>BillingService</c> becomes <c>BillingTaskService</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameTaskServiceCodeFixProvider)), Shared]
public sealed class RenameTaskServiceCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TaskServiceNaming);

    /// <summary>A rename is one decision per class; fixing all at once would hide what each class becomes.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <summary>The name the fix proposes, or null when no domain is left to build one from.</summary>
    public static string? ProposeName(string name) => TaskNaming.ProposeTaskServiceName(name);

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
            // The other STK0107 (two task services of one domain, reported at compilation end) needs a new domain
            // name, a choice this fix cannot make: renaming to <Domain>TaskService would keep the collision.
            if (diagnostic.Descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
            {
                continue;
            }

            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not TypeDeclarationSyntax declaration ||
                model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol type ||
                ProposeName(type.Name) is not { } newName ||
                NameIsTaken(type, newName))
            {
                continue;
            }

            var solution = context.Document.Project.Solution;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Rename to '{newName}'",
                    cancellationToken => Renamer.RenameSymbolAsync(
                        solution, type, new SymbolRenameOptions(RenameFile: false), newName, cancellationToken),
                    equivalenceKey: nameof(RenameTaskServiceCodeFixProvider)),
                diagnostic);
        }
    }

    private static bool NameIsTaken(INamedTypeSymbol type, string newName) =>
        type.ContainingType is { } outer
            ? outer.GetTypeMembers(newName).Length > 0
            : type.ContainingNamespace.GetTypeMembers(newName).Length > 0;
}

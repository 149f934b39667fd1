using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace SchemaTasks.CodeFixes;

/// <summary>Adds a <c>using</c> directive that a fix's new code needs, unless the file already has it.</summary>
internal static class UsingDirectives
{
    /// <summary>
    /// Returns <paramref name="root"/> with <c>using <paramref name="namespaceName"/>;</c> added, in order among the
    /// file's usings, unless a using (global usings included, read through <paramref name="model"/>) already
    /// makes <paramref name="simpleTypeName"/> bind to a type of that namespace at <paramref name="position"/>.
    /// </summary>
    public static CompilationUnitSyntax Ensure(
        CompilationUnitSyntax root, SemanticModel? model, int position, string namespaceName, string? simpleTypeName)
    {
        if (HasDirective(root, namespaceName) || IsImported(model, position, namespaceName, simpleTypeName))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Keep the file's own layout: usings inside a namespace stay inside it.
        if (root.Usings.Count == 0 &&
            root.Members.FirstOrDefault() is BaseNamespaceDeclarationSyntax ns &&
            ns.Usings.Count > 0)
        {
            return root.ReplaceNode(ns, ns.WithUsings(Insert(ns.Usings, directive)));
        }

        if (root.Usings.Count == 0)
        {
            // Move the file's leading trivia (comments, a header) above the new using.
            var first = root.GetFirstToken(includeZeroWidth: true);
            var leading = first.LeadingTrivia;
            var rootWithoutTrivia = root.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            return rootWithoutTrivia
                .WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(leading)
                    .WithTrailingTrivia(NewLines.Of(root), NewLines.Of(root))));
        }

        return root.WithUsings(Insert(root.Usings, directive));
    }

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax directive)
    {
        var name = directive.Name!.ToString();
        var index = 0;
        while (index < usings.Count &&
               usings[index].Alias is null &&
               usings[index].StaticKeyword.IsKind(SyntaxKind.None) &&
               Compare(usings[index].Name?.ToString() ?? "", name) < 0)
        {
            index++;
        }

        var trailing = usings[Math.Min(index, usings.Count - 1)].GetTrailingTrivia();
        if (index == 0)
        {
            // The first using carries the file's leading trivia (a header comment); the new one takes it over.
            var first = usings[0];
            var moved = directive.WithLeadingTrivia(first.GetLeadingTrivia()).WithTrailingTrivia(first.GetTrailingTrivia());
            return usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList())).Insert(0, moved);
        }

        return usings.Insert(index, directive.WithTrailingTrivia(trailing));
    }

    /// <summary><c>System</c> namespaces first, as the repository's .editorconfig asks, then ordinal.</summary>
    private static int Compare(string left, string right)
    {
        var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
        var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
        if (leftSystem != rightSystem)
        {
            return leftSystem ? -1 : 1;
        }

        return string.CompareOrdinal(left, right);
    }

    private static bool HasDirective(CompilationUnitSyntax root, string namespaceName) =>
        root.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName) ||
        root.Members.OfType<BaseNamespaceDeclarationSyntax>()
            .Any(ns => ns.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName));

    private static bool IsImported(SemanticModel? model, int position, string namespaceName, string? simpleTypeName)
    {
        if (model is null || simpleTypeName is null)
        {
            return false;
        }

        foreach (var symbol in model.LookupNamespacesAndTypes(position, container: null, name: simpleTypeName))
        {
            if (symbol is INamedTypeSymbol type && type.ContainingNamespace?.ToDisplayString() == namespaceName)
            {
                return true;
            }
        }

        return false;
    }
}

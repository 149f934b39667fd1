using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.CodeFixes;

/// <summary>Adds a parameter to a task method where the C# rules and the pattern's habits want it.</summary>
internal static class MethodParameters
{
    /// <summary>
    /// Inserts <paramref name="parameter"/> after the required parameters (optional and <c>params</c> ones must
    /// stay last), and before a <c>CancellationToken</c> when <paramref name="beforeCancellationToken"/> is set,
    /// since the token conventionally comes last. A multi-line parameter list keeps one parameter a line.
    /// </summary>
    public static MethodDeclarationSyntax Add(MethodDeclarationSyntax method, ParameterSyntax parameter, bool beforeCancellationToken = false)
    {
        var parameters = method.ParameterList.Parameters;
        var index = parameters.Count;
        for (var i = 0; i < parameters.Count; i++)
        {
            var existing = parameters[i];
            if (existing.Default is not null ||
                existing.Modifiers.Any(SyntaxKind.ParamsKeyword) ||
                (beforeCancellationToken && IsCancellationToken(existing.Type)))
            {
                index = i;
                break;
            }
        }

        if (parameters.Count > 0)
        {
            // Copy the layout: the new parameter's leading whitespace follows the list's separators.
            var reference = parameters[index == 0 ? 0 : index - 1];
            var leading = index == 0 ? parameters[0].GetLeadingTrivia() : reference.GetLeadingTrivia();
            parameter = parameter.WithLeadingTrivia(leading);
        }

        var separatorTrivia = parameters.Count > 1 ? parameters.GetSeparator(0).TrailingTrivia : SyntaxFactory.TriviaList(SyntaxFactory.Space);
        if (parameters.Count == 1 && parameters[0].GetLeadingTrivia().Any(SyntaxKind.WhitespaceTrivia) &&
            method.ParameterList.OpenParenToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            separatorTrivia = method.ParameterList.OpenParenToken.TrailingTrivia;
        }

        var list = parameters.Insert(index, parameter);
        var separators = list.GetSeparators().Select(s => s.WithTrailingTrivia(separatorTrivia)).ToList();
        var rebuilt = SyntaxFactory.SeparatedList(list, separators);

        // The trailing trivia of a last parameter (before ')') must stay last.
        if (index == parameters.Count && parameters.Count > 0)
        {
            var previous = rebuilt[index - 1];
            var trailing = previous.GetTrailingTrivia();
            rebuilt = rebuilt.Replace(previous, previous.WithoutTrailingTrivia());
            rebuilt = rebuilt.Replace(rebuilt[index], rebuilt[index].WithTrailingTrivia(trailing));
        }

        return method.WithParameterList(method.ParameterList.WithParameters(rebuilt));
    }

    private static bool IsCancellationToken(TypeSyntax? type) =>
        type?.ToString() is "CancellationToken" or "System.Threading.CancellationToken" or "global::System.Threading.CancellationToken";
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SchemaTasks.CodeFixes;

/// <summary>The line break a file already uses, so inserted code does not mix LF and CRLF.</summary>
internal static class NewLines
{
    /// <summary>The first end-of-line trivia of <paramref name="root"/>, or LF for a one-line file.</summary>
    public static SyntaxTrivia Of(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: false))
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }
}

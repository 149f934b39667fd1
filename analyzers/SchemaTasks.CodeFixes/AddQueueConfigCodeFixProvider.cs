using SchemaTasks.Roslyn;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0102 (no queue config) with <c>[TaskQueue("&lt;domain&gt;", ConcurrencyLimit = 10)]</c>, the domain
/// being the task service's name less <c>TaskService</c>, in kebab case.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddQueueConfigCodeFixProvider)), Shared]
public sealed class AddQueueConfigCodeFixProvider : AddConfigAttributeCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingQueueConfig);

    /// <inheritdoc />
    protected override string Title => "Add [TaskQueue] for the domain";

    /// <inheritdoc />
    protected override AttributeSyntax CreateAttribute(Diagnostic diagnostic)
    {
        var name = diagnostic.Properties.TryGetValue(TaskConfigTargets.QueueNameProperty, out var queue) && !string.IsNullOrEmpty(queue)
            ? queue!
            : "default";
        return SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("TaskQueue"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))),
                SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals("ConcurrencyLimit"),
                    null,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(RecommendedConfig.ConcurrencyLimit))),
            })));
    }
}

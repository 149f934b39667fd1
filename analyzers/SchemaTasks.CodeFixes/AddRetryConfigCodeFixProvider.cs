using SchemaTasks.Roslyn;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Fixes STK0101 (no retry config) with the pattern's recommended policy: 3 attempts, factor 2, 1 s to 60 s,
/// randomized, and an out-of-memory retry one machine size above the task's (none for the largest machine).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRetryConfigCodeFixProvider)), Shared]
public sealed class AddRetryConfigCodeFixProvider : AddConfigAttributeCodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingRetryConfig);

    /// <inheritdoc />
    protected override string Title => "Add [TaskRetry] with the recommended values";

    /// <inheritdoc />
    protected override AttributeSyntax CreateAttribute(Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(TaskConfigTargets.OutOfMemoryMachineProperty, out var machine);
        return SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("TaskRetry"),
            SyntaxFactory.ParseAttributeArgumentList(RecommendedConfig.RetryArgumentList(machine)));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0111: a <c>[SchemaTask]</c>'s payload has a stored property that System.Text.Json serializes but never sets
/// back (a private or missing setter, no <c>[JsonInclude]</c>, no constructor parameter of its name), so every run
/// on an async backend sees its default. Reported once per property, on the payload parameter's type. The rule is
/// <see cref="PayloadRules.PropertiesLostInJson"/>, next to STK0008's in the shared payload rules.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PayloadPropertyLostInJsonAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PayloadPropertyLostInJson);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        if (TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken) is not
            { Kind: TaskKind.Schema, PayloadParameter: { RefKind: RefKind.None } payload } task ||
            types.IsPayloadRejected(payload.Type))
        {
            // A payload STK0008 rejects (its type or a property) needs another type first: STK0008 alone speaks.
            return;
        }

        foreach (var property in PayloadRules.PropertiesLostInJson(payload.Type))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.PayloadPropertyLostInJson,
                SourceLocations.ParameterType(payload, context.CancellationToken),
                property.Name,
                payload.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                task.DisplayId,
                property.SetMethod is null ? "no setter" : Accessibility(property.SetMethod) + " " + (property.SetMethod.IsInitOnly ? "init" : "setter")));
        }
    }

    private static string Accessibility(IMethodSymbol accessor) => accessor.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Private => "a private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "a protected",
        Microsoft.CodeAnalysis.Accessibility.Internal => "an internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "a protected internal",
        _ => "a private protected",
    };
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
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
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class PayloadPropertyLostInJsonAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.PayloadPropertyLostInJson);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        new((symbol, task) => Analyze(symbol, task, types));

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, KnownTypes types)
    {
        if (task is not { Kind: TaskKind.Schema, PayloadParameter: { RefKind: RefKind.None } payload } ||
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

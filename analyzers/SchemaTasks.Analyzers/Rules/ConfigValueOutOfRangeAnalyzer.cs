using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0006: config values are in range (ConcurrencyLimit 1–100000, TotalConcurrencyLimit 0 or from
/// ConcurrencyLimit to 100000, MaxAttempts 1–250, Factor ≥ 1, 0 ≤ MinTimeoutInMs ≤ MaxTimeoutInMs). Checked on
/// the attribute declaration itself, on a config type or a method, so a shared config used by ten tasks is
/// reported once, on the argument that is wrong.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigValueOutOfRangeAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConfigValueOutOfRange);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType, SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var origin = context.Symbol is IMethodSymbol ? ConfigOrigin.Method : ConfigOrigin.ConfigType;
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskQueueAttribute))
            {
                Report(context, ConfigRanges.Check(QueueConfig.Read(attribute, origin, context.Symbol, context.CancellationToken)));
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskRetryAttribute))
            {
                Report(context, ConfigRanges.Check(RetryConfig.Read(attribute, origin, context.Symbol, context.CancellationToken)));
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, System.Collections.Generic.IEnumerable<ConfigRangeViolation> violations)
    {
        foreach (var violation in violations)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConfigValueOutOfRange, violation.Location, violation.Name, violation.Value, violation.Requirement));
        }
    }
}

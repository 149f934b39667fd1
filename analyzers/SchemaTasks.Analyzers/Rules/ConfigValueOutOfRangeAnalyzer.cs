using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0006: config values are in range (ConcurrencyLimit 1–100000, TotalConcurrencyLimit 0 or from
/// ConcurrencyLimit to 100000, MaxAttempts 1–250, Factor ≥ 1, 0 ≤ MinTimeoutInMs ≤ MaxTimeoutInMs, max duration ≥ 1 s). Checked on
/// the attribute declaration itself, on a config type or a method, so a shared config used by ten tasks is
/// reported once, on the argument that is wrong.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigValueOutOfRangeAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConfigValueOutOfRange);

    // Not only about tasks: config types are checked whether or not a task uses them.
    private protected override bool AppliesTo(KnownTypes types) => types.MayDeclareConfigLimits;

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.NamedType, SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        if (AttributeSyntaxGate.HasNoAttributes(context.Symbol))
        {
            return;
        }

        foreach (var attribute in context.Symbol.GetAttributes())
        {
            // The syntax is read for a config attribute only: every task method carries its task attribute too.
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskQueueAttribute))
            {
                Report(context, ConfigRanges.Check(QueueConfig.Read(Declared(context, attribute))!));
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskRetryAttribute))
            {
                Report(context, ConfigRanges.Check(RetryConfig.Read(Declared(context, attribute))!));
            }
            else if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.TaskMaxDurationAttribute))
            {
                Report(context, ConfigRanges.Check(MaxDurationConfig.Read(Declared(context, attribute))!));
            }
        }
    }

    private static ConfigAttributeSyntax Declared(SymbolAnalysisContext context, AttributeData attribute) =>
        ConfigAttributeSyntax.Declared(attribute, context.Symbol, context.CancellationToken);

    private static void Report(SymbolAnalysisContext context, System.Collections.Generic.IEnumerable<ConfigRangeViolation> violations)
    {
        foreach (var violation in violations)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConfigValueOutOfRange, violation.Location, violation.Name, violation.Value, violation.Requirement));
        }
    }
}

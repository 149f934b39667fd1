using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Scheduling;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0004: a <c>[ScheduledTask]</c>'s <c>Cron</c> is a valid 5-field cron expression, as the runtime's parser
/// (Cronos, <c>CronFormat.Standard</c>) reads it; otherwise the host fails to start.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidCronAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCron);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var task = TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken);
        if (task?.Schedule is not { } schedule || CronExpressions.Problem(schedule.Cron.Value) is not { } problem)
        {
            return;
        }

        // A missing Cron has no argument to point at: the attribute is where it belongs.
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.InvalidCron, schedule.Cron.LocationOr(task.AttributeLocation), schedule.Cron.Value ?? "", problem));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Scheduling;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0005: a <c>[ScheduledTask]</c>'s <c>TimeZone</c> is an IANA time zone id, checked against the list the
/// analyzer carries (never the compiling machine's zones), so a schedule that builds runs on every host.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownTimeZoneAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnknownTimeZone);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var task = TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken);
        if (task?.Schedule is not { } schedule || IanaTimeZones.Contains(schedule.TimeZone.Value))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnknownTimeZone,
            schedule.TimeZone.LocationOr(task.AttributeLocation),
            schedule.TimeZone.Value ?? "",
            TimeZoneAdvice.For(schedule.TimeZone.Value)));
    }
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Scheduling;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0005: a <c>[ScheduledTask]</c>'s <c>TimeZone</c> is an IANA time zone id, checked against the list the
/// analyzer carries (never the compiling machine's zones), so a schedule that builds runs on every host.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class UnknownTimeZoneAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnknownTimeZone);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        if (task.Schedule is not { } schedule || IanaTimeZones.Contains(schedule.TimeZone.Value))
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

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Scheduling;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0004: a <c>[ScheduledTask]</c>'s <c>Cron</c> is a valid 5-field cron expression, as the runtime's parser
/// (Cronos, <c>CronFormat.Standard</c>) reads it; otherwise the host fails to start.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class InvalidCronAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCron);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        if (task.Schedule is not { } schedule || CronExpressions.Problem(schedule.Cron.Value) is not { } problem)
        {
            return;
        }

        // A missing Cron has no argument to point at: the attribute is where it belongs.
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.InvalidCron, schedule.Cron.LocationOr(task.AttributeLocation), schedule.Cron.Value ?? "", problem));
    }
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0102: a task has no <c>[TaskQueue]</c>, neither on the method nor on its <c>Config</c> type, so it runs
/// unbounded on a queue of its own. Reported on the task id (or the method name when the id is not written).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class MissingQueueConfigAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingQueueConfig);

    /// <inheritdoc />
    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        if (task.Queue is not null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingQueueConfig,
            task.Id.LocationOr(task.NameLocation),
            ConfigFixProperties.For(task),
            task.DisplayId,
            ConfigFixProperties.QueueAttribute(task),
            ConfigFixProperties.Placement(task)));
    }
}

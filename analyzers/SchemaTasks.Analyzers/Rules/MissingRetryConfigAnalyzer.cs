using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0101: a task has no <c>[TaskRetry]</c>, neither on the method nor on its <c>Config</c> type, so it runs on the
/// runtime's defaults. Reported on the task id (or the method name when the id is not written).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class MissingRetryConfigAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingRetryConfig);

    /// <inheritdoc />
    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        if (task.Retry is not null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingRetryConfig,
            task.Id.LocationOr(task.NameLocation),
            ConfigFixProperties.For(task),
            task.DisplayId,
            ConfigFixProperties.RetryAttribute(task),
            ConfigFixProperties.Placement(task)));
    }
}

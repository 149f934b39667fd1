using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0102: a task has no <c>[TaskQueue]</c>, neither on the method nor on its <c>Config</c> type, so it runs
/// unbounded on a queue of its own. Reported on the task id (or the method name when the id is not written).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingQueueConfigAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingQueueConfig);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        if (TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken) is not { Queue: null } task)
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

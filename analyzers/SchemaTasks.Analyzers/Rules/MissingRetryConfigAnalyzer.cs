using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0101: a task has no <c>[TaskRetry]</c>, neither on the method nor on its <c>Config</c> type, so it runs on the
/// runtime's defaults. Reported on the task id (or the method name when the id is not written).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingRetryConfigAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingRetryConfig);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        if (TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken) is not { Retry: null } task)
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

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0002: a task id is of the form <c>domain.task-name</c> (<c>^[a-z0-9]+([.-][a-z0-9]+)*$</c>, at most 128
/// characters), because backends use it as a storage key and a queue name (<c>task/&lt;id&gt;</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidTaskIdAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidTaskId);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var task = TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken);
        // The generator's verdict decides; TaskIds only puts it in words.
        if (task is null || TaskIdRules.IsValid(task.Id.Value))
        {
            return;
        }

        var problem = TaskIds.Problem(task.Id.Value) ?? "it is not of the form 'domain.task-name'";

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.InvalidTaskId, task.Id.LocationOr(task.AttributeLocation), task.Id.Value ?? "", problem));
    }
}

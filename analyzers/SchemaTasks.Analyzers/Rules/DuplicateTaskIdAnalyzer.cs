using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0003: a task id names one task in a compilation; backends look tasks up by id, and the runtime would
/// refuse to start with two definitions of one id. Ids are collected per compilation and compared at its end;
/// the first declaration in source order is kept and every later one is reported, naming the first.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateTaskIdAnalyzer : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DuplicateTaskId);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var declarations = new ConcurrentDictionary<string, ConcurrentBag<(Location Location, IMethodSymbol Method)>>(System.StringComparer.Ordinal);

        context.RegisterSymbolAction(symbol =>
        {
            var task = TaskMethodReader.TryRead((IMethodSymbol)symbol.Symbol, types, symbol.CancellationToken);
            if (task?.Id.Value is { Length: > 0 } id)
            {
                declarations.GetOrAdd(id, _ => []).Add((task.Id.LocationOr(task.AttributeLocation), task.Method));
            }
        }, SymbolKind.Method);

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var pair in declarations)
            {
                if (pair.Value.Count < 2)
                {
                    continue;
                }

                var ordered = pair.Value.OrderBy(d => d.Location, SourceOrder.Instance).ToArray();
                var first = ordered[0].Method;
                var firstName = first.ContainingType is null ? first.Name : first.ContainingType.Name + "." + first.Name;
                foreach (var duplicate in ordered.Skip(1))
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTaskId, duplicate.Location, pair.Key, firstName));
                }
            }
        });
    }
}

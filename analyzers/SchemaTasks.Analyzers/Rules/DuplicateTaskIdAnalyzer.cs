using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0003: a task id names one task in a compilation; backends look tasks up by id, and the runtime would
/// refuse to start with two definitions of one id. Ids are collected per compilation and compared at its end;
/// every declaration of a duplicate id is reported, naming the others.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class DuplicateTaskIdAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.DuplicateTaskId);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        // One queue of every task's id, grouped at the end: nearly every id is declared once, and a bag per id (the
        // former ConcurrentDictionary of ConcurrentBags) cost a dictionary entry, a bag and its per-thread list for each.
        var declarations = new ConcurrentQueue<(string Id, Location Location, IMethodSymbol Method)>();

        return new(Collect, Report);

        void Collect(SymbolAnalysisContext context, TaskMethod task)
        {
            if (task.Id.Value is { Length: > 0 } id)
            {
                declarations.Enqueue((id, task.Id.LocationOr(task.AttributeLocation), task.Method));
            }
        }

        void Report(CompilationAnalysisContext end)
        {
            foreach (var group in declarations.GroupBy(d => d.Id, d => (d.Location, d.Method), System.StringComparer.Ordinal))
            {
                if (group.Count() < 2)
                {
                    continue;
                }

                // Every declaration, the first included: the new one may be the one to rename, and the one the
                // user is looking at must show the error.
                var ordered = group.OrderBy(d => d.Location, SourceOrder.Instance).ToArray();
                var names = ordered.Select(d => "'" + NameOf(d.Method) + "'").ToArray();
                for (var i = 0; i < ordered.Length; i++)
                {
                    var others = names.Where((_, j) => j != i).ToArray();
                    var list = others.Length == 1 ? others[0] : string.Join(", ", others, 0, others.Length - 1) + " and " + others[others.Length - 1];
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTaskId, ordered[i].Location, group.Key, list));
                }
            }
        }
    }

    private static string NameOf(IMethodSymbol method) => method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
}

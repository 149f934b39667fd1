using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0002: a task id is of the form <c>domain.task-name</c> (<c>^[a-z0-9]+([.-][a-z0-9]+)*$</c>, at most 128
/// characters), because backends use it as a storage key and a queue name (<c>task/&lt;id&gt;</c>).
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class InvalidTaskIdAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidTaskId);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        // The generator's verdict decides; TaskIds only puts it in words.
        if (TaskIdRules.IsValid(task.Id.Value))
        {
            return;
        }

        var problem = TaskIds.Problem(task.Id.Value) ?? "it is not of the form 'domain.task-name'";

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.InvalidTaskId, task.Id.LocationOr(task.AttributeLocation), task.Id.Value ?? "", problem));
    }
}

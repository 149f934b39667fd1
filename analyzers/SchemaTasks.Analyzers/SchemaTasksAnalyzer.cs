using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers;

/// <summary>
/// The base of every SchemaTasks analyzer: concurrent, silent in generated code, free in compilations that do not
/// reference SchemaTasks (nothing is registered past the <see cref="KnownTypes"/> check), and nearly free in those
/// that declare nothing the rule checks (<see cref="AppliesTo"/>, one syntactic read of the compilation's attribute
/// names shared by every rule, instead of one callback per method or type and rule).
/// </summary>
public abstract class SchemaTasksAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = KnownTypes.TryCreate(start.Compilation);
            if (types is not null && AppliesTo(types))
            {
                OnCompilationStart(start, types);
            }
        });
    }

    /// <summary>
    /// Whether the rule can report anything in the compilation; by default, whether it may declare a task (a task
    /// attribute is written somewhere). A rule that also checks declarations without a task says what it needs.
    /// </summary>
    /// <param name="types">The SchemaTasks and framework types resolved for this compilation.</param>
    private protected virtual bool AppliesTo(KnownTypes types) => types.MayDeclareTasks;

    /// <summary>Registers the rule's actions for a compilation that references SchemaTasks.</summary>
    /// <param name="context">The compilation start context.</param>
    /// <param name="types">The SchemaTasks and framework types resolved for this compilation.</param>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types);
}

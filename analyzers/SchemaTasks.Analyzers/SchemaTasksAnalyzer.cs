using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers;

/// <summary>
/// The base of every SchemaTasks analyzer: concurrent, silent in generated code, and free in compilations
/// that do not reference SchemaTasks (nothing is registered past the <see cref="KnownTypes"/> check).
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
            if (types is not null)
            {
                OnCompilationStart(start, types);
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references SchemaTasks.</summary>
    /// <param name="context">The compilation start context.</param>
    /// <param name="types">The SchemaTasks and framework types resolved for this compilation.</param>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types);
}

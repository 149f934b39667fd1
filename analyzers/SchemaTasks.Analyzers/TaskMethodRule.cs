using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers;

/// <summary>Checks one task of a compilation; what a <see cref="TaskMethodRule"/> runs on each task method.</summary>
/// <param name="context">The method's symbol context, to report on.</param>
/// <param name="task">The task the method declares.</param>
internal delegate void TaskMethodCheck(SymbolAnalysisContext context, TaskMethod task);

/// <summary>What a <see cref="TaskMethodRule"/> does in one compilation: its check of each task, and what it reports at the end.</summary>
/// <param name="Check">The check of one task method.</param>
/// <param name="End">The compilation end action, for a rule that compares tasks; its descriptors carry the <c>CompilationEnd</c> tag.</param>
internal sealed record TaskRuleRun(TaskMethodCheck Check, Action<CompilationAnalysisContext>? End = null);

/// <summary>
/// A rule about task methods. In a build the rules do not run one by one: they carry no <c>[DiagnosticAnalyzer]</c>,
/// so the compiler does not load them, and <see cref="TaskMethodAnalyzer"/> runs them all, reading each method once.
/// Alone, as the rule's tests run it, a rule reads each method itself and reports exactly what it reports there.
/// </summary>
/// <remarks>
/// Why: with one analyzer per rule, each method of the compilation was handed to every rule, and each rule asked on
/// its own whether it is a task (its syntax, its attributes, the task cache) before doing nothing, with the driver's
/// cost of a callback on top: about 14 times per method for the same answer.
/// </remarks>
public abstract class TaskMethodRule : SchemaTasksAnalyzer
{
    /// <inheritdoc />
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (Start(context.Compilation, types, context.CancellationToken) is not { } run)
        {
            return;
        }

        context.RegisterSymbolAction(symbol =>
        {
            if (TaskMethodReader.TryRead((IMethodSymbol)symbol.Symbol, types, symbol.CancellationToken) is { } task)
            {
                run.Check(symbol, task);
            }
        }, SymbolKind.Method);
        if (run.End is { } end)
        {
            context.RegisterCompilationEndAction(end);
        }
    }

    /// <summary>
    /// Starts the rule on a compilation that may declare tasks, or returns null when it has nothing to check there.
    /// </summary>
    /// <param name="compilation">The compilation.</param>
    /// <param name="types">The SchemaTasks and framework types resolved for this compilation.</param>
    /// <param name="cancellationToken">The compilation start's cancellation token.</param>
    private protected abstract TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken);

    /// <summary>Starts the rule for <see cref="TaskMethodAnalyzer"/>.</summary>
    internal TaskRuleRun? StartIn(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) =>
        Start(compilation, types, cancellationToken);
}

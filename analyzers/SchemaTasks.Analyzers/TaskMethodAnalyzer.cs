using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;
using SchemaTasks.Analyzers.Rules;

namespace SchemaTasks.Analyzers;

/// <summary>
/// Every <see cref="TaskMethodRule"/>, as the compiler runs them: one callback per method, which reads the method's
/// task once (<see cref="TaskMethodReader"/>) and hands it to each rule, instead of one callback and one "is this a
/// task" per method and rule. The rules keep their ids, messages, fixes and tests; this only decides how often a
/// method is read. The rules' compilation-end diagnostics (STK0003, STK0007's shared form) carry the
/// <c>CompilationEnd</c> tag, the others are reported as each method is analyzed, live in the IDE as before.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskMethodAnalyzer : SchemaTasksAnalyzer
{
    /// <summary>The rules run on each task method, one instance each.</summary>
    internal static ImmutableArray<TaskMethodRule> Rules { get; } = ImmutableArray.Create<TaskMethodRule>(
        new InvalidTaskMethodShapeAnalyzer(),
        new InvalidTaskIdAnalyzer(),
        new DuplicateTaskIdAnalyzer(),
        new InvalidCronAnalyzer(),
        new UnknownTimeZoneAnalyzer(),
        new OutOfMemoryMachineNotLargerAnalyzer(),
        new PayloadNotSerializableAnalyzer(),
        new MissingRetryConfigAnalyzer(),
        new MissingQueueConfigAnalyzer(),
        new MissingOutOfMemoryMachineAnalyzer(),
        new MissingValidatorAnalyzer(),
        new ConfigOnTaskInsteadOfSharedTypeAnalyzer(),
        new ServiceParameterLooksLikePayloadAnalyzer(),
        new PayloadPropertyLostInJsonAnalyzer());

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        Rules.SelectMany(rule => rule.SupportedDiagnostics).ToImmutableArray();

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var runs = Rules.Select(rule => rule.StartIn(context.Compilation, types, context.CancellationToken)).OfType<TaskRuleRun>().ToArray();
        if (runs.Length == 0)
        {
            return;
        }

        var checks = runs.Select(run => run.Check).ToArray();

        context.RegisterSymbolAction(symbol =>
        {
            if (TaskMethodReader.TryRead((IMethodSymbol)symbol.Symbol, types, symbol.CancellationToken) is not { } task)
            {
                return;
            }

            foreach (var check in checks)
            {
                check(symbol, task);
            }
        }, SymbolKind.Method);

        var ends = runs.Select(run => run.End).OfType<Action<CompilationAnalysisContext>>().ToArray();
        if (ends.Length > 0)
        {
            context.RegisterCompilationEndAction(end =>
            {
                foreach (var action in ends)
                {
                    action(end);
                }
            });
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0007: a task's <c>OutOfMemoryMachine</c>, when written, is larger than the machine the task runs on
/// (its resolved <c>[TaskMachine]</c>, else Small1x); an out-of-memory retry on the same or a smaller machine
/// runs out of memory again. Checked per task, since one shared retry config can suit one task's machine and
/// not another's. An argument on the method is reported there, at once; an argument on a shared config type is
/// reported once, at the end of the compilation, naming every task it is too small for. Either way the task
/// methods ride along, with the size one above each task's machine, for the fix.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class OutOfMemoryMachineNotLargerAnalyzer : TaskMethodRule
{
    /// <summary>
    /// The property carrying the machine size the code fix should pick for each task (the next size up), comma
    /// separated in the order of the additional locations; empty for a task on the largest machine.
    /// </summary>
    public const string SuggestedMachineProperty = "SuggestedMachine";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.OutOfMemoryMachineNotLarger, DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger);

    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        var shared = new ConcurrentDictionary<Location, ConcurrentBag<Violation>>();
        return new(
            (symbol, task) => Analyze(symbol, task, shared),
            end =>
            {
                foreach (var pair in shared)
                {
                    end.ReportDiagnostic(Create(DiagnosticDescriptors.SharedOutOfMemoryMachineNotLarger, pair.Key, pair.Value));
                }
            });
    }

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task, ConcurrentDictionary<Location, ConcurrentBag<Violation>> shared)
    {
        if (task.Retry?.OutOfMemoryMachine is not { IsExplicit: true, Value: { } oom } argument || oom > task.Machine)
        {
            return;
        }

        var violation = new Violation(task.DisplayId, task.Machine, oom, task.NameLocation);
        if (SourceLocations.IsIn(argument.Location, context.Compilation) && !IsOnMethod(argument.Location!, task.Method))
        {
            shared.GetOrAdd(argument.Location!, _ => []).Add(violation);
            return;
        }

        // On the method, or in a retry config of another assembly (no argument here: the task's Config argument
        // stands in): this task alone.
        var location = SourceLocations.IsIn(argument.Location, context.Compilation)
            ? argument.Location!
            : task.ConfigLocation ?? task.AttributeLocation;
        context.ReportDiagnostic(Create(DiagnosticDescriptors.OutOfMemoryMachineNotLarger, location, [violation]));
    }

    private static bool IsOnMethod(Location location, IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == location.SourceTree && reference.Span.Contains(location.SourceSpan));

    private static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, IEnumerable<Violation> violations)
    {
        var tasks = violations
            .OrderBy(v => v.Method.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(v => v.Method.SourceSpan.Start)
            .ToArray();
        var next = tasks.Select(task => Machines.NextLarger(task.Machine) is { } larger ? Machines.Name(larger) : "").ToArray();
        // The task methods ride along: the fix sets OutOfMemoryMachine on each method, which inherits the rest of the
        // shared retry config, instead of changing a config other tasks share.
        return Diagnostic.Create(
            descriptor,
            location,
            tasks.Select(task => task.Method),
            ImmutableDictionary<string, string?>.Empty.Add(SuggestedMachineProperty, string.Join(",", next)),
            Machines.Name(tasks[0].OutOfMemoryMachine),
            Describe(tasks),
            Advice(tasks, next));
    }

    // "task 'a' (Small2x)", "tasks 'a' (Small2x) and 'b' (Medium1x)", "tasks 'a' (X), 'b' (Y) and 'c' (Z)".
    private static string Describe(Violation[] tasks)
    {
        var names = tasks.Select(task => "'" + task.TaskId + "' (" + Machines.Name(task.Machine) + ")").ToArray();
        return names.Length == 1
            ? "task " + names[0]
            : "tasks " + string.Join(", ", names, 0, names.Length - 1) + " and " + names[names.Length - 1];
    }

    private static string Advice(Violation[] tasks, string[] next)
    {
        if (tasks.Length == 1)
        {
            return next[0].Length > 0
                ? "set it one size up, to Machine." + next[0]
                : "no machine is larger than " + Machines.Name(tasks[0].Machine) + "; remove OutOfMemoryMachine for this task";
        }

        var each = tasks.Select((task, i) => next[i].Length > 0 ? "Machine." + next[i] + " for '" + task.TaskId + "'" : "none for '" + task.TaskId + "' (the largest)");
        return "set it on each task, one size above its machine (" + string.Join(", ", each) + ")";
    }

    private sealed record Violation(string TaskId, int Machine, int OutOfMemoryMachine, Location Method);
}

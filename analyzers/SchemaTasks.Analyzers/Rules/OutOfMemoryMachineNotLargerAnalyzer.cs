using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0007: a task's <c>OutOfMemoryMachine</c>, when written, is larger than the machine the task runs on
/// (its resolved <c>[TaskMachine]</c>, else Small1x); an out-of-memory retry on the same or a smaller machine
/// runs out of memory again. Checked per task, since one shared retry config can suit one task's machine and
/// not another's; reported on the <c>OutOfMemoryMachine</c> argument, naming the task.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OutOfMemoryMachineNotLargerAnalyzer : SchemaTasksAnalyzer
{
    /// <summary>The property carrying the machine size the code fix should pick (the next size up).</summary>
    public const string SuggestedMachineProperty = "SuggestedMachine";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.OutOfMemoryMachineNotLarger);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, KnownTypes types)
    {
        var task = TaskMethodReader.TryRead((IMethodSymbol)context.Symbol, types, context.CancellationToken);
        if (task?.Retry?.OutOfMemoryMachine is not { IsExplicit: true, Value: { } oom } argument || oom > task.Machine)
        {
            return;
        }

        // A retry config declared in another assembly has no argument here: the task's Config argument stands in.
        var location = SourceLocations.IsIn(argument.Location, context.Compilation)
            ? argument.Location!
            : task.ConfigLocation ?? task.AttributeLocation;
        var properties = Machines.NextLarger(task.Machine) is { } next
            ? ImmutableDictionary<string, string?>.Empty.Add(SuggestedMachineProperty, Machines.Name(next))
            : ImmutableDictionary<string, string?>.Empty;
        // The task method rides along: the fix sets OutOfMemoryMachine on the method, which inherits the rest of the
        // shared retry config, instead of changing a config other tasks share.
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.OutOfMemoryMachineNotLarger, location, [task.NameLocation], properties,
            Machines.Name(oom), task.DisplayId, Machines.Name(task.Machine)));
    }
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0103: a task's retry config sets no <c>OutOfMemoryMachine</c>, so an attempt that runs out of memory fails
/// the run. Reported on the <c>[TaskRetry]</c> when it is on the method; when it comes from the shared config
/// type, on the task's <c>Config = typeof(...)</c> (so each task that shares it gets its own squiggle), with the
/// attribute as an additional location for the code fix. A task already on the largest machine has nowhere
/// larger to go and is not reported.
/// </summary>
[SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1001:Missing diagnostic analyzer attribute", Justification = "Run by TaskMethodAnalyzer in a build (TaskMethodRule).")]
public sealed class MissingOutOfMemoryMachineAnalyzer : TaskMethodRule
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingOutOfMemoryMachine);

    /// <inheritdoc />
    private protected override TaskRuleRun? Start(Compilation compilation, KnownTypes types, CancellationToken cancellationToken) => new(Analyze);

    private static void Analyze(SymbolAnalysisContext context, TaskMethod task)
    {
        if (task.Retry is not { } retry ||
            retry.HasOutOfMemoryMachine ||
            Machines.NextLarger(task.Machine) is null)
        {
            return;
        }

        var location = retry.Origin == ConfigOrigin.Method
            ? retry.Location ?? task.NameLocation
            : task.ConfigLocation ?? task.Id.LocationOr(task.NameLocation);
        var additional = retry.Location is { } attributeLocation && !attributeLocation.Equals(location)
            ? new[] { attributeLocation }
            : null;

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingOutOfMemoryMachine,
            location,
            additional,
            ConfigFixProperties.For(task),
            task.DisplayId,
            Machines.Name(Machines.NextLarger(task.Machine)!.Value),
            Machines.Name(task.Machine)));
    }
}

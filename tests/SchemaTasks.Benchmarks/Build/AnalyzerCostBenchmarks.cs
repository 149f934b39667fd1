using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>The project the analyzers run on.</summary>
public enum AnalyzedProject
{
    /// <summary>1,000 tasks (100 domains) and their generated code.</summary>
    Tasks1000,

    /// <summary>The same records, validators and classes with no task, still referencing SchemaTasks.</summary>
    NoTask1000,
}

/// <summary>
/// The cost of every SchemaTasks analyzer in a build: the project compiled (bound and emitted) alone, against the
/// same compile preceded by the analyzers through <see cref="CompilationWithAnalyzers"/> (the analyzer driver of
/// csc and the IDE). The wall-clock <c>Ratio</c> over-states the share (the analyzer pass binds method bodies that
/// the emit binds again); the analyzers' own execution time, from Roslyn's telemetry
/// (<c>logAnalyzerExecutionTime</c>), is printed by the cleanup as <c>// analyzer telemetry</c> lines, per
/// compilation: divided by the compile's <c>Mean</c>, it is the share of compile time.
/// </summary>
/// <remarks>
/// The telemetry per compilation leaves out the process's first analyzed invocation (printed on its own line), as
/// the compile's <c>Mean</c> leaves out its own first invocations: whatever runs first in a process pays the JIT and
/// Roslyn's work for the whole compilation lineage (clones share it): binding the metadata references, parsing the
/// generated files (their trees are parsed on first use) and building the declaration table, which the first
/// analyzer to resolve a type by name was charged with. The setup compiles the project once, as csc binds its
/// references and declarations before its analyzers run, so that the first invocation differs from the others only
/// by the JIT of the analyzers and of the driver.
/// </remarks>
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    // The analyzers the compiler loads: the types carrying [DiagnosticAnalyzer] (the task method rules run inside
    // TaskMethodAnalyzer, not alone).
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
    [
        .. typeof(SchemaTasksAnalyzer).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !type.IsAbstract
                && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!),
    ];

    // Per analyzed invocation, in order: each analyzer's execution time.
    private readonly List<Dictionary<string, TimeSpan>> _telemetry = [];
    private Compilation _compilation = null!;

    /// <summary>The project.</summary>
    [Params(AnalyzedProject.Tasks1000, AnalyzedProject.NoTask1000)]
    public AnalyzedProject Project { get; set; }

    /// <summary>Builds the project with its generated code.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var kind = Project == AnalyzedProject.Tasks1000 ? DeclarationKind.Tasks : DeclarationKind.Plain;
        _compilation = BuildInputCheck.Verify(SyntheticCompilation.Create(kind, 1_000), kind, 1_000, new SchemaTaskGenerator(), compile: false);

        // What csc has done before its analyzers run, once per compilation: references bound, every file parsed,
        // the declaration table built. Clones share it, so neither benchmark's first invocation pays it.
        Compile.Emit(_compilation);
        var ids = Analyzers.SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id).Distinct().Count();
        if (ids < 20)
        {
            throw new InvalidOperationException($"The analyzers found in {typeof(SchemaTasksAnalyzer).Assembly.GetName().Name} report only {ids} rules.");
        }
    }

    /// <summary>The compile alone.</summary>
    [Benchmark(Baseline = true, Description = "Compile")]
    public bool CompileOnly() => Compile.Emit(_compilation);

    /// <summary>Every SchemaTasks analyzer over the project, then the compile.</summary>
    [Benchmark(Description = "Analyzers, then compile")]
    public bool AnalyzersThenCompile()
    {
        var compilation = _compilation.Clone();
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var analyzer in Analyzers)
        {
            times[analyzer.GetType().Name] = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        }

        _telemetry.Add(times);
        return diagnostics.IsEmpty
            ? Compile.Emit(compilation)
            : throw new InvalidOperationException($"The analyzers report {diagnostics.Length} diagnostics on a clean project, e.g. {diagnostics[0]}.");
    }

    /// <summary>
    /// Prints the analyzers' execution time per compilation: the process's first analyzed invocation on its own
    /// line, then the mean and median of the others with the five costliest analyzers, from the telemetry of every
    /// invocation.
    /// </summary>
    [GlobalCleanup]
    public void Report()
    {
        if (_telemetry.Count == 0)
        {
            return;
        }

        var totals = _telemetry.Select(times => times.Values.Sum(time => time.TotalMilliseconds)).ToArray();
        var all = totals.Average();
        Print($"Project={Project} first invocation of the process {totals[0]:F2} ms (JIT); mean of all {totals.Length} invocations {all:F2} ms");
        if (totals.Length < 2)
        {
            return;
        }

        var warm = totals.Skip(1).OrderBy(total => total).ToArray();
        var median = warm.Length % 2 == 1 ? warm[warm.Length / 2] : (warm[(warm.Length / 2) - 1] + warm[warm.Length / 2]) / 2;
        Print($"Project={Project} runs={warm.Length} all analyzers {warm.Average():F2} ms per compilation (median {median:F2} ms, min {warm[0]:F2}, max {warm[^1]:F2}), first invocation left out");

        // In order, so that the measured iterations (the last IterationCount, after the warm-ups) can be read apart:
        // in process, the JIT keeps warming the compiler for many invocations, and the Compile row's Mean counts only
        // warm ones.
        Print($"Project={Project} every invocation in order, ms: {string.Join(" ", totals.Select(total => total.ToString("F1", CultureInfo.InvariantCulture)))}");
        var byAnalyzer = _telemetry.Skip(1)
            .SelectMany(times => times)
            .GroupBy(pair => pair.Key, pair => pair.Value.TotalMilliseconds, StringComparer.Ordinal)
            .Select(group => (Name: group.Key, Mean: group.Sum() / warm.Length))
            .OrderByDescending(pair => pair.Mean)
            .Take(5);
        foreach (var (name, mean) in byAnalyzer)
        {
            Print($"  {name} {mean:F2} ms");
        }
    }

    private static void Print(FormattableString line) =>
        Console.WriteLine("// analyzer telemetry: " + line.ToString(CultureInfo.InvariantCulture));
}

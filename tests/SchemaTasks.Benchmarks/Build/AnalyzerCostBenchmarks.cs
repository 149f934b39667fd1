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
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
    [
        .. typeof(SchemaTasksAnalyzer).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !type.IsAbstract)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!),
    ];

    private readonly Dictionary<string, TimeSpan> _telemetry = new(StringComparer.Ordinal);
    private Compilation _compilation = null!;
    private int _analyzedRuns;

    /// <summary>The project.</summary>
    [Params(AnalyzedProject.Tasks1000, AnalyzedProject.NoTask1000)]
    public AnalyzedProject Project { get; set; }

    /// <summary>Builds the project with its generated code.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var kind = Project == AnalyzedProject.Tasks1000 ? DeclarationKind.Tasks : DeclarationKind.Plain;
        _compilation = BuildInputCheck.Verify(SyntheticCompilation.Create(kind, 1_000), kind, 1_000, new SchemaTaskGenerator(), compile: false);
        if (Analyzers.Length < 20)
        {
            throw new InvalidOperationException($"Only {Analyzers.Length} analyzers found in {typeof(SchemaTasksAnalyzer).Assembly.GetName().Name}.");
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
        foreach (var analyzer in Analyzers)
        {
            var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
            var name = analyzer.GetType().Name;
            _telemetry[name] = _telemetry.GetValueOrDefault(name) + time;
        }

        _analyzedRuns++;
        return diagnostics.IsEmpty
            ? Compile.Emit(compilation)
            : throw new InvalidOperationException($"The analyzers report {diagnostics.Length} diagnostics on a clean project, e.g. {diagnostics[0]}.");
    }

    /// <summary>Prints the analyzers' execution time per compilation, from the telemetry of every invocation.</summary>
    [GlobalCleanup]
    public void Report()
    {
        if (_analyzedRuns == 0)
        {
            return;
        }

        var total = _telemetry.Values.Aggregate(TimeSpan.Zero, (sum, time) => sum + time) / _analyzedRuns;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// analyzer telemetry: Project={Project} runs={_analyzedRuns} all analyzers {total.TotalMilliseconds:F2} ms per compilation"));
        foreach (var (name, time) in _telemetry.OrderByDescending(pair => pair.Value).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// analyzer telemetry:   {name} {(time / _analyzedRuns).TotalMilliseconds:F2} ms"));
        }
    }
}

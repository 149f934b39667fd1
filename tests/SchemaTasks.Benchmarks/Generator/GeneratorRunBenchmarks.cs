using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Benchmarks.Generator;

/// <summary>
/// The generator over N copies of the reference domains: a full run (a driver that has seen nothing) against the
/// incremental re-run after an unrelated edit (the path an IDE takes on almost every keystroke). The ratio
/// cached/full, measured side by side in one run, is the figure: it says how much of the full cost the incremental
/// pipeline saves.
/// </summary>
[MemoryDiagnoser]
public class GeneratorRunBenchmarks
{
    private GeneratorInput _input = null!;
    private GeneratorDriver _driverAfterFirstRun = null!;

    /// <summary>Copies of the three reference domains in the compilation.</summary>
    [Params(1, 50)]
    public int Copies { get; set; }

    /// <summary>
    /// True: every invocation gets a clone of the compilation (same syntax trees, fresh symbols), as a build or an
    /// IDE edit does, so Roslyn's binding of the attributes and types the generator asks about is part of the cost.
    /// False: the same compilation objects every time, whose symbols earlier iterations already bound: what remains
    /// is the generator's own pipeline, the part its caching can save.
    /// </summary>
    [Params(true, false)]
    public bool FreshSymbols { get; set; }

    /// <summary>Builds the compilations, checks they measure what the benchmarks claim, and primes the driver.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = GeneratorInput.Create(Copies);
        GeneratorInputCheck.Verify(_input, Copies);
        _driverAfterFirstRun = GeneratorInput.CreateDriver().RunGenerators(_input.Compilation);
    }

    /// <summary>A new driver over the project: what a first build pays.</summary>
    [Benchmark(Baseline = true, Description = "Full run")]
    public GeneratorDriver FullRun() =>
        GeneratorInput.CreateDriver().RunGenerators(Prepare(_input.Compilation));

    /// <summary>
    /// The driver that already ran over the project, re-run after the unrelated edit. The driver is immutable, so
    /// every invocation measures the same step from the first state to the edited one.
    /// </summary>
    [Benchmark(Description = "Cached re-run after unrelated edit")]
    public GeneratorDriver CachedRerun() =>
        _driverAfterFirstRun.RunGenerators(Prepare(_input.Edited));

    private Compilation Prepare(Compilation compilation) => FreshSymbols ? compilation.Clone() : compilation;
}

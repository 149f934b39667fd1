using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// What the generated code adds to the user's build: the synthetic project of N tasks compiled (bound and emitted)
/// alone, against the same project with the SchemaTasks generator's output added (the generator itself is not in
/// the time: it ran once in setup). <c>Ratio</c> = with / without; the target is at most 1.5.
/// </summary>
[MemoryDiagnoser]
public class GeneratedCodeCompileBenchmarks
{
    private Compilation _sources = null!;
    private Compilation _withGenerated = null!;

    /// <summary>Tasks in the project.</summary>
    [Params(1_000)]
    public int Declarations { get; set; }

    /// <summary>Builds the project and its generated code.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var project = SyntheticCompilation.Create(DeclarationKind.Tasks, Declarations);
        _sources = project.Compilation;
        // Errors fail the emit of every invocation; warnings are checked by GeneratorPeerBenchmarks' setup.
        _withGenerated = BuildInputCheck.Verify(project, DeclarationKind.Tasks, Declarations, new SchemaTaskGenerator(), compile: false);
    }

    /// <summary>The user's sources alone.</summary>
    [Benchmark(Baseline = true, Description = "Compile sources alone")]
    public bool SourcesAlone() => Compile.Emit(_sources);

    /// <summary>The user's sources and the generated code.</summary>
    [Benchmark(Description = "Compile sources + generated code")]
    public bool WithGeneratedCode() => Compile.Emit(_withGenerated);
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using SchemaTasks.Generators;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// The SchemaTasks generator against the SDK's LoggerMessage generator, side by side, on synthetic projects of as
/// many declarations (<c>[SchemaTask]</c> methods with payload, validator and shared config; <c>[LoggerMessage]</c>
/// methods): cold (a new driver, what a build pays), per keystroke (the driver that saw the project re-run on the
/// project with one character typed in a method body of one file, the IDE's path), and on a project of the same
/// records, validators and classes with no declaration for either. Every invocation gets a clone of its compilation
/// (same trees, fresh symbols), as a build and an IDE edit do. <c>Ratio</c> = SchemaTasks / LoggerMessage in each
/// category.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class GeneratorPeerBenchmarks
{
    private SyntheticCompilation _tasks = null!;
    private SyntheticCompilation _logs = null!;
    private SyntheticCompilation _plain = null!;
    private GeneratorDriver _tasksDriver = null!;
    private GeneratorDriver _logsDriver = null!;

    /// <summary>Declarations in each project: tasks for SchemaTasks, log methods for LoggerMessage.</summary>
    [Params(100, 1_000, 5_000)]
    public int Declarations { get; set; }

    /// <summary>Builds the three projects, checks what each generator makes of them, and primes both drivers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _tasks = SyntheticCompilation.Create(DeclarationKind.Tasks, Declarations);
        _logs = SyntheticCompilation.Create(DeclarationKind.LoggerMessages, Declarations);
        _plain = SyntheticCompilation.Create(DeclarationKind.Plain, Declarations);
        // The outputs' compile is checked on the smallest size, the counts up to 1,000: the same domains repeat at
        // every size, and each check of a 5,000-declaration project costs a minute of setup per benchmark case.
        if (Declarations <= 1_000)
        {
            var compile = Declarations <= 100;
            BuildInputCheck.Verify(_tasks, DeclarationKind.Tasks, Declarations, new SchemaTaskGenerator(), compile);
            BuildInputCheck.Verify(_logs, DeclarationKind.LoggerMessages, Declarations, PeerGenerators.LoggerMessage(), compile);
            BuildInputCheck.Verify(_plain, DeclarationKind.Plain, Declarations, new SchemaTaskGenerator(), compile);
            BuildInputCheck.Verify(_plain, DeclarationKind.Plain, Declarations, PeerGenerators.LoggerMessage(), compile);
        }

        _tasksDriver = SyntheticCompilation.CreateDriver(new SchemaTaskGenerator()).RunGenerators(_tasks.Compilation);
        _logsDriver = SyntheticCompilation.CreateDriver(PeerGenerators.LoggerMessage()).RunGenerators(_logs.Compilation);
    }

    /// <summary>LoggerMessage, new driver, over its project.</summary>
    [Benchmark(Baseline = true, Description = "LoggerMessage")]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver LoggerMessageCold() =>
        SyntheticCompilation.CreateDriver(PeerGenerators.LoggerMessage()).RunGenerators(_logs.Compilation.Clone());

    /// <summary>SchemaTasks, new driver, over its project.</summary>
    [Benchmark(Description = "SchemaTasks")]
    [BenchmarkCategory("Cold")]
    public GeneratorDriver SchemaTasksCold() =>
        SyntheticCompilation.CreateDriver(new SchemaTaskGenerator()).RunGenerators(_tasks.Compilation.Clone());

    /// <summary>LoggerMessage's primed driver over its project after the keystroke.</summary>
    [Benchmark(Baseline = true, Description = "LoggerMessage")]
    [BenchmarkCategory("Keystroke")]
    public GeneratorDriver LoggerMessageKeystroke() => _logsDriver.RunGenerators(_logs.Edited.Clone());

    /// <summary>SchemaTasks' primed driver over its project after the keystroke.</summary>
    [Benchmark(Description = "SchemaTasks")]
    [BenchmarkCategory("Keystroke")]
    public GeneratorDriver SchemaTasksKeystroke() => _tasksDriver.RunGenerators(_tasks.Edited.Clone());

    /// <summary>LoggerMessage, new driver, over the project with no declaration.</summary>
    [Benchmark(Baseline = true, Description = "LoggerMessage")]
    [BenchmarkCategory("No task")]
    public GeneratorDriver LoggerMessageNoTask() =>
        SyntheticCompilation.CreateDriver(PeerGenerators.LoggerMessage()).RunGenerators(_plain.Compilation.Clone());

    /// <summary>SchemaTasks, new driver, over the project with no declaration.</summary>
    [Benchmark(Description = "SchemaTasks")]
    [BenchmarkCategory("No task")]
    public GeneratorDriver SchemaTasksNoTask() =>
        SyntheticCompilation.CreateDriver(new SchemaTaskGenerator()).RunGenerators(_plain.Compilation.Clone());
}

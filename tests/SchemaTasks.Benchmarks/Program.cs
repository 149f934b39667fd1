using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SchemaTasks.Benchmarks.Build;
using SchemaTasks.Benchmarks.Runtime.Peers;
using SchemaTasks.Benchmarks.Runtime.Postgres;

// The SQL per run of the PostgreSQL benchmark (a profile, not a timing): see PostgresStatementCounts.
if (args is ["--postgres-statements"])
{
    await PostgresStatementCounts.RunAsync(Console.Out);
    return;
}

// The generator against LoggerMessage in thread CPU time, processes interleaved (not a timing by BenchmarkDotNet):
// see GeneratorCpuTime.
if (GeneratorCpuTime.TryRun(args, Console.Out))
{
    return;
}

// A profiling loop over one SchemaTasks row of the runtime peers, with CPU time and collections per run: see RuntimeLoop.
if (await RuntimeLoop.TryRunAsync(args, Console.Out))
{
    return;
}

// Every benchmark of this assembly, chosen with --filter; --job short (or Dry) for a quick run. Results go under
// bin/, not into the folder the command runs from, unless --artifacts says otherwise.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
    // Each benchmark process is a build of this project (generator, runtime, peers): on a busy shared machine that
    // takes longer than BenchmarkDotNet's default of 2 minutes.
    .WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(SchemaTasks.Benchmarks.Generator.GeneratorRunBenchmarks).Assembly).Run(args, config);

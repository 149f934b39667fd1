using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Every benchmark of this assembly, chosen with --filter; --job short (or Dry) for a quick run. Results go under
// bin/, not into the folder the command runs from, unless --artifacts says otherwise.
var config = DefaultConfig.Instance
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(SchemaTasks.Benchmarks.Generator.GeneratorRunBenchmarks).Assembly).Run(args, config);

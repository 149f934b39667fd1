using BenchmarkDotNet.Attributes;

namespace SchemaTasks.Benchmarks.Runtime;

/// <summary>
/// <see cref="RetryOptions.NextDelay(int, Random)"/>, computed once per failed attempt: with jitter (the default),
/// without, and past the last attempt (no retry). A seeded <see cref="Random"/> keeps every run the same work.
/// </summary>
[MemoryDiagnoser]
public class RetryDelayBenchmarks
{
    private static readonly RetryOptions Randomized = new() { MaxAttempts = 5, Factor = 1.8, MinTimeoutInMs = 500, MaxTimeoutInMs = 30_000 };

    private static readonly RetryOptions Deterministic = Randomized with { Randomize = false };

    private readonly Random _random = new(20_250_101);

    /// <summary>The delay after the third failed attempt, with jitter.</summary>
    [Benchmark(Baseline = true, Description = "NextDelay, randomized")]
    public TimeSpan? NextDelayRandomized() => Randomized.NextDelay(3, _random);

    /// <summary>The delay after the third failed attempt, without jitter.</summary>
    [Benchmark(Description = "NextDelay, deterministic")]
    public TimeSpan? NextDelayDeterministic() => Deterministic.NextDelay(3, _random);

    /// <summary>After the last attempt: no retry.</summary>
    [Benchmark(Description = "NextDelay, attempts exhausted")]
    public TimeSpan? NextDelayExhausted() => Randomized.NextDelay(5, _random);
}

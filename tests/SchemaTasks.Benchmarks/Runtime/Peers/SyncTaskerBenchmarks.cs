using BenchmarkDotNet.Attributes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// The generated sync tasker (<c>PingSyncTasker</c>: validation, the run recorded, JSON round trip, validation again,
/// the method in its own DI scope) against what it replaces: validating with the same validator and calling the
/// method directly. Times are per run; the target is a ratio of at most 2. A third row runs the same tasker in a host
/// that keeps 100 finished runs in history instead of the default 10,000: what a longer history costs the collector.
/// Until round 7 a finished run was objects of its own, copied out of the young generation and freed from the old, and
/// that row ran 1.6–1.9× faster; history now keeps no object per run, and the two rows should stay level.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunsPerSecondConfig))]
public class SyncTaskerBenchmarks
{
    /// <summary>Calls per invocation.</summary>
    internal const int Runs = 1_000;

    private PingPayload[] _payloads = null!;
    private IHost _host = null!;
    private PingSyncTasker _sync = null!;
    private PingTaskService _service = null!;
    private PingPayloadValidator _validator = null!;

    /// <summary>The same host as the end-to-end benchmark.</summary>
    [GlobalSetup(Targets = [nameof(DirectCall), nameof(SyncTasker)])]
    public Task SetupAsync() => SetupAsync(SchemaTasksOptions.DefaultRunHistoryLimit);

    /// <summary>The same host, keeping 100 finished runs in history.</summary>
    [GlobalSetup(Target = nameof(SyncTaskerShortHistory))]
    public Task SetupShortHistoryAsync() => SetupAsync(runHistoryLimit: 100);

    private async Task SetupAsync(int runHistoryLimit)
    {
        _payloads = [.. Enumerable.Range(0, Runs).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];
        _host = await PingHost.StartAsync(options =>
        {
            options.Mode = TaskRunMode.Sync;
            options.RunHistoryLimit = runHistoryLimit;
        });
        _sync = _host.Services.GetRequiredService<PingSyncTasker>();
        _service = new PingTaskService();
        _validator = new PingPayloadValidator();
        _ = RunCountdown.Start(int.MaxValue);
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>What a caller without SchemaTasks writes: validate, then call the method.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "Direct call, same validator")]
    public async Task DirectCall()
    {
        foreach (var payload in _payloads)
        {
            await _validator.ValidateAndThrowAsync(payload);
            await _service.PingAsync(payload);
        }
    }

    /// <summary>The generated sync tasker, each call completed when it returns.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Generated sync tasker")]
    public async Task SyncTasker()
    {
        foreach (var payload in _payloads)
        {
            await _sync.PingAsync(payload);
        }
    }

    /// <summary>The same tasker in a host whose history keeps 100 finished runs (<see cref="SchemaTasksOptions.RunHistoryLimit"/>).</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Generated sync tasker, history of 100 runs")]
    public Task SyncTaskerShortHistory() => SyncTasker();
}

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SchemaTasks.Benchmarks.Runtime;

/// <summary>
/// In-process throughput, trigger to completion: a started host with <c>AddSchemaTasks</c> and a no-op task, 1,000
/// runs triggered on the in-process backend and awaited through <see cref="ITaskRuns.WaitForCompletionAsync"/>,
/// against the sync runner doing the same 1,000 runs inline. Times and allocations are per run
/// (<c>OperationsPerInvoke</c>): runs per second = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
public class TriggerToCompletionBenchmarks
{
    private const int Runs = 1_000;

    // A safety net: a run that never completes fails the benchmark instead of hanging it.
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(30);

    private static readonly NoOpPayload Payload = new(42);

    private IHost _host = null!;
    private ITaskTrigger _trigger = null!;
    private ISyncTaskRunner _sync = null!;
    private ITaskRuns _runs = null!;

    /// <summary>Starts the host: async mode set in code, so no environment variable changes what is measured.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSchemaTasks(options => options.Mode = TaskRunMode.Async).AddTask(NoOpTask.Definition);
        _host = builder.Build();
        await _host.StartAsync();
        _trigger = _host.Services.GetRequiredService<ITaskTrigger>();
        _sync = _host.Services.GetRequiredService<ISyncTaskRunner>();
        _runs = _host.Services.GetRequiredService<ITaskRuns>();
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>1,000 runs through <see cref="ISyncTaskRunner"/>, one after another, each completed when it returns.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "Sync runner, inline")]
    public async Task SyncInline()
    {
        for (var i = 0; i < Runs; i++)
        {
            await _sync.RunAsync(NoOpTask.Definition, Payload, options: null, CancellationToken.None);
        }
    }

    /// <summary>
    /// 1,000 runs triggered on the in-process backend, then every one awaited to completion; a run that does not
    /// complete fails the benchmark.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Async trigger, await completion")]
    public async Task AsyncTriggerToCompletion()
    {
        var completions = new Task<TaskRunInfo>[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var handle = await _trigger.TriggerAsync(NoOpTask.Definition, Payload, options: null, CancellationToken.None);
            completions[i] = _runs.WaitForCompletionAsync(handle.RunId, CompletionTimeout);
        }

        foreach (var run in await Task.WhenAll(completions))
        {
            if (run.Status != TaskRunStatus.Completed)
            {
                throw new InvalidOperationException($"Run {run.RunId} ended {run.Status}: {run.Error}");
            }
        }
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SchemaTasks.Benchmarks.Runtime;

/// <summary>
/// What a backlog of delayed runs costs the runs behind it (issue 7: "a million delayed runs do not freeze
/// triggers"): a started host whose in-process backend already holds <see cref="PendingDelayedRuns"/> runs delayed by
/// a day, then 1,000 no-op runs triggered and awaited to completion (times per run), and one
/// <see cref="ITaskRuns.ListAsync"/> of the newest 50 runs. The column <see cref="RatioToNoBacklogColumn"/> divides
/// each mean by the same benchmark's mean with no backlog, so it reads as the slowdown the backlog causes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByMethod)]
[Config(typeof(RatioToNoBacklogConfig))]
public class DelayedBacklogBenchmarks
{
    private const int Runs = 1_000;

    // Far beyond any benchmark: the backlog must not start, or expire, while it is measured.
    private static readonly TriggerOptions DelayedADay = new() { Delay = TimeSpan.FromDays(1) };

    // A safety net: a run that never completes fails the benchmark instead of hanging it.
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(30);

    private static readonly TaskRunQuery NewestPage = new() { Take = 50 };

    private static readonly NoOpPayload Payload = new(42);

    private IHost _host = null!;
    private ITaskTrigger _trigger = null!;
    private ITaskRuns _runs = null!;

    /// <summary>Runs already waiting, delayed by a day, in the host when the measured work starts.</summary>
    [Params(0, 100_000, 1_000_000)]
    public int PendingDelayedRuns { get; set; }

    /// <summary>
    /// Starts the host (async mode set in code), triggers the backlog, one delayed run after another, each trigger
    /// awaited (the backlog is the state the backend holds, not a burst still being absorbed), then completes one page
    /// of runs.
    /// </summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSchemaTasks(options =>
        {
            options.Mode = TaskRunMode.Async;
            // The default bound (1,000,000) would refuse the measured triggers once the largest backlog is in.
            options.MaxUnfinishedRuns = int.MaxValue;
        }).AddTask(NoOpTask.Definition);
        _host = builder.Build();
        await _host.StartAsync();
        _trigger = _host.Services.GetRequiredService<ITaskTrigger>();
        _runs = _host.Services.GetRequiredService<ITaskRuns>();
        for (var i = 0; i < PendingDelayedRuns; i++)
        {
            await _trigger.TriggerAsync(NoOpTask.Definition, Payload, DelayedADay, CancellationToken.None);
        }

        // Newer than the backlog, so that every ListAsync returns the same full page, whatever the backlog.
        for (var i = 0; i < NewestPage.Take; i++)
        {
            var handle = await _trigger.TriggerAsync(NoOpTask.Definition, Payload, options: null, CancellationToken.None);
            await _runs.WaitForCompletionAsync(handle.RunId, CompletionTimeout);
        }
    }

    /// <summary>Stops the host, which ends the backlog.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>
    /// 1,000 runs triggered on the in-process backend, then every one awaited to completion; a run that does not
    /// complete fails the benchmark.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Trigger, await completion (per run)")]
    public async Task TriggerToCompletion()
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

    /// <summary>The newest 50 runs, as a dashboard lists them.</summary>
    [Benchmark(Description = "ListAsync, Take = 50")]
    public Task<IReadOnlyList<TaskRunInfo>> ListNewestPage() => _runs.ListAsync(NewestPage, CancellationToken.None);

    /// <summary>Adds <see cref="RatioToNoBacklogColumn"/>; the attribute needs a config type to do it.</summary>
    internal sealed class RatioToNoBacklogConfig : ManualConfig
    {
        /// <summary>The config with the one column.</summary>
        public RatioToNoBacklogConfig() => AddColumn(new RatioToNoBacklogColumn(nameof(PendingDelayedRuns)));
    }
}

using BenchmarkDotNet.Attributes;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// The no-op workload side by side (issue 12): one producer triggers <see cref="Runs"/> runs, and the invocation ends
/// when every run's body has run. SchemaTasks goes through the generated <c>IPingTasker</c> (validation on trigger and
/// before the attempt, the payload as JSON in between) on the in-process backend, queue limit 100; Quartz's RAM store
/// gets 100 threads, Hangfire.InMemory 100 workers. Plus the trigger alone (one producer, enqueue only; the runs are
/// drained after the measured loop), and the trigger proper (the same loop with the queue held full, so that no run
/// executes while it is timed). Times are per run (<c>OperationsPerInvoke</c>): runs per second = 1 s / Mean,
/// shown in the <c>Runs/s</c> column; <c>Ratio</c> is each peer's time per run over SchemaTasks'.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RunsPerSecondConfig))]
public class PeerThroughputBenchmarks
{
    /// <summary>Runs per invocation.</summary>
    public const int Runs = 10_000;

    /// <summary>The ping queue's <c>ConcurrencyLimit</c> (<see cref="PingTaskConfig"/>): the holding runs that fill it.</summary>
    private const int QueueSlots = 100;

    private PingPayload[] _payloads = null!;
    private IHost _host = null!;
    private IPingTasker _tasker = null!;
    private IScheduler _quartz = null!;
    private BackgroundJobServer _hangfireServer = null!;
    private BackgroundJobClient _hangfire = null!;
    private InMemoryStorage _hangfireStorage = null!;
    private Task _drain = Task.CompletedTask;

    /// <summary>Builds the payloads every target triggers.</summary>
    private void CreatePayloads() =>
        _payloads = [.. Enumerable.Range(0, Runs).Select(i => new PingPayload(i, "tenant-" + (i % 16)))];

    /// <summary>A console host as an application has it, with its logging providers cleared, and the generated tasker registered.</summary>
    [GlobalSetup(Targets = [nameof(SchemaTasksEndToEnd), nameof(SchemaTasksTriggerOnly), nameof(SchemaTasksTriggerProper)])]
    public async Task SetupSchemaTasksAsync()
    {
        CreatePayloads();
        _host = await PingHost.StartAsync(options => options.Mode = TaskRunMode.Async);
        _tasker = _host.Services.GetRequiredService<IPingTasker>();
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup(Targets = [nameof(SchemaTasksEndToEnd), nameof(SchemaTasksTriggerOnly), nameof(SchemaTasksTriggerProper)])]
    public async Task CleanupSchemaTasksAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Quartz with its RAM store and 100 threads; the scheduler thread takes up to 100 due triggers at once.</summary>
    [GlobalSetup(Target = nameof(QuartzRamStore))]
    public async Task SetupQuartzAsync()
    {
        CreatePayloads();
        var builder = QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "benchmarks";
                // Batch acquisition, as Quartz's docs advise for many short jobs; with the default of 1 the scheduler
                // thread hands out one trigger per loop and Quartz is far slower.
                scheduler.MaxBatchSize = 100;
            });
            quartz.UseDefaultThreadPool(100);
            quartz.UseInMemoryStore();
        });
        _quartz = await builder.BuildScheduler();
        await _quartz.Start();
    }

    /// <summary>Stops Quartz.</summary>
    [GlobalCleanup(Target = nameof(QuartzRamStore))]
    public async Task CleanupQuartzAsync() => await _quartz.Shutdown(waitForJobsToComplete: true);

    /// <summary>Hangfire with its in-memory storage and 100 workers, logging off.</summary>
    [GlobalSetup(Target = nameof(HangfireInMemory))]
    public void SetupHangfire()
    {
        CreatePayloads();
        GlobalConfiguration.Configuration.UseLogProvider(new Hangfire.Logging.LogProviders.ColouredConsoleLogProvider(Hangfire.Logging.LogLevel.Fatal));
        _hangfireStorage = new InMemoryStorage();
        _hangfire = new BackgroundJobClient(_hangfireStorage);
        _hangfireServer = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 100 }, _hangfireStorage);
    }

    /// <summary>Stops Hangfire.</summary>
    [GlobalCleanup(Target = nameof(HangfireInMemory))]
    public void CleanupHangfire()
    {
        _hangfireServer.SendStop();
        _hangfireServer.Dispose();
        _hangfireStorage.Dispose();
    }

    /// <summary>SchemaTasks in process, through the generated tasker: trigger every run, then wait for the last body.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Runs, Description = "SchemaTasks in process, end to end")]
    public async Task SchemaTasksEndToEnd()
    {
        var done = RunCountdown.Start(Runs);
        foreach (var payload in _payloads)
        {
            await _tasker.PingAsync(payload);
        }

        await RunCountdown.WaitAsync(done);
    }

    /// <summary>Quartz RAM store: schedule every run to fire now, then wait for the last body.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Quartz 4.7.3 RAM store, 100 threads")]
    public async Task QuartzRamStore()
    {
        var done = RunCountdown.Start(Runs);
        foreach (var payload in _payloads)
        {
            var job = JobBuilder.Create<PingQuartzJob>().UsingJobData("sequence", payload.Sequence).UsingJobData("tenant", payload.Tenant).Build();
            await _quartz.ScheduleJob(job, TriggerBuilder.Create().StartNow().Build());
        }

        await RunCountdown.WaitAsync(done);
    }

    /// <summary>Hangfire.InMemory: enqueue every run, then wait for the last body.</summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "Hangfire.InMemory, 100 workers")]
    public async Task HangfireInMemory()
    {
        var done = RunCountdown.Start(Runs);
        foreach (var payload in _payloads)
        {
            _hangfire.Enqueue(() => PingHangfireJob.Run(payload));
        }

        await RunCountdown.WaitAsync(done);
    }

    /// <summary>
    /// The trigger alone: one producer through the generated tasker (validation, JSON, the stored run, the queue), the
    /// runs executing meanwhile as they would; waiting for them is left to the iteration's cleanup.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "SchemaTasks trigger alone (enqueue only)")]
    public async Task SchemaTasksTriggerOnly()
    {
        _drain = RunCountdown.Start(Runs);
        await TriggerEveryPayloadAsync();
    }

    /// <summary>The one producer's loop of both trigger rows: every payload through the generated tasker, in order.</summary>
    private async Task TriggerEveryPayloadAsync()
    {
        foreach (var payload in _payloads)
        {
            await _tasker.PingAsync(payload);
        }
    }

    /// <summary>Lets the runs of the last trigger-only invocation finish before the next one is timed.</summary>
    [IterationCleanup(Target = nameof(SchemaTasksTriggerOnly))]
    public void DrainTriggeredRuns() => RunCountdown.WaitAsync(_drain).GetAwaiter().GetResult();

    /// <summary>
    /// Fills the ping queue before the trigger proper is timed: one holding run per slot, each executing and waiting
    /// for <see cref="QueueHold.Release"/>, so that every ping triggered next stays queued behind them.
    /// </summary>
    [IterationSetup(Target = nameof(SchemaTasksTriggerProper))]
    public void HoldQueue()
    {
        var allHeld = QueueHold.Arm(QueueSlots);
        for (var i = 0; i < QueueSlots; i++)
        {
            _tasker.HoldAsync(_payloads[i]).GetAwaiter().GetResult();
        }

        allHeld.WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The trigger proper: the same producer loop as <see cref="SchemaTasksTriggerOnly"/> (validation, JSON, the stored
    /// run, the queue's signal), with the queue held full by <see cref="HoldQueue"/>, so that no run executes, and no
    /// worker allocates or takes a lock, while it is timed. The queue's limit holds them back, as it would any burst
    /// larger than the limit; the runs execute in the iteration's cleanup.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Runs, Description = "SchemaTasks trigger proper (queue held, no run executing)")]
    public async Task SchemaTasksTriggerProper()
    {
        _drain = RunCountdown.Start(Runs);
        await TriggerEveryPayloadAsync();
    }

    /// <summary>Releases the holding runs and waits for the queued runs to execute, outside the timing.</summary>
    [IterationCleanup(Target = nameof(SchemaTasksTriggerProper))]
    public void ReleaseQueue()
    {
        QueueHold.Release();
        RunCountdown.WaitAsync(_drain).GetAwaiter().GetResult();
    }
}

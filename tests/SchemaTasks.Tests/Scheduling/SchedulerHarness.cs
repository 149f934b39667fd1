using Microsoft.Extensions.Options;
using SchemaTasks.Scheduling;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>
/// A <see cref="CronScheduler"/> on fakes and an observable fake clock. Moving the clock waits until every
/// schedule whose timer fired has settled on its next wait, so that what it dispatched can be asserted at once.
/// </summary>
internal sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly List<DateTimeOffset> _pendingTimers = [];
    private readonly TaskRunMode _mode;
    private readonly bool _fallbackToSync;
    private CronScheduler? _scheduler;

    public SchedulerHarness(DateTimeOffset start, TaskRunMode mode = TaskRunMode.Async, bool fallbackToSync = true, IScheduleStateStore? store = null)
    {
        Clock = new ObservableFakeTimeProvider(start);
        Runs = new FakeTaskRuns();
        Trigger = new FakeTaskTrigger(Runs);
        Runner = new FakeSyncTaskRunner();
        Store = store ?? new InMemoryScheduleStateStore();
        _mode = mode;
        _fallbackToSync = fallbackToSync;
    }

    public ObservableFakeTimeProvider Clock { get; }

    public FakeTaskRuns Runs { get; }

    public FakeTaskTrigger Trigger { get; }

    public FakeSyncTaskRunner Runner { get; }

    public IScheduleStateStore Store { get; }

    public RecordingLogger<CronScheduler> Log { get; } = new();

    public int InlineRunsInFlight => _scheduler?.InlineRunsInFlight ?? 0;

    public static TaskDefinition<ScheduledRun> Scheduled(string cron, string timeZone = "UTC", bool skipIfActive = false, string id = "billing.monthly-proration.schedule") =>
        new(id, static (_, _, _, _) => Task.CompletedTask, schedule: new ScheduleOptions(cron, timeZone, skipIfActive));

    public CronScheduler Create(params TaskDefinition[] tasks)
    {
        var context = new TaskerContext(Options.Create(new SchemaTasksOptions { Mode = _mode, FallbackToSync = _fallbackToSync }));
        return new CronScheduler(tasks, context, Trigger, Runner, Runs, Store, Clock, Log);
    }

    /// <summary>Starts a scheduler and waits until each of its schedules waits for its next occurrence.</summary>
    public async Task StartAsync(params TaskDefinition[] tasks)
    {
        _scheduler = Create(tasks);
        await _scheduler.StartAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < _scheduler.Loops.Count; i++)
        {
            _pendingTimers.Add(await Clock.NextTimerAsync());
        }
    }

    /// <summary>Moves the clock to <paramref name="target"/> in one step and waits for the schedules to settle.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target)
    {
        var firing = _pendingTimers.RemoveAll(due => due <= target);
        Clock.SetUtcNow(target);
        for (var i = 0; i < firing; i++)
        {
            _pendingTimers.Add(await Clock.NextTimerAsync());
        }
    }

    public async Task StopAsync()
    {
        if (_scheduler is { } scheduler)
        {
            _scheduler = null;
            await scheduler.StopAsync(TestContext.Current.CancellationToken);
            scheduler.Dispose();
            _pendingTimers.Clear();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

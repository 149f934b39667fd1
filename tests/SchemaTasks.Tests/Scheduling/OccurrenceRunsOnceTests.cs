using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Scheduling;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>
/// An occurrence dispatched twice runs once: by two hosts on one run store, or again by a restarted scheduler whose
/// state write was lost. Real hosts and runtime; the shared <see cref="InMemoryTaskRunStore"/> stands for a durable store.
/// </summary>
public sealed class OccurrenceRunsOnceTests
{
    private const string TaskId = "reports.hourly";
    private static readonly DateTimeOffset Due = Utc("2025-01-01T10:00:00");

    // After dispatching, a loop waits for 11:00 in steps of ScheduleLoop.MaxWait: its first timer is due a step from now.
    private static readonly DateTimeOffset SettledAfterDue = Due + ScheduleLoop.MaxWait;

    private readonly ObservableFakeTimeProvider _clock = new(Utc("2025-01-01T09:59:30"));
    private readonly Channel<string> _executed = Channel.CreateUnbounded<string>();
    private int _executions;

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task Two_hosts_on_one_run_store_run_an_occurrence_once(TaskRunMode mode)
    {
        var runStore = new InMemoryTaskRunStore(_clock);
        var (first, firstLogs) = BuildHost(mode, runStore, new InMemoryScheduleStateStore());
        var (second, secondLogs) = BuildHost(mode, runStore, new InMemoryScheduleStateStore());
        using (first)
        using (second)
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await second.StartAsync(TestContext.Current.CancellationToken);
            await _clock.WaitForTimerDueAsync(Due);
            await _clock.WaitForTimerDueAsync(Due);

            _clock.SetUtcNow(Due);
            await _clock.WaitForTimerDueAsync(SettledAfterDue);
            await _clock.WaitForTimerDueAsync(SettledAfterDue);
            await CompletionAsync(runStore, await NextExecutedAsync());

            // Stopping drains the inline runs (sync mode): whatever either host started has ended.
            await first.StopAsync(TestContext.Current.CancellationToken);
            await second.StopAsync(TestContext.Current.CancellationToken);
        }

        var dispatched = mode == TaskRunMode.Async ? 3001 : 3002;
        Assert.Single(firstLogs.WithId(dispatched));
        Assert.Single(secondLogs.WithId(dispatched));
        AssertRanOnceWithKey(await runStore.ListAsync(new TaskRunQuery { TaskId = TaskId }, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task A_restart_that_lost_the_state_write_dispatches_the_occurrence_again_and_it_runs_once(TaskRunMode mode)
    {
        var runStore = new InMemoryTaskRunStore(_clock);
        var stateStore = new LosingScheduleStateStore(new ScheduleState(Utc("2025-01-01T09:00:00"), null));
        var (before, _) = BuildHost(mode, runStore, stateStore);
        using (before)
        {
            await before.StartAsync(TestContext.Current.CancellationToken);
            await _clock.WaitForTimerDueAsync(Due);
            _clock.SetUtcNow(Due);
            await _clock.WaitForTimerDueAsync(SettledAfterDue);
            await CompletionAsync(runStore, await NextExecutedAsync());
            await before.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([Due], stateStore.LostWrites);

        // The restart reads the state from before the occurrence: 10:00 is missed, and caught up at once.
        var restartedAt = Due.AddSeconds(30);
        _clock.SetUtcNow(restartedAt);
        var (after, afterLogs) = BuildHost(mode, runStore, stateStore);
        using (after)
        {
            await after.StartAsync(TestContext.Current.CancellationToken);
            await _clock.WaitForTimerDueAsync(restartedAt + ScheduleLoop.MaxWait);
            await after.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Single(afterLogs.WithId(3004));
        AssertRanOnceWithKey(await runStore.ListAsync(new TaskRunQuery { TaskId = TaskId }, TestContext.Current.CancellationToken));
    }

    private void AssertRanOnceWithKey(IReadOnlyList<TaskRunInfo> runs)
    {
        var run = Assert.Single(runs);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal("reports.hourly:2025-01-01T10:00:00Z", run.IdempotencyKey);
        Assert.Equal(1, Volatile.Read(ref _executions));
    }

    private (IHost Host, ListLoggerProvider Logs) BuildHost(TaskRunMode mode, ITaskRunStore runStore, IScheduleStateStore stateStore)
    {
        var task = new TaskDefinition<ScheduledRun>(
            TaskId,
            (_, _, context, _) =>
            {
                Interlocked.Increment(ref _executions);
                return _executed.Writer.WriteAsync(context.RunId).AsTask();
            },
            schedule: new ScheduleOptions("0 * * * *", "UTC"));
        var logs = new ListLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton(runStore);
        builder.Services.AddSingleton(stateStore);
        builder.Services.AddSchemaTasks(options => options.Mode = mode).AddTask(task);
        return (builder.Build(), logs);
    }

    private async Task<string> NextExecutedAsync() =>
        await _executed.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TestRuntime.SafetyTimeout, TestContext.Current.CancellationToken);

    private static async Task CompletionAsync(ITaskRunReader runs, string runId) =>
        await runs.WaitForCompletionAsync(runId, Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken)
            .WaitAsync(TestRuntime.SafetyTimeout, TestContext.Current.CancellationToken);

    private static DateTimeOffset Utc(string value) =>
        new(DateTime.Parse(value, CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>A durable state store that has the history from before, and loses every write (its database is down).</summary>
    private sealed class LosingScheduleStateStore(ScheduleState history) : IScheduleStateStore
    {
        private readonly List<DateTimeOffset> _lostWrites = [];

        public IReadOnlyList<DateTimeOffset> LostWrites
        {
            get
            {
                lock (_lostWrites)
                {
                    return [.. _lostWrites];
                }
            }
        }

        public Task<ScheduleState?> GetAsync(string scheduleId, CancellationToken cancellationToken = default) =>
            Task.FromResult<ScheduleState?>(history);

        public Task SetAsync(string scheduleId, ScheduleState state, CancellationToken cancellationToken = default)
        {
            lock (_lostWrites)
            {
                _lostWrites.Add(state.LastTimestamp);
            }

            throw new InvalidOperationException("the state database is down");
        }
    }
}

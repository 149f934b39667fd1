using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;

namespace SchemaTasks.Scheduling;

/// <summary>
/// Follows one schedule: waits on the <see cref="TimeProvider"/> until the next occurrence, builds its
/// <see cref="ScheduledRun"/> and dispatches it. After downtime (a start with history, or a late wake-up) it
/// runs only the most recent missed occurrence, once. A failed dispatch is logged and the loop goes on.
/// </summary>
internal sealed class ScheduleLoop
{
    /// <summary>
    /// The longest single wait. Timers cannot wait beyond ~49 days, and a monotonic timer does not count time a
    /// machine spends suspended: re-reading the clock every minute bounds how late such a wake-up can be.
    /// </summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private const int UpcomingCount = 5;

    private readonly TaskDefinition<ScheduledRun> _task;
    private readonly CronSchedule _schedule;
    private readonly bool _skipIfActive;
    private readonly ScheduledRunDispatcher _dispatcher;
    private readonly ITaskRunReader _runs;
    private readonly IScheduleStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ScheduleLoop(
        TaskDefinition<ScheduledRun> task,
        CronSchedule schedule,
        ScheduledRunDispatcher dispatcher,
        ITaskRunReader runs,
        IScheduleStateStore store,
        TimeProvider time,
        ILogger logger)
    {
        _task = task;
        _schedule = schedule;
        _skipIfActive = task.Schedule?.SkipIfActive ?? false;
        _dispatcher = dispatcher;
        _runs = runs;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled or the schedule has no more occurrences.</summary>
    /// <param name="stoppingToken">Stops the loop (in-flight inline runs are the dispatcher's).</param>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await FollowScheduleAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowScheduleAsync(CancellationToken stoppingToken)
    {
        var state = await ReadStateAsync(stoppingToken).ConfigureAwait(false);
        DateTimeOffset? lastRan = state?.LastTimestamp;
        ScheduledDispatch? previous = state?.LastRunId is { } lastRunId ? ScheduledDispatch.Enqueued(lastRunId) : null;

        // With history, every occurrence after the last one that ran is due (missed ones included); without
        // (a first start, or the in-memory store after a process restart) the schedule starts now.
        var startedAt = _time.GetUtcNow();
        DateTimeOffset? next = lastRan is { } last ? _schedule.NextAfter(last) : _schedule.NextFrom(startedAt);
        SchemaTasksLog.ScheduleStarted(_logger, _task.Id, _schedule.Cron, _schedule.TimeZoneId, next);

        while (next is { } occurrence)
        {
            var waitStartedAt = _time.GetUtcNow();
            await WaitUntilAsync(occurrence, stoppingToken).ConfigureAwait(false);

            var due = _schedule.LatestDue(occurrence, _time.GetUtcNow());
            if (due != occurrence || occurrence < waitStartedAt)
            {
                SchemaTasksLog.CatchingUp(_logger, _task.Id, occurrence, due);
            }

            var run = new ScheduledRun(_task.Id, due, lastRan, _schedule.TimeZoneId, _schedule.Upcoming(due, UpcomingCount));
            if (await TryDispatchAsync(run, previous, stoppingToken).ConfigureAwait(false) is { } dispatch)
            {
                previous = dispatch;
                lastRan = due;
                await WriteStateAsync(new ScheduleState(due, dispatch.RunId), stoppingToken).ConfigureAwait(false);
            }

            next = _schedule.NextAfter(due);
        }

        SchemaTasksLog.ScheduleEnded(_logger, _task.Id, _schedule.Cron);
    }

    /// <summary>The dispatch, or null when the occurrence was skipped or could not be dispatched.</summary>
    private async Task<ScheduledDispatch?> TryDispatchAsync(ScheduledRun run, ScheduledDispatch? previous, CancellationToken stoppingToken)
    {
        try
        {
            if (_skipIfActive && previous is not null && await previous.IsActiveAsync(_runs, stoppingToken).ConfigureAwait(false))
            {
                SchemaTasksLog.OccurrenceSkippedWhileActive(_logger, _task.Id, run.Timestamp, previous.RunId ?? "inline");
                return null;
            }

            return await _dispatcher.DispatchAsync(_task, run, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed occurrence must never end the schedule: it is logged and the next one runs.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.DispatchFailed(_logger, _task.Id, run.Timestamp, ex);
            return null;
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        // Re-reads the clock after every wait: a timer may fire early by a tick, and waits are capped.
        for (var remaining = occurrence - _time.GetUtcNow(); remaining > TimeSpan.Zero; remaining = occurrence - _time.GetUtcNow())
        {
            var wait = remaining < MaxWait ? remaining : MaxWait;
            await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<ScheduleState?> ReadStateAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _store.GetAsync(_task.Id, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            SchemaTasksLog.ScheduleStateFailed(_logger, _task.Id, ex);
            return null;
        }
    }

    private async Task WriteStateAsync(ScheduleState state, CancellationToken stoppingToken)
    {
        try
        {
            await _store.SetAsync(_task.Id, state, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            SchemaTasksLog.ScheduleStateFailed(_logger, _task.Id, ex);
        }
    }
}

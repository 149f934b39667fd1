using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using SchemaTasks.Backends;
using SchemaTasks.Execution;
using SchemaTasks.Quartz.Dispatch;
using SchemaTasks.Quartz.Jobs;
using SchemaTasks.Scheduling;

namespace SchemaTasks.Quartz;

/// <summary>
/// The Quartz.NET backend. Quartz is the durable timer and the cron engine: a delay, a retry wait and a TTL are
/// each a one-shot trigger at the computed time, a scheduled task is a cron trigger in its time zone (fired once
/// per occurrence in the cluster, and keyed by the occurrence's idempotency key on top). Runs that are ready go
/// through the <see cref="IRunQueue"/>, which holds the strict queue limits (PostgreSQL: slot leases; RAM: counts in
/// this process); the dispatch loop claims what its free capacity allows, runs each attempt through the shared
/// <see cref="TaskExecutor"/>, and sleeps on a signal (notifications, releases, timers) with a bounded poll.
/// </summary>
internal sealed class QuartzBackend : ITaskBackend, IHostedService, IAsyncDisposable
{
    internal const string TimerJobName = "schematasks-timer";
    internal const string CronJobName = "schematasks-cron";
    internal const string Group = "schematasks";

    private readonly SchemaTasksQuartzOptions _options;
    private readonly ITaskRunStore _store;
    private readonly TaskExecutor _executor;
    private readonly TaskRegistry _registry;
    private readonly IRunQueue _queue;
    private readonly QuartzSchedulerFactory _schedulerFactory;
    private readonly Lazy<ScheduledRunDispatcher> _occurrences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _attempts = new();
    private readonly CancellationTokenSource _loops = new();
    // The heartbeat outlives the dispatch loop: attempts finishing within the shutdown timeout keep their leases.
    private readonly CancellationTokenSource _heartbeats = new();
    private readonly ConcurrentDictionary<string, byte> _unservedLogged = new(StringComparer.Ordinal);
    private IScheduler? _scheduler;
    private Task _dispatch = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;
    private int _stopped;
    private int _started;

    public QuartzBackend(
        SchemaTasksQuartzOptions options,
        ITaskRunStore store,
        TaskExecutor executor,
        TaskRegistry registry,
        IRunQueue queue,
        QuartzSchedulerFactory schedulerFactory,
        Func<ScheduledRunDispatcher> occurrences,
        TimeProvider time,
        ILogger logger)
    {
        _options = options;
        _store = store;
        _executor = executor;
        _registry = registry;
        _queue = queue;
        _schedulerFactory = schedulerFactory;
        _occurrences = new Lazy<ScheduledRunDispatcher>(occurrences);
        _time = time;
        _logger = logger;
    }

    /// <summary>Attempts running on this node now.</summary>
    internal int InFlight => _inFlight.Count;

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        await _queue.StartAsync(_registry.Tasks, cancellationToken).ConfigureAwait(false);
        _scheduler = await _schedulerFactory.CreateAsync(this, cancellationToken).ConfigureAwait(false);
        await ScheduleCronTriggersAsync(_scheduler, cancellationToken).ConfigureAwait(false);
        await _scheduler.Start(cancellationToken).ConfigureAwait(false);
        _dispatch = Task.Run(() => DispatchLoopAsync(_loops.Token), CancellationToken.None);
        _heartbeat = Task.Run(() => HeartbeatLoopAsync(_heartbeats.Token), CancellationToken.None);
        QuartzBackendLog.Started(_logger, _options.NodeId, _options.IsDurable ? $"PostgreSQL, schema '{_options.Schema}'" : "RAM",
            _options.Machines.Count == 0 ? "all" : string.Join(", ", _options.Machines.Select(machine => machine.ToPresetName())));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        QuartzBackendLog.Stopping(_logger, _options.NodeId, _inFlight.Count);
        await _loops.CancelAsync().ConfigureAwait(false);
        await _dispatch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var running = Task.WhenAll(_inFlight.Values);
        try
        {
            await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout: interrupted attempts are re-queued by the executor (requeueWhenCanceled).
            await _attempts.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, CancellationToken.None)).ConfigureAwait(false);
        }

        await _heartbeats.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(true, CancellationToken.None).ConfigureAwait(false);
        }

        if (_occurrences.IsValueCreated)
        {
            await _occurrences.Value.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync().ConfigureAwait(false);
            await StopAsync(now.Token).ConfigureAwait(false);
        }

        await _queue.DisposeAsync().ConfigureAwait(false);
        if (_occurrences.IsValueCreated)
        {
            _occurrences.Value.Dispose();
        }
    }

    public async ValueTask<TaskRunHandle> EnqueueAsync(TaskRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsStopped)
        {
            throw HostStopping(request.Task.Id);
        }

        if (Volatile.Read(ref _started) == 0)
        {
            throw new TaskEnqueueException(request.Task.Id, new InvalidOperationException(
                "The Quartz backend has not started yet: start the host before triggering async runs."), TaskEnqueueFailure.BackendError);
        }

        TaskRunInfo run;
        bool created;
        try
        {
            await _queue.RegisterQueueAsync(request.Task.Queue, cancellationToken).ConfigureAwait(false);
            (var record, var creation) = await _store.CreateRunAsync(request, TaskRunMode.Async, _time, _logger, cancellationToken).ConfigureAwait(false);
            run = creation.Run;
            created = creation.Created;
            if (created)
            {
                await AdmitAsync(record.Info, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TaskEnqueueException))
        {
            throw new TaskEnqueueException(request.Task.Id, ex, IsStopped ? TaskEnqueueFailure.HostStopping : TaskEnqueueFailure.BackendError);
        }

        return new TaskRunHandle(run.RunId, run.TaskId, run.Mode);
    }

    /// <summary>A timer trigger fired (on whichever node Quartz chose).</summary>
    internal async Task OnTimerAsync(string kind, string runId, CancellationToken cancellationToken)
    {
        try
        {
            switch (kind)
            {
                case TimerJob.Release:
                    if (await _store.GetAsync(runId, cancellationToken).ConfigureAwait(false) is { Status: TaskRunStatus.Delayed, DelayUntil: { } dueAt }
                        && dueAt > _time.GetUtcNow())
                    {
                        // Rescheduled to later: the timer set for the new due time releases it.
                        break;
                    }

                    var released = await _store.TransitionAsync(new TaskRunTransition
                    {
                        RunId = runId,
                        From = [TaskRunStatus.Delayed],
                        To = TaskRunStatus.Queued,
                        At = _time.GetUtcNow(),
                        DelayUntil = null,
                    }, cancellationToken).ConfigureAwait(false);
                    if (released is not null)
                    {
                        await _queue.PublishAsync(released, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case TimerJob.Retry:
                    if (await _store.GetAsync(runId, cancellationToken).ConfigureAwait(false) is { Status: TaskRunStatus.Queued } waiting)
                    {
                        await _queue.PublishAsync(waiting, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case TimerJob.Expire:
                    var record = await _store.FindAsync(runId, cancellationToken).ConfigureAwait(false);
                    if (record is { Info.Attempts: 0 } && !record.Info.Status.IsFinal() && !(record.Info.ExpiresAt > _time.GetUtcNow()))
                    {
                        await _store.TransitionAsync(TaskExecutor.ExpiryTransition(runId, record.Info.ExpiresAt, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }
#pragma warning disable CA1031 // A timer never throws at Quartz: the run table is the truth, and the poll covers a lost wake-up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            QuartzBackendLog.TimerFailed(_logger, runId, kind, ex);
        }
    }

    /// <summary>A cron trigger fired: dispatch the occurrence (once per occurrence: its idempotency key).</summary>
    internal async Task OnOccurrenceAsync(
        string taskId, DateTimeOffset scheduledFireUtc, DateTimeOffset firedUtc, DateTimeOffset? previousFireUtc, CancellationToken cancellationToken)
    {
        if (_registry.Find(taskId) is not TaskDefinition<ScheduledRun> { Schedule: { } options } task)
        {
            return;
        }

        var schedule = CronSchedule.Parse(options.Cron, options.TimeZone);
        var scheduled = OccurrenceAt(schedule, scheduledFireUtc);
        // A misfire (the cluster was down) fires once, now, for the first occurrence it missed: the catch-up stands
        // for the most recent one instead, as in process (docs/schedules.md), and the ones between are skipped.
        var timestamp = schedule.LatestDue(scheduled, firedUtc);
        if (timestamp != scheduled)
        {
            SchemaTasks.Diagnostics.SchemaTasksLog.CatchingUp(_logger, taskId, scheduled, timestamp);
        }

        try
        {
            var previous = (await _store.ListAsync(new TaskRunQuery { TaskId = taskId, Take = 1 }, cancellationToken).ConfigureAwait(false)) is [var last] ? last : null;
            if (options.SkipIfActive && previous is { } active && !active.Status.IsFinal())
            {
                QuartzBackendLog.OccurrenceSkipped(_logger, taskId, timestamp, active.RunId);
                return;
            }

            var lastOccurrence = previousFireUtc is { } previousFire ? OccurrenceAt(schedule, previousFire) : (DateTimeOffset?)null;
            var run = new ScheduledRun(taskId, timestamp, lastOccurrence, options.TimeZone, schedule.Upcoming(timestamp, 5));
            await _occurrences.Value.DispatchAsync(task, run, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The schedule goes on with its next occurrence.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            QuartzBackendLog.OccurrenceFailed(_logger, taskId, timestamp, ex);
        }
    }

    /// <summary>
    /// The cron occurrence a firing stands for: the fire time itself, or, for a late catch-up (Quartz fires a
    /// misfired cron trigger once, now), the most recent occurrence at or before it, so that every node and every
    /// retry of the catch-up agree on its idempotency key.
    /// </summary>
    internal static DateTimeOffset OccurrenceAt(CronSchedule schedule, DateTimeOffset fireUtc)
    {
        var instant = new DateTimeOffset(fireUtc.UtcDateTime.Ticks - (fireUtc.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (schedule.NextFrom(instant) is { } exact && exact == instant)
        {
            return exact;
        }

        var first = schedule.NextFrom(instant - TimeSpan.FromDays(400));
        return first is { } f && f <= instant ? schedule.LatestDue(f, instant) : instant;
    }

    private async Task AdmitAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        var scheduler = _scheduler!;
        if (run.ExpiresAt is { } expiresAt)
        {
            await TimerJob.ScheduleAsync(scheduler, TimerJob.Expire, run.RunId, expiresAt, cancellationToken).ConfigureAwait(false);
        }

        if (run.Status == TaskRunStatus.Delayed && run.DelayUntil is { } delayUntil)
        {
            await TimerJob.ScheduleAsync(scheduler, TimerJob.Release, run.RunId, delayUntil, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _queue.PublishAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DispatchLoopAsync(CancellationToken stopping)
    {
        var lastUnservedCheck = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var free = _options.MaxConcurrentAttempts - _inFlight.Count;
                var claimedAll = false;
                if (free > 0)
                {
                    var claimed = await _queue.ClaimAsync(free, _time.GetUtcNow(), stopping).ConfigureAwait(false);
                    foreach (var run in claimed)
                    {
                        Start(run);
                    }

                    claimedAll = claimed.Count == free;
                }

                if (_time.GetUtcNow() - lastUnservedCheck > _options.PollInterval * 4)
                {
                    lastUnservedCheck = _time.GetUtcNow();
                    await LogUnservedAsync(stopping).ConfigureAwait(false);
                }

                if (!claimedAll)
                {
                    await _queue.WaitForWorkAsync(_options.PollInterval, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop outlives a lost connection: it logs, waits a moment, and claims again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                QuartzBackendLog.DispatchFailed(_logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Start(ClaimedRun run)
    {
        var attempt = Task.Run(() => RunAttemptAsync(run), CancellationToken.None);
        _inFlight[run.RunId] = attempt;
        _ = attempt.ContinueWith(
            static (_, state) => ((RunningAttempt)state!).Forget(),
            new RunningAttempt(_inFlight, run.RunId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAttemptAsync(ClaimedRun run)
    {
        var faulted = false;
        try
        {
            var outcome = await _executor.RunAttemptAsync(run.RunId, _attempts.Token, requeueWhenCanceled: true).ConfigureAwait(false);
            if (outcome.IsRetry && !IsStopped)
            {
                if (outcome.RetryAt is { } retryAt && retryAt > _time.GetUtcNow())
                {
                    await TimerJob.ScheduleAsync(_scheduler!, TimerJob.Retry, run.RunId, retryAt, CancellationToken.None).ConfigureAwait(false);
                }
                else if (await _store.GetAsync(run.RunId, CancellationToken.None).ConfigureAwait(false) is { } waiting)
                {
                    await _queue.PublishAsync(waiting, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // The executor turns a run's problems into its status; this is a store fault, logged, and the worker goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            faulted = true;
            QuartzBackendLog.RunCrashed(_logger, run.RunId, ex);
        }
        finally
        {
            try
            {
                // After a fault the run's state is unknown: its slot expires at once and the heartbeat recovers the run
                // if it is still Executing (the retry timer, if one was due, is covered by the poll of Queued runs).
                await (faulted ? _queue.AbandonAsync(run, CancellationToken.None) : _queue.ReleaseAsync(run, CancellationToken.None)).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A lease that cannot be given back expires on its own once this node stops renewing it... or is recovered as lease-less.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                QuartzBackendLog.RunCrashed(_logger, run.RunId, ex);
            }
        }
    }

    /// <summary>
    /// A run canceled (or timed out) from another node is final in the store while its attempt still runs here: the
    /// heartbeat cancels that attempt's token, as <see cref="ITaskRuns.CancelAsync"/> does on the node it is called on.
    /// </summary>
    private async Task CancelAttemptsEndedElsewhereAsync(CancellationToken stopping)
    {
        foreach (var runId in _inFlight.Keys)
        {
            if (await _store.GetAsync(runId, stopping).ConfigureAwait(false) is { } run && run.Status.IsFinal())
            {
                _executor.TryCancelAttempt(runId);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask OnRunRescheduledAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scheduler = _scheduler ?? throw new InvalidOperationException("The Quartz backend has not started.");
        if (run.ExpiresAt is { } expiresAt)
        {
            await TimerJob.ScheduleAsync(scheduler, TimerJob.Expire, run.RunId, expiresAt, cancellationToken).ConfigureAwait(false);
        }

        // The timer of the old due time finds the run not yet due and leaves it.
        await TimerJob.ScheduleAsync(scheduler, TimerJob.Release, run.RunId, run.DelayUntil ?? _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.LeaseTimeout / 3);
        do
        {
            try
            {
                var recovered = await _queue.HeartbeatAsync(_time.GetUtcNow(), [.. _inFlight.Keys], stopping).ConfigureAwait(false);
                if (recovered.Count > 0)
                {
                    QuartzBackendLog.RunsRecovered(_logger, recovered.Count, string.Join(", ", recovered));
                }

                await CancelAttemptsEndedElsewhereAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed heartbeat is retried at the next tick.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                QuartzBackendLog.HeartbeatFailed(_logger, _options.NodeId, ex);
            }
        }
        while (await WaitTickAsync(timer, stopping).ConfigureAwait(false));
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LogUnservedAsync(CancellationToken cancellationToken)
    {
        foreach (var run in await _queue.UnservedAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            if (_unservedLogged.TryAdd(run.RunId, 0))
            {
                QuartzBackendLog.MachineNotServed(_logger, run.RunId, run.Machine.ToPresetName());
            }
        }
    }

    private async Task ScheduleCronTriggersAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var task in _registry.Tasks)
        {
            if (task.Schedule is { } schedule)
            {
                await CronJob.ScheduleAsync(scheduler, task.Id, schedule, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TaskEnqueueException HostStopping(string taskId) => new(taskId, new InvalidOperationException(
        "The host is stopping (or not started): the Quartz backend takes no new run, and the run is not run inline either, "
        + "which would drop its delay, TTL and queue limits."), TaskEnqueueFailure.HostStopping);

    private sealed record RunningAttempt(ConcurrentDictionary<string, Task> InFlight, string RunId)
    {
        public void Forget() => InFlight.TryRemove(RunId, out _);
    }
}

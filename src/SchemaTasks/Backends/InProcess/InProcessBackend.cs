using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The default backend: runs in this process, one <see cref="InProcessQueue"/> per queue name, payloads kept as
/// JSON in the <see cref="ITaskRunStore"/> between trigger and attempt. Delays, TTLs and retry waits are entries
/// of one <see cref="DueActions"/> queue on the <see cref="TimeProvider"/>. Not durable: runs that have not
/// finished when the process ends are lost (a graceful stop records them <see cref="TaskRunStatus.Canceled"/>).
/// At most <see cref="SchemaTasksOptions.MaxUnfinishedRuns"/> runs are held unfinished.
/// </summary>
internal sealed class InProcessBackend : ITaskBackend, IAsyncDisposable, IDisposable
{
    private static readonly TaskRunStatus[] Waiting = [TaskRunStatus.Delayed, TaskRunStatus.Queued];
    private static readonly TaskRunStatus[] WaitingOrRunning = [TaskRunStatus.Delayed, TaskRunStatus.Queued, TaskRunStatus.Executing];
    private static readonly TaskRunStatus[] Running = [TaskRunStatus.Executing];

    private readonly ITaskRunStore _store;
    private readonly TaskExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxUnfinished;
    private readonly DueActions _due;
    private readonly ConcurrentDictionary<string, InProcessQueue> _queues = new(StringComparer.Ordinal);

    // Taken to create a queue and to stop: a queue is either created before the stop takes its list of queues to
    // drain, or not at all.
    private readonly Lock _lifecycle = new();

    // The runs this backend still owes an ending to (what a stop records Canceled), under _unfinishedGate: a set with
    // no node per run (a ConcurrentDictionary allocates one per add, which lives as long as the run) whose lock is held
    // for one hash operation. The count also holds the places reserved by triggers on their way in, so that the bound
    // is never passed, even by concurrent triggers.
    private readonly HashSet<string> _unfinished = new(StringComparer.Ordinal);
    private readonly Lock _unfinishedGate = new();
    private int _unfinishedCount;
    private readonly CancellationTokenSource _attempts = new();
    private int _stopped;

    public InProcessBackend(ITaskRunStore store, TaskExecutor executor, TimeProvider time, ILogger logger, int maxUnfinishedRuns = SchemaTasksOptions.DefaultMaxUnfinishedRuns)
    {
        _store = store;
        _executor = executor;
        // Every attempt of this backend shares _attempts' token: a stop cancels them through the executor's table rather
        // than through one linked token source per attempt.
        _executor.CancelAttemptsThroughTable(_attempts.Token);
        _time = time;
        _logger = logger;
        _maxUnfinished = maxUnfinishedRuns;
        _due = new DueActions(time, OnDue, action => IsUnfinished(action.RunId));
    }

    /// <summary>How long attempts get to record their cancellation once the shutdown timeout has passed.</summary>
    internal TimeSpan CancellationGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs held unfinished, with the places reserved by triggers on their way in.</summary>
    internal int UnfinishedRuns => Volatile.Read(ref _unfinishedCount);

    /// <summary>Delays, retry waits and TTLs waiting on the clock, including those of runs that have since ended.</summary>
    internal int DueActionCount => _due.Count;

    /// <summary>
    /// Attempts <paramref name="queueName"/> has dispatched and not yet seen finish (a snapshot). A test seam: a run's
    /// body may start well after its dispatch, so only this count lets a limit test fail deterministically when
    /// one run too many was let through.
    /// </summary>
    internal int DispatchedAttempts(string queueName) => _queues.TryGetValue(queueName, out var queue) ? queue.Running : 0;

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    public async ValueTask<TaskRunHandle> EnqueueAsync(TaskRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsStopped)
        {
            throw HostStopping(request.Task.Id);
        }

        if (Interlocked.Increment(ref _unfinishedCount) > _maxUnfinished)
        {
            Interlocked.Decrement(ref _unfinishedCount);
            throw new TaskEnqueueException(request.Task.Id, new InvalidOperationException(
                $"The in-process backend already holds {_maxUnfinished} unfinished runs (SchemaTasksOptions.MaxUnfinishedRuns). "
                + "Trigger more slowly, raise the bound, or use a durable backend."), TaskEnqueueFailure.BackendFull);
        }

        var admitted = false;
        try
        {
            if (_store.TryCreateFromRequest(request, TaskRunMode.Async, _time, _logger, out var runId, out var fields))
            {
                // A run without a key is always created: stored straight from the request, with no record built.
                var taskId = request.Task.Id;
                admitted = true;
                await AdmitAsync(runId, taskId, request.Options.ConcurrencyKey, fields.Status, fields.DelayUntil, fields.ExpiresAt, request.Task.Queue).ConfigureAwait(false);
                return new TaskRunHandle(runId, taskId, TaskRunMode.Async);
            }

            var (record, creation) = await _store.CreateRunAsync(request, TaskRunMode.Async, _time, _logger, cancellationToken).ConfigureAwait(false);
            if (creation.Created)
            {
                admitted = true;
                var run = record.Info;
                await AdmitAsync(run.RunId, run.TaskId, run.ConcurrencyKey, run.Status, run.DelayUntil, run.ExpiresAt, request.Task.Queue).ConfigureAwait(false);
            }

            return new TaskRunHandle(creation.Run.RunId, creation.Run.TaskId, creation.Run.Mode);
        }
        finally
        {
            if (!admitted)
            {
                // An idempotent repeat or a failed write: the place reserved above was not used.
                Interlocked.Decrement(ref _unfinishedCount);
            }
        }
    }

    /// <summary>
    /// Stops the backend: no new run is taken or dispatched, attempts in flight may finish until
    /// <paramref name="cancellationToken"/> (the host's shutdown timeout) fires, then they are cancelled and
    /// recorded Canceled; runs still waiting (queued, delayed, between attempts) are recorded Canceled too.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<InProcessQueue> queues;
        lock (_lifecycle)
        {
            if (IsStopped)
            {
                return;
            }

            Volatile.Write(ref _stopped, 1);
            queues = [.. _queues.Values];
        }

        SchemaTasksLog.BackendStopping(_logger, queues.Sum(queue => queue.Running));
        var drained = Task.WhenAll(queues.Select(queue => queue.DrainAsync()));
        try
        {
            await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            SchemaTasksLog.BackendShutdownTimedOut(_logger, queues.Sum(queue => queue.Running));
            await _attempts.CancelAsync().ConfigureAwait(false);
            // Attempts that honour their token record Canceled themselves; a task that ignores it is not waited for long.
            await Task.WhenAny(drained, Task.Delay(CancellationGrace, TimeProvider.System, CancellationToken.None)).ConfigureAwait(false);
        }

        _due.Dispose();
        await CancelUnfinishedAsync().ConfigureAwait(false);
        foreach (var queue in queues)
        {
            _ = queue.CompleteAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopNow = new CancellationTokenSource();
        await stopNow.CancelAsync().ConfigureAwait(false);
        await StopAsync(stopNow.Token).ConfigureAwait(false);
        // _attempts is cancelled, not disposed: an attempt that ignored its token may still read it, and a source
        // with no timer or wait handle holds nothing that needs disposing.
    }

    /// <summary>A user canceled the run: its timers and queue entries have nothing left to do, and its place is free.</summary>
    public ValueTask OnRunEndedAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Forget(run.RunId);
        return ValueTask.CompletedTask;
    }

    /// <summary>A delayed run has a new due time: release (and expire) it then; its old timers find it not yet due.</summary>
    public ValueTask OnRunRescheduledAsync(TaskRunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Queue is { } name && _queues.TryGetValue(name, out var queue) && IsUnfinished(run.RunId))
        {
            if (run.ExpiresAt is { } expiresAt)
            {
                _due.Add(new DueAction(DueActionKind.Expire, run.RunId, queue, run.ConcurrencyKey), expiresAt);
            }

            _due.Add(new DueAction(DueActionKind.ReleaseDelayed, run.RunId, queue, run.ConcurrencyKey), run.DelayUntil ?? _time.GetUtcNow());
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// For a container disposed synchronously (<c>ServiceProvider.Dispose()</c>): stops at once, as
    /// <see cref="DisposeAsync"/> does. The in-memory store completes synchronously, so this blocks only while
    /// attempts that ignore their token get their <see cref="CancellationGrace"/>.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static TaskEnqueueException HostStopping(string taskId) => new(taskId, new InvalidOperationException(
        "The host is stopping: the in-process backend takes no new run, and the run is not run inline either, "
        + "which would drop its delay, TTL and queue limits."), TaskEnqueueFailure.HostStopping);

    /// <summary>Holds a new run unfinished and hands it to its queue, or to the clock when it is delayed or has a TTL.</summary>
    private async Task AdmitAsync(
        string runId, string taskId, string? concurrencyKey, TaskRunStatus status, DateTimeOffset? delayUntilOrNull, DateTimeOffset? expiresAtOrNull, QueueOptions queueOptions)
    {
        lock (_unfinishedGate)
        {
            _unfinished.Add(runId);
        }

        if (QueueOf(queueOptions) is not { } queue)
        {
            // Raced with a stop that has already taken its list of queues: end the run here, as the stop would have,
            // and tell the caller, as a trigger that came a moment later would have been told.
            await CancelIfUnfinishedAsync(runId).ConfigureAwait(false);
            throw HostStopping(taskId);
        }

        if (expiresAtOrNull is { } expiresAt)
        {
            _due.Add(new DueAction(DueActionKind.Expire, runId, queue, concurrencyKey), expiresAt);
        }

        if (status == TaskRunStatus.Delayed && delayUntilOrNull is { } delayUntil)
        {
            SchemaTasksLog.RunDelayed(_logger, runId, taskId, delayUntil);
            _due.Add(new DueAction(DueActionKind.ReleaseDelayed, runId, queue, concurrencyKey), delayUntil);
        }
        else
        {
            queue.Enqueue(runId, concurrencyKey);
        }
    }

    private bool IsUnfinished(string runId)
    {
        lock (_unfinishedGate)
        {
            return _unfinished.Contains(runId);
        }
    }

    /// <summary>The queue named by <paramref name="options"/>, created on first use; null once the backend has stopped.</summary>
    private InProcessQueue? QueueOf(QueueOptions options)
    {
        if (_queues.TryGetValue(options.Name, out var existing))
        {
            return existing;
        }

        lock (_lifecycle)
        {
            if (IsStopped)
            {
                return null;
            }

            // Created under the lock, so that exactly one queue (and one dispatch loop) exists per name.
            if (!_queues.TryGetValue(options.Name, out var queue))
            {
                queue = new InProcessQueue(options, RunAttemptAsync);
                _queues[options.Name] = queue;
            }

            return queue;
        }
    }

    private async Task RunAttemptAsync(InProcessQueue queue, string runId, string? concurrencyKey)
    {
        try
        {
            var outcome = await _executor.RunAttemptCoreAsync(runId, _attempts.Token).ConfigureAwait(false);
            if (outcome.IsRetry)
            {
                // The slot is freed when this method returns; the wait happens outside the queue's limit.
                _due.Add(new DueAction(DueActionKind.Retry, runId, queue, concurrencyKey), outcome.RetryAt!.Value);
            }
            else if (outcome.Status.IsFinal())
            {
                Forget(runId);
            }
        }
        catch (Exception ex)
        {
            // The executor turns a run's own problems into a run's status; this is a store or runtime fault.
            SchemaTasksLog.BackendRunCrashed(_logger, runId, ex);
            await RecoverAfterFaultAsync(queue, runId, concurrencyKey, ex).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a fault of the store or the runtime, leaves the run in the state it earned, by what the store holds:
    /// an attempt still Executing, or a run that never started, is Failed; a retry already recorded is kept and
    /// scheduled, never overwritten.
    /// </summary>
    private async Task RecoverAfterFaultAsync(InProcessQueue queue, string runId, string? concurrencyKey, Exception fault)
    {
        try
        {
            var current = await _store.GetAsync(runId, CancellationToken.None).ConfigureAwait(false);
            if (current is { Status: TaskRunStatus.Queued, Attempts: > 0 })
            {
                _due.Add(new DueAction(DueActionKind.Retry, runId, queue, concurrencyKey), current.DelayUntil ?? _time.GetUtcNow());
                return;
            }

            if (current is { } run && !run.Status.IsFinal())
            {
                await _store.TransitionAsync(new TaskRunTransition
                {
                    RunId = runId,
                    From = run.Status == TaskRunStatus.Executing ? Running : Waiting,
                    FromAttempts = run.Attempts,
                    To = TaskRunStatus.Failed,
                    At = _time.GetUtcNow(),
                    Error = $"The in-process backend failed while running the attempt: {fault.GetType().FullName}: {fault.Message}",
                    DelayUntil = null,
                }, CancellationToken.None).ConfigureAwait(false);
            }

            Forget(runId);
        }
#pragma warning disable CA1031 // The store itself is failing: what could be recorded is, and the worker goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.BackendRunCrashed(_logger, runId, ex);
        }
    }

    /// <summary>A delay, retry wait or TTL has come (on the timer's thread, or the caller's when already due).</summary>
    private void OnDue(DueAction action)
    {
        if (IsStopped || !IsUnfinished(action.RunId))
        {
            // The run has ended (or the stop records it Canceled): its timer has nothing left to do.
            return;
        }

        switch (action.Kind)
        {
            case DueActionKind.Retry:
                action.Queue.Enqueue(action.RunId, action.ConcurrencyKey);
                break;
            case DueActionKind.ReleaseDelayed:
                _ = ReleaseAsync(action);
                break;
            case DueActionKind.Expire:
                _ = ExpireAsync(action.RunId);
                break;
        }
    }

    private async Task ReleaseAsync(DueAction action)
    {
        try
        {
            var now = _time.GetUtcNow();
            if (await _store.GetAsync(action.RunId, CancellationToken.None).ConfigureAwait(false) is { Status: TaskRunStatus.Delayed, DelayUntil: { } dueAt }
                && dueAt > now)
            {
                // Rescheduled to later: the action added for the new due time releases it.
                return;
            }

            var released = await _store.TransitionAsync(new TaskRunTransition
            {
                RunId = action.RunId,
                From = [TaskRunStatus.Delayed],
                To = TaskRunStatus.Queued,
                At = _time.GetUtcNow(),
                DelayUntil = null,
            }, CancellationToken.None).ConfigureAwait(false);
            if (released is not null)
            {
                action.Queue.Enqueue(action.RunId, action.ConcurrencyKey);
            }
            else
            {
                Forget(action.RunId);
            }
        }
#pragma warning disable CA1031 // Runs on a timer: a store fault is logged, never thrown at the timer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.BackendRunCrashed(_logger, action.RunId, ex);
        }
    }

    private async Task ExpireAsync(string runId)
    {
        try
        {
            var record = await _store.FindAsync(runId, CancellationToken.None).ConfigureAwait(false);
            if (record is null || record.Info.Attempts > 0 || record.Info.Status.IsFinal() || record.Info.ExpiresAt > _time.GetUtcNow())
            {
                // Started (a run that started never expires), already ended, or its TTL moved with a rescheduled delay:
                // nothing to do, and nothing thrown.
                return;
            }

            var expired = await _store.TransitionAsync(TaskExecutor.ExpiryTransition(runId, record.Info.ExpiresAt, _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            if (expired is not null)
            {
                // A queued copy of the run may still sit in its queue: the executor skips it (final) when dispatched.
                SchemaTasksLog.RunExpired(_logger, runId, expired.TaskId, record.Info.ExpiresAt ?? expired.UpdatedAt);
                Forget(runId);
            }
        }
#pragma warning disable CA1031 // Runs on a timer: a store fault is logged, never thrown at the timer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.BackendRunCrashed(_logger, runId, ex);
        }
    }

    private async Task CancelUnfinishedAsync()
    {
        var count = 0;
        List<string> unfinished;
        lock (_unfinishedGate)
        {
            unfinished = [.. _unfinished];
        }

        foreach (var runId in unfinished)
        {
            if (await CancelIfUnfinishedAsync(runId).ConfigureAwait(false))
            {
                count++;
            }
        }

        if (count > 0)
        {
            SchemaTasksLog.BackendCanceledPendingRuns(_logger, count);
        }
    }

    private void Forget(string runId)
    {
        bool removed;
        lock (_unfinishedGate)
        {
            removed = _unfinished.Remove(runId);
        }

        if (removed)
        {
            Interlocked.Decrement(ref _unfinishedCount);
        }
    }

    private async Task<bool> CancelIfUnfinishedAsync(string runId)
    {
        Forget(runId);
        var run = await _store.GetAsync(runId, CancellationToken.None).ConfigureAwait(false);
        if (run is null || run.Status.IsFinal())
        {
            return false;
        }

        var reason = run.Status switch
        {
            TaskRunStatus.Executing => "The host stopped and the attempt did not stop when cancelled.",
            _ when run.Attempts == 0 => "The host stopped before the run started; the in-process backend is not durable.",
            _ => "The host stopped while the run waited for its next attempt; the in-process backend is not durable.",
        };
        var canceled = await _store.TransitionAsync(new TaskRunTransition
        {
            RunId = runId,
            From = run.Status == TaskRunStatus.Executing ? WaitingOrRunning : Waiting,
            To = TaskRunStatus.Canceled,
            At = _time.GetUtcNow(),
            Error = reason,
            DelayUntil = null,
            // A stop is not a user's cancel: the key is freed so that triggering again after the restart runs again.
            ReleaseIdempotencyKey = true,
        }, CancellationToken.None).ConfigureAwait(false);
        return canceled is not null;
    }
}

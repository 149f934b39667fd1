using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The default backend: runs in this process, one <see cref="InProcessQueue"/> per queue name, payloads kept as
/// JSON in the <see cref="ITaskRunStore"/> between trigger and attempt. Delays, TTLs and retry waits are timers
/// on the <see cref="TimeProvider"/>. Not durable: runs that have not finished when the process ends are lost
/// (a graceful stop records them <see cref="TaskRunStatus.Canceled"/>).
/// </summary>
internal sealed class InProcessBackend : ITaskBackend, IAsyncDisposable
{
    private static readonly TaskRunStatus[] Waiting = [TaskRunStatus.Delayed, TaskRunStatus.Queued];
    private static readonly TaskRunStatus[] WaitingOrRunning = [TaskRunStatus.Delayed, TaskRunStatus.Queued, TaskRunStatus.Executing];

    private readonly ITaskRunStore _store;
    private readonly TaskExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, InProcessQueue> _queues = new(StringComparer.Ordinal);
    // The runs this backend still owes an ending to (what a stop records Canceled), each with the token of its
    // timers (delay, TTL, retry wait), cancelled when the run ends so that no timer outlives its run.
    private readonly ConcurrentDictionary<string, RunTimers> _unfinished = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _attempts = new();
    private int _stopped;

    public InProcessBackend(ITaskRunStore store, TaskExecutor executor, TimeProvider time, ILogger logger)
    {
        _store = store;
        _executor = executor;
        _time = time;
        _logger = logger;
    }

    /// <summary>How long attempts get to record their cancellation once the shutdown timeout has passed.</summary>
    internal TimeSpan CancellationGrace { get; set; } = TimeSpan.FromSeconds(5);

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
            throw new TaskEnqueueException(request.Task.Id,
                new InvalidOperationException("The in-process backend has stopped: the host is shutting down."));
        }

        var (record, creation) = await _store.CreateRunAsync(request, TaskRunMode.Async, _time, _logger, cancellationToken).ConfigureAwait(false);
        if (creation.Created)
        {
            await AdmitAsync(record, request.Task.Queue).ConfigureAwait(false);
        }

        return new TaskRunHandle(creation.Run.RunId, creation.Run.TaskId, creation.Run.Mode);
    }

    /// <summary>
    /// Stops the backend: no new run is taken or dispatched, attempts in flight may finish until
    /// <paramref name="cancellationToken"/> (the host's shutdown timeout) fires, then they are cancelled and
    /// recorded Canceled; runs still waiting (queued, delayed, between attempts) are recorded Canceled too.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var queues = _queues.Values.ToList();
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
        // _stopping and _attempts are cancelled, not disposed: an attempt that ignored its token may still read
        // them, and a source with no timer or wait handle holds nothing that needs disposing.
    }

    private async Task AdmitAsync(TaskRunRecord record, QueueOptions queueOptions)
    {
        var run = record.Info;
        var timers = new RunTimers(_stopping.Token);
        _unfinished.TryAdd(run.RunId, timers);
        if (IsStopped)
        {
            // Raced with a stop that has already swept: end the run here, as the sweep would have.
            await CancelIfUnfinishedAsync(run.RunId).ConfigureAwait(false);
            return;
        }

        var queue = _queues.GetOrAdd(queueOptions.Name, static (_, state) => new InProcessQueue(state.Options, state.Backend.RunAttemptAsync), (Options: queueOptions, Backend: this));
        if (run.ExpiresAt is { } expiresAt)
        {
            _ = ExpireWhenDueAsync(run.RunId, run.TaskId, expiresAt, timers.Token);
        }

        if (run.Status == TaskRunStatus.Delayed && run.DelayUntil is { } delayUntil)
        {
            SchemaTasksLog.RunDelayed(_logger, run.RunId, run.TaskId, delayUntil);
            _ = ReleaseWhenDueAsync(queue, run.RunId, run.ConcurrencyKey, delayUntil, timers.Token);
        }
        else
        {
            queue.Enqueue(run.RunId, run.ConcurrencyKey);
        }
    }

    private async Task RunAttemptAsync(InProcessQueue queue, string runId, string? concurrencyKey)
    {
        try
        {
            var outcome = await _executor.RunAttemptAsync(runId, _attempts.Token).ConfigureAwait(false);
            if (outcome.IsRetry)
            {
                // The slot is freed when this method returns; the wait happens outside the queue's limit.
                var token = _unfinished.TryGetValue(runId, out var timers) ? timers.Token : _stopping.Token;
                _ = RetryWhenDueAsync(queue, runId, concurrencyKey, outcome.RetryAt!.Value, token);
            }
            else if (outcome.Status.IsFinal())
            {
                Forget(runId);
            }
        }
        catch (Exception ex)
        {
            // The executor turns a run's own problems into a failed run; this is a store or runtime fault.
            SchemaTasksLog.BackendRunCrashed(_logger, runId, ex);
            await _store.TransitionAsync(new TaskRunTransition
            {
                RunId = runId,
                From = WaitingOrRunning,
                To = TaskRunStatus.Failed,
                At = _time.GetUtcNow(),
                Error = $"The in-process backend failed while running the attempt: {ex.GetType().FullName}: {ex.Message}",
            }, CancellationToken.None).ConfigureAwait(false);
            Forget(runId);
        }
    }

    private async Task ReleaseWhenDueAsync(InProcessQueue queue, string runId, string? concurrencyKey, DateTimeOffset dueAt, CancellationToken token)
    {
        if (!await DelayUntilAsync(dueAt, token).ConfigureAwait(false))
        {
            return;
        }

        var released = await _store.TransitionAsync(new TaskRunTransition
        {
            RunId = runId,
            From = [TaskRunStatus.Delayed],
            To = TaskRunStatus.Queued,
            At = _time.GetUtcNow(),
            DelayUntil = null,
        }, CancellationToken.None).ConfigureAwait(false);
        if (released is not null)
        {
            queue.Enqueue(runId, concurrencyKey);
        }
        else
        {
            Forget(runId);
        }
    }

    private async Task RetryWhenDueAsync(InProcessQueue queue, string runId, string? concurrencyKey, DateTimeOffset dueAt, CancellationToken token)
    {
        // An absolute due time: a clock that moved on while the attempt finished still releases the retry on time.
        if (await DelayUntilAsync(dueAt, token).ConfigureAwait(false))
        {
            queue.Enqueue(runId, concurrencyKey);
        }
    }

    private async Task ExpireWhenDueAsync(string runId, string taskId, DateTimeOffset expiresAt, CancellationToken token)
    {
        if (!await DelayUntilAsync(expiresAt, token).ConfigureAwait(false))
        {
            return;
        }

        var expired = await _store.TransitionAsync(TaskExecutor.ExpiryTransition(runId, expiresAt, _time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        if (expired is not null)
        {
            // A queued copy of the run may still sit in its queue: the executor skips it (final) when dispatched.
            SchemaTasksLog.RunExpired(_logger, runId, taskId, expiresAt);
            Forget(runId);
        }
    }

    /// <summary>Waits on the TimeProvider until <paramref name="dueAt"/>; false when the backend stopped or the run ended first.</summary>
    private async Task<bool> DelayUntilAsync(DateTimeOffset dueAt, CancellationToken token)
    {
        var delay = dueAt - _time.GetUtcNow();
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
            }

            return !IsStopped && !token.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task CancelUnfinishedAsync()
    {
        var count = 0;
        foreach (var runId in _unfinished.Keys.ToList())
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
        if (_unfinished.TryRemove(runId, out var timers))
        {
            timers.Dispose();
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
        }, CancellationToken.None).ConfigureAwait(false);
        return canceled is not null;
    }

    /// <summary>The timers of one run: a token linked to the backend's stop, cancelled when the run ends.</summary>
    private sealed class RunTimers : IDisposable
    {
        private readonly CancellationTokenSource _source;

        public RunTimers(CancellationToken stopping)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            Token = _source.Token;
        }

        // Captured once: the token stays usable (and cancelled) after the source is disposed.
        public CancellationToken Token { get; }

        public void Dispose()
        {
            _source.Cancel();
            _source.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Diagnostics;

namespace SchemaTasks.Execution;

/// <summary>
/// Runs one attempt of a stored run, the same way for every backend and for the sync runner: a new DI scope per
/// attempt, the payload read back from its JSON, validation again, the task invoked, and the outcome (completed,
/// retry with its delay and machine, failed, canceled) recorded in the <see cref="ITaskRunStore"/>. A problem of
/// one run (unknown task id, unreadable payload, a task that throws) fails that run; it never escapes to the worker.
/// </summary>
public sealed class TaskExecutor
{
    /// <summary>The reason recorded when a worker's token stops an attempt.</summary>
    public const string ShutdownCancellationReason =
        "The host stopped and the attempt did not finish within the host's shutdown timeout.";

    private static readonly TaskRunStatus[] Startable = [TaskRunStatus.Queued, TaskRunStatus.Delayed];
    private static readonly TaskRunStatus[] Running = [TaskRunStatus.Executing];

    // The outcome of nearly every attempt, by attempt number: the record is immutable, so one instance serves all runs.
    private static readonly TaskAttemptOutcome[] CompletedOutcomes =
        [.. Enumerable.Range(0, 8).Select(attempt => new TaskAttemptOutcome { Status = TaskRunStatus.Completed, Attempt = attempt })];

    private readonly TaskRegistry _registry;
    private readonly ITaskRunStore _store;

    // The in-memory store's written-out attempt reads and transitions (no record or transition object per attempt);
    // null for any other store, which gets the general calls.
    private readonly IAttemptTransitions? _attemptTransitions;
    private readonly IServiceScopeFactory _scopes;
    private readonly SchemaTasksOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly PayloadValidation _validation;

    // The attempts executing on this node, so that ITaskRuns.CancelAsync (or a durable backend told by another node)
    // can cancel an attempt's token.
    private readonly ExecutingAttempts _executing = new();

    // The long-lived worker tokens (a backend's) that cancel their attempts through _executing instead of one linked
    // source per attempt; see CancelAttemptsThroughTable.
    private readonly ConcurrentDictionary<CancellationToken, CancellationTokenRegistration> _tableCancelledWorkers = new();

    // Attempts' cancellations, reused from one attempt to the next (with the one delegate of every max-duration timer).
    private readonly AttemptCancellationPool _cancellations;

    internal TaskExecutor(
        TaskRegistry registry,
        ITaskRunStore store,
        IServiceScopeFactory scopes,
        SchemaTasksOptions options,
        TimeProvider time,
        ILogger logger,
        PayloadValidation? validation = null,
        Random? random = null)
    {
        _validation = validation ?? new PayloadValidation(scopes, registrations: null);
        _registry = registry;
        _store = store;
        _attemptTransitions = store as IAttemptTransitions;
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared;
        _cancellations = new AttemptCancellationPool(run => _ = TimeOutAsync(run));
    }

    /// <summary>
    /// Makes <paramref name="worker"/>, a backend's long-lived token, cancel its executing attempts through this
    /// executor's table when it is cancelled, instead of each attempt linking a token source to it. For a token that
    /// many attempts share: the per-attempt link is a registration on one source that every attempt contends for.
    /// </summary>
    internal void CancelAttemptsThroughTable(CancellationToken worker)
    {
        if (!worker.CanBeCanceled || _tableCancelledWorkers.ContainsKey(worker))
        {
            return;
        }

        // Added before registering: a cancel from now on finds every attempt that started without a link.
        _tableCancelledWorkers[worker] = default;
        _tableCancelledWorkers[worker] = worker.UnsafeRegister(static (state, token) => ((TaskExecutor)state!).CancelAttemptsOf(token), this);
    }

    private void CancelAttemptsOf(CancellationToken worker)
    {
        // An attempt added after this snapshot checks the token itself once it is in the table.
        foreach (var attempt in _executing.OfWorker(worker))
        {
            attempt.Cancel();
        }
    }

    /// <summary>
    /// Runs the next attempt of <paramref name="runId"/> if the run is waiting for one, and records its outcome.
    /// A run already final, unknown, expired (never started and past its TTL) or taken by another worker is
    /// skipped. When <paramref name="cancellationToken"/> stops the attempt, the run is recorded
    /// <see cref="TaskRunStatus.Canceled"/> with <paramref name="canceledReason"/>, or, when
    /// <paramref name="requeueWhenCanceled"/> is set (a durable backend, whose run must survive the restart), it is
    /// put back to <see cref="TaskRunStatus.Queued"/>, due at once, and the outcome is a retry on the same machine.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">The worker's token: host shutdown, or the sync caller's cancellation.</param>
    /// <param name="canceledReason">The error recorded when the token stops the attempt.</param>
    /// <param name="requeueWhenCanceled">Whether an attempt stopped by the token queues the run again instead of ending it.</param>
    public Task<TaskAttemptOutcome> RunAttemptAsync(
        string runId,
        CancellationToken cancellationToken,
        string canceledReason = ShutdownCancellationReason,
        bool requeueWhenCanceled = false)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return RunAttemptCoreAsync(runId, cancellationToken, canceledReason, requeueWhenCanceled).AsTask();
    }

    /// <summary>
    /// <see cref="RunAttemptAsync"/> without the <see cref="Task{TResult}"/> of an attempt that completes at once (most
    /// no-op or in-memory attempts do): what the in-process backend awaits.
    /// </summary>
    internal async ValueTask<TaskAttemptOutcome> RunAttemptCoreAsync(
        string runId,
        CancellationToken cancellationToken,
        string canceledReason = ShutdownCancellationReason,
        bool requeueWhenCanceled = false)
    {
        // The in-memory store copies the run's fields out; any other store's record is read once and dropped.
        StoredRun info;
        if (_attemptTransitions is not null)
        {
            if (!_attemptTransitions.TryRead(runId, out info))
            {
                return NotStored(runId);
            }
        }
        else if (await _store.FindAsync(runId, CancellationToken.None).ConfigureAwait(false) is { } record)
        {
            info = StoredRun.From(record);
        }
        else
        {
            return NotStored(runId);
        }

        if (info.Status.IsFinal() || info.Status == TaskRunStatus.Executing)
        {
            return new TaskAttemptOutcome { Status = info.Status, Skipped = true, Error = info.Error };
        }

        var now = _time.GetUtcNow();
        if (info.Attempts == 0 && info.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            var expired = await ExpireAsync(info, now).ConfigureAwait(false);
            return new TaskAttemptOutcome { Status = expired?.Status ?? TaskRunStatus.Expired, Skipped = true, Error = expired?.Error };
        }

        var attempt = info.Attempts + 1;

        // The max-duration timer exists before anyone can see the run Executing: whoever sees it so and then moves the
        // clock (a test's fake clock) moves it past a timer already set. It fires for the run only once it started. A
        // worker token that cannot be cancelled (an inline caller's default token) needs no link, and the attempt's
        // instance then comes from the pool.
        var linkWorker = cancellationToken.CanBeCanceled && !_tableCancelledWorkers.ContainsKey(cancellationToken);
        using var cancellation = _cancellations.Rent(cancellationToken, linkWorker, now + info.MaxDuration, _time);
        var startedInStore = _attemptTransitions is not null
            ? _attemptTransitions.TryStartAttempt(runId, info.Attempts, now)
            : await _store.TryTransitionAsync(new TaskRunTransition
            {
                RunId = runId,
                From = Startable,
                FromAttempts = info.Attempts,
                To = TaskRunStatus.Executing,
                At = now,
                Attempts = attempt,
                StartedAt = now,
                DelayUntil = null,
            }, CancellationToken.None).ConfigureAwait(false);
        if (!startedInStore)
        {
            return new TaskAttemptOutcome { Status = info.Status, Skipped = true };
        }

        var started = new StartedAttempt(runId, info.TaskId, attempt, info.Machine, info.Tags, now, info.MaxDuration);

        cancellation.Started(started);
        using var activity = StartAttemptActivity(info, attempt);
        var startTimestamp = _time.GetTimestamp();
        _executing.Add(runId, cancellation);
        if (cancellationToken.IsCancellationRequested)
        {
            // A worker token cancelled through the table may have gone through the table before this attempt was in
            // it (a no-op for a linked token, already cancelled).
            cancellation.Cancel();
        }

        TaskAttemptOutcome outcome;
        try
        {
            outcome = await RunStartedAttemptAsync(info, started, cancellation, canceledReason, requeueWhenCanceled).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not the task (its exceptions are outcomes) but the runtime: the store or a logger failed. The run still
            // leaves Executing, so that it is never a zombie that holds its idempotency key; the fault goes on up.
            await FailAfterFaultAsync(started, attempt, ex).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _executing.Remove(runId, cancellation);
        }

        var duration = _time.GetElapsedTime(startTimestamp);
        Record(outcome, info, started.Machine, activity, duration, _options.LogPayloads);
        return outcome;
    }

    private static TaskAttemptOutcome NotStored(string runId) =>
        new() { Status = TaskRunStatus.Failed, Skipped = true, Error = $"No run with id '{runId}' is stored." };

    /// <summary>
    /// Cancels the token of the attempt of <paramref name="runId"/> executing on this node, if any: what
    /// <see cref="ITaskRuns.CancelAsync"/> does after recording the run Canceled (a durable backend calls it on the
    /// node that runs the attempt). The attempt then ends as the store already says.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <returns>Whether an attempt of the run was executing here.</returns>
    public bool TryCancelAttempt(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (!_executing.TryGet(runId, out var attempt))
        {
            return false;
        }

        attempt.Cancel();
        return true;
    }

    private async ValueTask<TaskAttemptOutcome> RunStartedAttemptAsync(
        StoredRun record, StartedAttempt run, AttemptCancellationLease cancellation, string canceledReason, bool requeueWhenCanceled)
    {
        var attempt = run.Attempt;
        var task = _registry.Find(run.TaskId);
        if (task is null)
        {
            return await FailAsync(run, attempt,
                $"Run '{run.RunId}' names task '{run.TaskId}', which is not registered in this host (AddSchemaTasks().AddTask or the generated Add<Domain>Tasker).",
                exception: null, unrunnable: true).ConfigureAwait(false);
        }

        object payload;
        try
        {
            payload = task.DeserializePayload(record.PayloadJson, _options.JsonSerializerOptions);
        }
        catch (Exception ex) when (AttemptFailurePolicy.IsOutOfMemory(ex))
        {
            // Running out of memory while reading the payload is this attempt's failure like any other: the retry policy
            // moves the run to its out-of-memory machine.
            return await AfterFailureAsync(task, record, run, attempt, ex).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Reading stored text is pure: whatever a serializer or a custom converter throws means "unreadable".
            return await FailAsync(run, attempt,
                $"The stored payload of run '{run.RunId}' of task '{run.TaskId}' cannot be read as {task.PayloadType.Name}: {ex.Message}",
                ex, unrunnable: true).ConfigureAwait(false);
        }

        if (_options.LogPayloads)
        {
            SchemaTasksLog.RunPayload(_logger, run.RunId, run.TaskId, record.PayloadJson);
        }

        // The scope is disposed before the outcome is recorded, and a scoped service that fails to dispose does not
        // change what the attempt earned: a task that succeeded stays Completed, a failure keeps its retry.
        AttemptResult result;
        var scope = _scopes.CreateAsyncScope();
        try
        {
            result = await InvokeInScopeAsync(task, scope.ServiceProvider, payload, run, attempt, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            await DisposeScopeAsync(scope, run, attempt).ConfigureAwait(false);
        }

        return result switch
        {
            { InvalidPayload: { } failures } => await FailInvalidAsync(run, attempt, failures).ConfigureAwait(false),
            _ when cancellation.TimedOut => await TimedOutAsync(run, result.Exception).ConfigureAwait(false),
            { Exception: { } ex } when cancellation.WorkerToken.IsCancellationRequested => requeueWhenCanceled
                ? await RequeueAsync(run, attempt, canceledReason, ex).ConfigureAwait(false)
                : await CancelAsync(run, attempt, canceledReason, ex).ConfigureAwait(false),
            { Exception: { } ex } => await AfterFailureAsync(task, record, run, attempt, ex).ConfigureAwait(false),
            _ => await CompleteAsync(run, attempt).ConfigureAwait(false),
        };
    }

    /// <summary>Validates and invokes the task in the attempt's scope; every exception is the attempt's result, none escapes.</summary>
    private async ValueTask<AttemptResult> InvokeInScopeAsync(
        TaskDefinition task, IServiceProvider services, object payload, StartedAttempt run, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            var failures = await _validation.ValidateAttemptAsync(task, services, payload, cancellationToken).ConfigureAwait(false);
            if (failures.Count > 0)
            {
                return new AttemptResult(null, failures);
            }

            SchemaTasksLog.AttemptStarted(_logger, attempt, run.RunId, run.TaskId, run.Machine.ToPresetName());
            var context = new TaskRunContext(run.RunId, run.TaskId, attempt, run.Machine, run.Tags);
            await task.InvokeAsync(services, payload, context, cancellationToken).ConfigureAwait(false);
            return default;
        }
#pragma warning disable CA1031 // Whatever the task throws is its attempt's outcome (retry, fail, cancel), decided by the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new AttemptResult(ex, null);
        }
    }

    private async Task DisposeScopeAsync(AsyncServiceScope scope, StartedAttempt run, int attempt)
    {
        try
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A scoped service that fails to dispose is logged; the attempt keeps the outcome it earned.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.AttemptScopeDisposeFailed(_logger, attempt, run.RunId, run.TaskId, ex);
        }
    }

    private Task<TaskAttemptOutcome> FailInvalidAsync(StartedAttempt run, int attempt, IReadOnlyList<FluentValidation.Results.ValidationFailure> failures)
    {
        var errors = string.Join("; ", failures.Select(failure => failure.ErrorMessage));
        SchemaTasksLog.RunPayloadInvalid(_logger, run.RunId, run.TaskId, attempt, ValidationFailureLog.Format(failures, _options.LogPayloads));
        return FailAsync(run, attempt,
            $"The payload of run '{run.RunId}' of task '{run.TaskId}' is invalid: {errors}",
            new FluentValidation.ValidationException(failures), unrunnable: false, logged: true);
    }

    // Like every other way out of Executing: when a stop already ended the run, report what the store holds.
    /// <summary>
    /// What <see cref="LeaveExecutingAsync"/> does, written out for the one outcome of nearly every attempt: no closure,
    /// no second copy of the transition, and no Task when the store answers at once.
    /// </summary>
    private async ValueTask<TaskAttemptOutcome> CompleteAsync(StartedAttempt run, int attempt)
    {
        var at = _time.GetUtcNow();
        var left = _attemptTransitions is not null
            ? _attemptTransitions.TryCompleteAttempt(run.RunId, at, at - run.AttemptStartedAt)
            : await _store.TryTransitionAsync(
                new TaskRunTransition { RunId = run.RunId, From = Running, To = TaskRunStatus.Completed, At = at, LastAttemptDuration = at - run.AttemptStartedAt },
                CancellationToken.None).ConfigureAwait(false);
        if (!left)
        {
            return await CurrentOutcomeAsync(run.RunId, run.Attempt).ConfigureAwait(false);
        }

        SchemaTasksLog.RunCompleted(_logger, run.RunId, run.TaskId, attempt);
        return attempt < CompletedOutcomes.Length ? CompletedOutcomes[attempt] : new TaskAttemptOutcome { Status = TaskRunStatus.Completed, Attempt = attempt };
    }

    private async Task<TaskAttemptOutcome> AfterFailureAsync(TaskDefinition task, StoredRun record, StartedAttempt run, int attempt, Exception exception)
    {
        var error = Describe(exception);
        if (exception is AbortTaskRunException)
        {
            SchemaTasksLog.RunAborted(_logger, run.RunId, run.TaskId, attempt, exception.Message);
            return await FailAsync(run, attempt, error, exception, unrunnable: false, logged: true).ConfigureAwait(false);
        }

        var next = AttemptFailurePolicy.NextAttempt(task, exception, attempt, run.Machine, record.MaxAttemptsOverride, _random);
        if (next is not { } retry)
        {
            return await FailAsync(run, attempt, error, exception, unrunnable: false).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        return await LeaveExecutingAsync(
            run,
            new TaskRunTransition
            {
                RunId = run.RunId,
                From = Running,
                To = TaskRunStatus.Queued,
                At = now,
                Machine = retry.Machine,
                Error = error,
                DelayUntil = now + retry.Delay,
            },
            () =>
            {
                if (AttemptFailurePolicy.IsOutOfMemory(exception))
                {
                    SchemaTasksLog.AttemptOutOfMemoryRetrying(_logger, attempt, run.RunId, run.TaskId, run.Machine.ToPresetName(), retry.Delay, retry.Machine.ToPresetName());
                }
                else
                {
                    SchemaTasksLog.AttemptFailedRetrying(_logger, attempt, run.RunId, run.TaskId, retry.Delay, retry.Machine.ToPresetName(), exception);
                }

                return new TaskAttemptOutcome
                {
                    Status = TaskRunStatus.Queued,
                    Attempt = attempt,
                    RetryDelay = retry.Delay,
                    RetryAt = now + retry.Delay,
                    RetryMachine = retry.Machine,
                    Error = error,
                    Exception = exception,
                };
            }).ConfigureAwait(false);
    }

    private Task<TaskAttemptOutcome> FailAsync(StartedAttempt run, int attempt, string error, Exception? exception, bool unrunnable, bool logged = false) =>
        LeaveExecutingAsync(
            run,
            new TaskRunTransition { RunId = run.RunId, From = Running, To = TaskRunStatus.Failed, At = _time.GetUtcNow(), Error = error },
            () =>
            {
                if (unrunnable)
                {
                    SchemaTasksLog.RunUnrunnable(_logger, run.RunId, run.TaskId, error);
                }
                else if (!logged)
                {
                    SchemaTasksLog.RunFailed(_logger, run.RunId, run.TaskId, attempt, error, exception);
                }

                return new TaskAttemptOutcome { Status = TaskRunStatus.Failed, Attempt = attempt, Error = error, Exception = exception };
            });

    private Task<TaskAttemptOutcome> CancelAsync(StartedAttempt run, int attempt, string reason, Exception exception) =>
        LeaveExecutingAsync(
            run,
            // Only a host stop or the inline caller cancels through the token, never a user: the key is freed.
            new TaskRunTransition { RunId = run.RunId, From = Running, To = TaskRunStatus.Canceled, At = _time.GetUtcNow(), Error = reason, ReleaseIdempotencyKey = true },
            () =>
            {
                SchemaTasksLog.RunCanceled(_logger, run.RunId, run.TaskId, attempt, reason);
                return new TaskAttemptOutcome { Status = TaskRunStatus.Canceled, Attempt = attempt, Error = reason, Exception = exception };
            });

    private Task<TaskAttemptOutcome> RequeueAsync(StartedAttempt run, int attempt, string reason, Exception exception)
    {
        var now = _time.GetUtcNow();
        return LeaveExecutingAsync(
            run,
            new TaskRunTransition { RunId = run.RunId, From = Running, To = TaskRunStatus.Queued, At = now, Error = reason, DelayUntil = now },
            () =>
            {
                SchemaTasksLog.AttemptInterruptedRequeued(_logger, attempt, run.RunId, run.TaskId, reason);
                return new TaskAttemptOutcome
                {
                    Status = TaskRunStatus.Queued,
                    Attempt = attempt,
                    RetryDelay = TimeSpan.Zero,
                    RetryAt = now,
                    RetryMachine = run.Machine,
                    Error = reason,
                    Exception = exception,
                };
            });
    }

    /// <summary>
    /// Records how an attempt of <paramref name="run"/> (as it started) ends: <paramref name="transition"/>, from
    /// Executing, with how long the attempt ran; <paramref name="recorded"/> logs and describes it once stored. When the
    /// run is no longer Executing, someone else ended it while the attempt ran (a stop, a user's cancel, its max
    /// duration): theirs is the final word, and the outcome is what the store holds.
    /// </summary>
    private async Task<TaskAttemptOutcome> LeaveExecutingAsync(StartedAttempt run, TaskRunTransition transition, Func<TaskAttemptOutcome> recorded)
    {
        var left = await _store.TryTransitionAsync(transition with { LastAttemptDuration = transition.At - run.AttemptStartedAt }, CancellationToken.None).ConfigureAwait(false);
        return left
            ? recorded()
            : await CurrentOutcomeAsync(transition.RunId, run.Attempt).ConfigureAwait(false);
    }

    /// <summary>At the max duration (on the timer): the run ends TimedOut now, whether or not the task honours its token.</summary>
    private async Task TimeOutAsync(StartedAttempt run)
    {
        try
        {
            var limit = run.MaxDuration!.Value;
            var timedOut = await _store.TransitionAsync(new TaskRunTransition
            {
                RunId = run.RunId,
                From = Running,
                FromAttempts = run.Attempt,
                To = TaskRunStatus.TimedOut,
                At = _time.GetUtcNow(),
                Error = $"Attempt {run.Attempt} ran longer than the max duration of {limit}; its token was cancelled and the run is not retried.",
                LastAttemptDuration = limit,
            }, CancellationToken.None).ConfigureAwait(false);
            if (timedOut is not null)
            {
                SchemaTasksLog.RunTimedOut(_logger, run.RunId, run.TaskId, run.Attempt, limit);
            }
        }
#pragma warning disable CA1031 // Runs on a timer: a store fault is logged; the attempt's own ending records what it can.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.RunTimeOutFailed(_logger, run.RunId, run.TaskId, ex);
        }
    }

    /// <summary>The attempt returned after its max duration: the run already ended TimedOut; says so if the task ignored its token.</summary>
    private async Task<TaskAttemptOutcome> TimedOutAsync(StartedAttempt run, Exception? exception)
    {
        if (exception is not OperationCanceledException)
        {
            // It returned (or failed) without honouring its token: it held its queue slot past the limit until now.
            SchemaTasksLog.TaskIgnoredTimeout(_logger, run.TaskId, run.RunId, run.MaxDuration!.Value, _time.GetUtcNow() - run.AttemptStartedAt);
        }

        return await LeaveExecutingAsync(
            run,
            new TaskRunTransition
            {
                RunId = run.RunId,
                From = Running,
                To = TaskRunStatus.TimedOut,
                At = _time.GetUtcNow(),
                Error = $"Attempt {run.Attempt} ran longer than the max duration of {run.MaxDuration}; its token was cancelled and the run is not retried.",
            },
            () => new TaskAttemptOutcome { Status = TaskRunStatus.TimedOut, Attempt = run.Attempt, Error = "timed out", Exception = exception }).ConfigureAwait(false);
    }

    private async Task FailAfterFaultAsync(StartedAttempt run, int attempt, Exception fault)
    {
        try
        {
            await _store.TransitionAsync(new TaskRunTransition
            {
                RunId = run.RunId,
                From = Running,
                FromAttempts = attempt,
                To = TaskRunStatus.Failed,
                At = _time.GetUtcNow(),
                Error = $"The runtime failed while recording attempt {attempt}: {Describe(fault)}",
            }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The store is what failed: the original fault is what the caller needs to see.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task<TaskRunInfo?> ExpireAsync(StoredRun info, DateTimeOffset now)
    {
        var expired = await _store.TransitionAsync(ExpiryTransition(info.RunId, info.ExpiresAt, now), CancellationToken.None).ConfigureAwait(false);
        if (expired is not null)
        {
            SchemaTasksLog.RunExpired(_logger, info.RunId, info.TaskId, info.ExpiresAt ?? now);
            return expired;
        }

        return await _store.GetAsync(info.RunId, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The transition that expires a run that never started: only from Delayed or Queued with no attempt.</summary>
    internal static TaskRunTransition ExpiryTransition(string runId, DateTimeOffset? expiresAt, DateTimeOffset now) => new()
    {
        RunId = runId,
        From = Startable,
        FromAttempts = 0,
        To = TaskRunStatus.Expired,
        At = now,
        Error = $"The run did not start before its TTL ended at {expiresAt ?? now:O}.",
        DelayUntil = null,
    };

    private async Task<TaskAttemptOutcome> CurrentOutcomeAsync(string runId, int attempt)
    {
        var current = await _store.GetAsync(runId, CancellationToken.None).ConfigureAwait(false);
        return new TaskAttemptOutcome { Status = current?.Status ?? TaskRunStatus.Failed, Attempt = attempt, Error = current?.Error };
    }

    private static Activity? StartAttemptActivity(in StoredRun record, int attempt)
    {
        ActivityContext.TryParse(record.TraceParent, null, out var parent);
        var activity = SchemaTasksTelemetry.ActivitySource.StartActivity(SchemaTasksTelemetry.AttemptActivityName, ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.DisplayName = $"attempt {record.TaskId}";
            activity.SetTag(SchemaTasksTelemetry.TaskIdTag, record.TaskId);
            activity.SetTag(SchemaTasksTelemetry.RunIdTag, record.RunId);
            activity.SetTag(SchemaTasksTelemetry.AttemptTag, attempt);
            activity.SetTag(SchemaTasksTelemetry.QueueTag, record.Queue);
            activity.SetTag(SchemaTasksTelemetry.ModeTag, SchemaTasksTelemetry.ModeName(record.Mode));
        }

        return activity;
    }

    private static void Record(TaskAttemptOutcome outcome, in StoredRun record, Machine machine, Activity? activity, TimeSpan duration, bool logPayloads)
    {
        if (activity is null && !SchemaTasksTelemetry.AttemptDuration.Enabled && RunCounter(outcome)?.Enabled != true)
        {
            // Nobody listens: the tags and the outcome's name would be built for nothing, on every attempt.
            return;
        }

        var outcomeName = outcome.IsRetry ? "retrying" : outcome.Status.ToString().ToLowerInvariant();
        var tags = new TagList
        {
            { SchemaTasksTelemetry.TaskIdTag, record.TaskId },
            { SchemaTasksTelemetry.QueueTag, record.Queue },
            { SchemaTasksTelemetry.MachineTag, machine.ToPresetName() },
            { SchemaTasksTelemetry.ModeTag, SchemaTasksTelemetry.ModeName(record.Mode) },
        };
        SchemaTasksTelemetry.AttemptDuration.Record(duration.TotalSeconds, [.. tags, new(SchemaTasksTelemetry.OutcomeTag, outcomeName)]);
        RunCounter(outcome)?.Add(1, tags);

        if (activity is not null)
        {
            activity.SetTag(SchemaTasksTelemetry.MachineTag, machine.ToPresetName());
            activity.SetTag(SchemaTasksTelemetry.OutcomeTag, outcomeName);
            if (outcome.Status is TaskRunStatus.Failed or TaskRunStatus.Canceled or TaskRunStatus.TimedOut || outcome.IsRetry)
            {
                activity.SetStatus(ActivityStatusCode.Error, ValidationFailureLog.AttemptSpanStatus(outcome, logPayloads));
            }
        }
    }

    /// <summary>The counter an outcome counts in, if any (and whether <see cref="Record"/> has a listener to build tags for).</summary>
    private static System.Diagnostics.Metrics.Counter<long>? RunCounter(TaskAttemptOutcome outcome) => outcome.Status switch
    {
        TaskRunStatus.Completed => SchemaTasksTelemetry.RunsCompleted,
        TaskRunStatus.Failed => SchemaTasksTelemetry.RunsFailed,
        TaskRunStatus.Queued when outcome.IsRetry => SchemaTasksTelemetry.RunsRetried,
        _ => null,
    };

    /// <summary>What a task's attempt came to: nothing (it completed), an invalid payload, or an exception.</summary>
    private readonly record struct AttemptResult(Exception? Exception, IReadOnlyList<FluentValidation.Results.ValidationFailure>? InvalidPayload);

    private static string Describe(Exception exception) => $"{exception.GetType().FullName}: {exception.Message}";
}

using FluentValidation;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks;

/// <summary>
/// The sync path: validates (throws), records the run (<see cref="TaskRunMode.Sync"/>) in the store, and runs its
/// attempts inline through the same <see cref="TaskExecutor"/> as the backends, one DI scope per attempt.
/// A failed attempt is retried <b>at once</b> while the retry policy (and <see cref="TriggerOptions.MaxAttempts"/>)
/// allows: the computed delay is not awaited, because a caller is waiting on the result. Honoured inline:
/// idempotency key, max attempts, machine (recorded), tags. Not honoured, and logged once per task and option:
/// delay, TTL, concurrency key (and the queue's limits, which apply to enqueued runs only). An idempotent repeat
/// reports how the earlier run ends, waiting for it when it is still running.
/// </summary>
internal sealed class SyncTaskRunner(
    TaskExecutor executor,
    ITaskRunStore store,
    PayloadValidation validation,
    SchemaTasksOptions options,
    TimeProvider time,
    SyncOptionWarnings warnings,
    ILogger logger) : ISyncTaskRunner
{
    internal const string CallerCanceledReason = "The caller cancelled the inline run.";

    public async Task<TaskRunHandle> RunAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? triggerOptionsOrNull, CancellationToken cancellationToken)
        where TPayload : notnull
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(payload);
        var triggerOptions = TriggerOptionsGuard.Check(triggerOptionsOrNull);

        using var activity = TriggerSpan.Start(task, TaskRunMode.Sync);
        try
        {
            await validation.ThrowIfInvalidAsync(task, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            TriggerSpan.SetOutcome(activity, "invalid", ValidationFailureLog.Format(ex.Errors, options.LogPayloads));
            throw;
        }

        warnings.ReportUnhonoured(task.Id, triggerOptions, logger);
        var request = new TaskRunRequest(task, task.SerializePayload(payload, options.JsonSerializerOptions), triggerOptions);
        TaskRunHandle handle;
        if (store.TryCreateFromRequest(request, TaskRunMode.Sync, time, logger, out var runId, out _))
        {
            handle = new TaskRunHandle(runId, task.Id, TaskRunMode.Sync);
        }
        else
        {
            var (_, creation) = await store.CreateRunAsync(request, TaskRunMode.Sync, time, logger, cancellationToken).ConfigureAwait(false);
            var run = creation.Run;
            handle = new TaskRunHandle(run.RunId, run.TaskId, run.Mode);
            if (!creation.Created)
            {
                return await AwaitEarlierRunAsync(handle, run, cancellationToken).ConfigureAwait(false);
            }
        }

        while (true)
        {
            var outcome = await executor.RunAttemptCoreAsync(handle.RunId, cancellationToken, CallerCanceledReason).ConfigureAwait(false);
            if (outcome.IsRetry)
            {
                SchemaTasksLog.SyncRetryingImmediately(logger, outcome.Attempt, handle.RunId, handle.TaskId);
                continue;
            }

            if (outcome.Status == TaskRunStatus.Completed)
            {
                return handle;
            }

            // Read back for the caller; should history have forgotten the run already, the outcome says how it ended.
            var ended = await store.GetAsync(handle.RunId, CancellationToken.None).ConfigureAwait(false)
                ?? new TaskRunInfo
                {
                    RunId = handle.RunId, TaskId = handle.TaskId, Mode = TaskRunMode.Sync, Status = outcome.Status, Attempts = outcome.Attempt, Error = outcome.Error,
                };
            if (ended.Status == TaskRunStatus.Canceled)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            throw new TaskRunFailedException(ended, outcome.Exception);
        }
    }

    /// <summary>
    /// An idempotent repeat: the caller is told how the earlier run ended, not "done" for work that may still fail.
    /// A run still queued or executing (another caller's, or an enqueued one) is waited for; a delayed run cannot be
    /// waited for inline and is refused with an error that says so.
    /// </summary>
    private async Task<TaskRunHandle> AwaitEarlierRunAsync(TaskRunHandle handle, TaskRunInfo earlier, CancellationToken cancellationToken)
    {
        var ended = earlier;
        if (!earlier.Status.IsFinal())
        {
            if (earlier.Status == TaskRunStatus.Delayed)
            {
                throw new InvalidOperationException(
                    $"Task '{earlier.TaskId}' was run inline with idempotency key '{earlier.IdempotencyKey}', which run '{earlier.RunId}' holds; "
                    + $"that run is delayed until {earlier.DelayUntil:O}, and the sync tasker cannot wait for it inline. "
                    + "Wait for it with ITaskRunReader.WaitForCompletionAsync, or use another idempotency key.");
            }

            ended = await store.WaitForCompletionAsync(earlier.RunId, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }

        return ended.Status == TaskRunStatus.Completed ? handle : throw new TaskRunFailedException(ended, innerException: null);
    }
}

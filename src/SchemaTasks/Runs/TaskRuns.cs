using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks;

/// <summary>
/// <see cref="ITaskRuns"/> for every backend: reads through the <see cref="ITaskRunStore"/>; cancel and reschedule
/// are compare-and-sets on the store (the store is the truth), then the backend is told (<see cref="ITaskBackend"/>'s
/// run-control hooks) and an executing attempt's token is cancelled; replay triggers the stored payload again, by
/// the tasker mode, like a generated Tasker.
/// </summary>
internal sealed class TaskRuns(
    ITaskRunStore store,
    TaskExecutor executor,
    ITaskBackend backend,
    TaskRegistry registry,
    TaskerContext tasker,
    ITaskTrigger trigger,
    ISyncTaskRunner sync,
    SchemaTasksOptions runtimeOptions,
    TimeProvider time,
    ILogger logger) : ITaskRuns
{
    internal const string DefaultCancelReason = "Canceled by a user.";

    public Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        store.GetAsync(runId, cancellationToken);

    public Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        store.WaitForCompletionAsync(runId, timeout, cancellationToken);

    public Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default) =>
        store.ListAsync(query, cancellationToken);

    public async Task<TaskRunInfo?> CancelAsync(string runId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        while (true)
        {
            var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false);
            if (run is null || run.Status.IsFinal())
            {
                return run;
            }

            // From the status just read only: if the run moved meanwhile (released, started, ended), look again.
            var canceled = await store.TransitionAsync(new TaskRunTransition
            {
                RunId = runId,
                From = [run.Status],
                FromAttempts = run.Attempts,
                To = TaskRunStatus.Canceled,
                At = time.GetUtcNow(),
                Error = reason ?? DefaultCancelReason,
                DelayUntil = null,
            }, cancellationToken).ConfigureAwait(false);
            if (canceled is null)
            {
                continue;
            }

            if (run.Status == TaskRunStatus.Executing)
            {
                // The run is already Canceled in the store: whatever the task now throws or returns, it stays so.
                executor.TryCancelAttempt(runId);
            }

            await backend.OnRunEndedAsync(canceled, cancellationToken).ConfigureAwait(false);
            SchemaTasksLog.RunCanceledByUser(logger, runId, canceled.TaskId, run.Status, canceled.Error ?? "");
            return canceled;
        }
    }

    public async Task<TaskRunHandle> ReplayAsync(string runId, TriggerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var record = await store.FindAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No run with id '{runId}' is known.");
        var task = registry.Find(record.Info.TaskId)
            ?? throw new InvalidOperationException(
                $"Run '{runId}' is a run of task '{record.Info.TaskId}', which is not registered in this host: it cannot be replayed here.");
        if (record.PayloadJson.Length == 0)
        {
            throw new InvalidOperationException(
                $"Run '{runId}' of task '{task.Id}' completed, and the in-memory run store does not keep the payloads of completed runs: "
                + "it cannot be replayed. Trigger the task again with its payload.");
        }

        object payload;
        try
        {
            payload = task.DeserializePayload(record.PayloadJson, runtimeOptions.JsonSerializerOptions);
        }
        catch (Exception ex) when (!AttemptFailurePolicy.IsOutOfMemory(ex))
        {
            throw new InvalidOperationException(
                $"The stored payload of run '{runId}' of task '{task.Id}' cannot be read as {task.PayloadType.Name}, so it cannot be replayed: {ex.Message}", ex);
        }

        var replayTag = "replay:" + runId;
        var replayOptions = (options ?? new TriggerOptions()) with
        {
            Tags = [.. record.Info.Tags.Concat(options?.Tags ?? []).Append(replayTag).Distinct(StringComparer.Ordinal)],
        };
        var handle = await task.DispatchAsync(tasker, trigger, sync, payload, replayOptions, cancellationToken).ConfigureAwait(false);
        SchemaTasksLog.RunReplayed(logger, runId, task.Id, handle.RunId);
        return handle;
    }

    public async Task<TaskRunInfo> RescheduleAsync(string runId, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        while (true)
        {
            var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No run with id '{runId}' is known.");
            if (run.Status != TaskRunStatus.Delayed)
            {
                throw new InvalidOperationException(
                    $"Run '{runId}' of task '{run.TaskId}' is {run.Status}: only a Delayed run can be rescheduled.");
            }

            var now = time.GetUtcNow();
            var dueAt = now + delay;
            var moved = await store.TransitionAsync(new TaskRunTransition
            {
                RunId = runId,
                From = [TaskRunStatus.Delayed],
                FromAttempts = run.Attempts,
                To = TaskRunStatus.Delayed,
                At = now,
                DelayUntil = dueAt,
                // The TTL counts from the end of the delay: it moves with it.
                ExpiresAt = run.ExpiresAt is { } expiresAt && run.DelayUntil is { } oldDue ? dueAt + (expiresAt - oldDue) : null,
            }, cancellationToken).ConfigureAwait(false);
            if (moved is null)
            {
                continue;
            }

            await backend.OnRunRescheduledAsync(moved, cancellationToken).ConfigureAwait(false);
            SchemaTasksLog.RunRescheduled(logger, runId, moved.TaskId, dueAt);
            return moved;
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks.Backends;

/// <summary>What every backend (and the sync runner) does to create a run, so that they all do it alike.</summary>
public static class TaskRunStoreExtensions
{
    /// <summary>
    /// Builds the record of <paramref name="request"/> (<see cref="TaskRunRecord.Create"/>) with a new run id and
    /// stores it, honouring the idempotency key; counts the run as triggered, tags the current trigger span, and
    /// logs. When an earlier run holds the key, nothing is stored and that run is returned.
    /// </summary>
    /// <param name="store">The run store.</param>
    /// <param name="request">The validated run.</param>
    /// <param name="mode">Enqueued or inline.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger of the caller.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async ValueTask<(TaskRunRecord Record, TaskRunCreation Creation)> CreateRunAsync(
        this ITaskRunStore store,
        TaskRunRequest request,
        TaskRunMode mode,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var activity = Activity.Current;
        var now = timeProvider.GetUtcNow();
        // One clock read on the system clock; a test's fake clock does not stamp ids (they sort by real creation time).
        var runId = ReferenceEquals(timeProvider, TimeProvider.System) ? RunIds.New(now.ToUnixTimeMilliseconds()) : RunIds.New();
        var record = TaskRunRecord.Create(request, runId, mode, now, activity?.Id);
        var creation = await store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        var run = creation.Run;
        Announce(activity, run.RunId, run.TaskId, run.Machine, run.Queue, run.IdempotencyKey, mode, creation.Created, logger);
        return (record, creation);
    }

    /// <summary>
    /// <see cref="CreateRunAsync"/> for a run without an idempotency key on the in-memory store, without the record and
    /// the <see cref="TaskRunInfo"/> that nobody on the in-process path reads (the store builds them if someone does).
    /// </summary>
    internal static (string RunId, NewRun Run) CreateUnkeyedRun(
        InProcess.InMemoryTaskRunStore store, TaskRunRequest request, TaskRunMode mode, TimeProvider timeProvider, ILogger logger)
    {
        var activity = Activity.Current;
        var now = timeProvider.GetUtcNow();
        var runId = ReferenceEquals(timeProvider, TimeProvider.System) ? RunIds.New(now.ToUnixTimeMilliseconds()) : RunIds.New();
        var run = store.CreateUnkeyed(request, runId, mode, now, activity?.Id);
        Announce(activity, runId, request.Task.Id, run.Machine, request.Task.Queue.Name, idempotencyKey: null, mode, created: true, logger);
        return (runId, run);
    }

    // Tags the current trigger span, counts the run as triggered, and logs: the same for every way of creating a run.
    private static void Announce(
        Activity? activity, string runId, string taskId, Machine machine, string? queue, string? idempotencyKey, TaskRunMode mode, bool created, ILogger logger)
    {
        if (activity?.OperationName == SchemaTasksTelemetry.TriggerActivityName)
        {
            activity.SetTag(SchemaTasksTelemetry.RunIdTag, runId);
            activity.SetTag(SchemaTasksTelemetry.MachineTag, machine.ToPresetName());
            activity.SetTag(SchemaTasksTelemetry.OutcomeTag, !created ? "deduplicated" : mode == TaskRunMode.Async ? "enqueued" : "inline");
        }

        if (!created)
        {
            SchemaTasksLog.RunDeduplicated(logger, taskId, idempotencyKey ?? "", runId);
            return;
        }

        SchemaTasksTelemetry.RunsTriggered.Add(1,
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.TaskIdTag, taskId),
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.QueueTag, queue),
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.ModeTag, SchemaTasksTelemetry.ModeName(mode)));
        SchemaTasksLog.RunTriggered(logger, runId, taskId, mode, queue ?? "");
    }
}

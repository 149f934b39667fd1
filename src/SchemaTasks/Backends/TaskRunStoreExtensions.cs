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
        var (runId, now, activity) = NewRun(timeProvider);
        var record = TaskRunRecord.Create(request, runId, mode, now, activity?.Id);
        var creation = await store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        var run = creation.Run;
        if (!creation.Created)
        {
            TagTriggerSpan(activity, run.RunId, run.Machine, "deduplicated");
            SchemaTasksLog.RunDeduplicated(logger, run.TaskId, run.IdempotencyKey ?? "", run.RunId);
            return (record, creation);
        }

        Announce(logger, activity, run.RunId, run.TaskId, run.Machine, run.Queue, mode);
        return (record, creation);
    }

    /// <summary>
    /// What <see cref="CreateRunAsync"/> does for a run without an idempotency key (always created) when the store can
    /// store it straight from its request (<see cref="IRunCreationFromRequest"/>): no record, info or creation is built.
    /// </summary>
    /// <returns>False, having done nothing, for a keyed run or a store that cannot: use <see cref="CreateRunAsync"/>.</returns>
    internal static bool TryCreateFromRequest(
        this ITaskRunStore store, TaskRunRequest request, TaskRunMode mode, TimeProvider timeProvider, ILogger logger, out string runId, out NewRunFields fields)
    {
        if (request.Options.IdempotencyKey is not null || store is not IRunCreationFromRequest direct)
        {
            runId = "";
            fields = default;
            return false;
        }

        (runId, var now, var activity) = NewRun(timeProvider);
        fields = direct.CreateFromRequest(request, runId, mode, now, activity?.Id);
        Announce(logger, activity, runId, request.Task.Id, fields.Machine, request.Task.Queue.Name, mode);
        return true;
    }

    /// <summary>A new run's id and creation time, and the trigger's span (its id is the run's trace parent).</summary>
    private static (string RunId, DateTimeOffset Now, Activity? Activity) NewRun(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow();
        // One clock read on the system clock; a test's fake clock does not stamp ids (they sort by real creation time).
        var runId = ReferenceEquals(timeProvider, TimeProvider.System) ? RunIds.New(now.ToUnixTimeMilliseconds()) : RunIds.New();
        return (runId, now, Activity.Current);
    }

    /// <summary>What follows a stored new run: the trigger span's tags, the triggered-runs counter, the log.</summary>
    private static void Announce(ILogger logger, Activity? activity, string runId, string taskId, Machine machine, string? queue, TaskRunMode mode)
    {
        TagTriggerSpan(activity, runId, machine, mode == TaskRunMode.Async ? "enqueued" : "inline");
        SchemaTasksTelemetry.RunsTriggered.Add(1,
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.TaskIdTag, taskId),
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.QueueTag, queue),
            new KeyValuePair<string, object?>(SchemaTasksTelemetry.ModeTag, SchemaTasksTelemetry.ModeName(mode)));
        SchemaTasksLog.RunTriggered(logger, runId, taskId, mode, queue ?? "");
    }

    private static void TagTriggerSpan(Activity? activity, string runId, Machine machine, string outcome)
    {
        if (activity?.OperationName == SchemaTasksTelemetry.TriggerActivityName)
        {
            activity.SetTag(SchemaTasksTelemetry.RunIdTag, runId);
            activity.SetTag(SchemaTasksTelemetry.MachineTag, machine.ToPresetName());
            activity.SetTag(SchemaTasksTelemetry.OutcomeTag, outcome);
        }
    }
}

namespace SchemaTasks;

/// <summary>
/// Sees and controls runs, whichever backend runs them: read their state and history, cancel, replay and
/// reschedule them (Trigger.dev's <c>runs.cancel</c>, <c>runs.replay</c>, <c>runs.reschedule</c>).
/// </summary>
public interface ITaskRuns : ITaskRunReader
{
    /// <summary>
    /// Cancels a run. A delayed or queued run ends <see cref="TaskRunStatus.Canceled"/> at once; an executing run has
    /// its attempt's <see cref="CancellationToken"/> cancelled and ends Canceled with <paramref name="reason"/>,
    /// whatever the task then throws (its queue slot is held until the attempt returns). A run already final is
    /// returned unchanged. The run keeps its idempotency key, as in Trigger.dev. Null for an unknown run.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="reason">Why, recorded as the run's error; default "Canceled by a user."</param>
    /// <param name="cancellationToken">Cancels the call (not the run).</param>
    Task<TaskRunInfo?> CancelAsync(string runId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the task of a stored run again, as a new run with the same payload, validated again (an invalid payload
    /// throws <see cref="FluentValidation.ValidationException"/>), tagged <c>replay:&lt;runId&gt;</c> besides the
    /// run's own tags; dispatched by the tasker mode like any trigger. How a failed run is retried by hand after a
    /// fix. Throws <see cref="KeyNotFoundException"/> for an unknown run, and <see cref="InvalidOperationException"/>
    /// when its task is not registered here or its payload is not kept.
    /// </summary>
    /// <param name="runId">The run to replay.</param>
    /// <param name="options">Options of the new run (its tags are added to the original's); null: none.</param>
    /// <param name="cancellationToken">Cancels the trigger.</param>
    Task<TaskRunHandle> ReplayAsync(string runId, TriggerOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a <see cref="TaskRunStatus.Delayed"/> run to a new due time, <paramref name="delay"/> from now (its TTL,
    /// if any, moves with it). Throws <see cref="InvalidOperationException"/> naming the status for a run in any other
    /// status, and <see cref="KeyNotFoundException"/> for an unknown run.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="delay">The new delay, from now (zero or more).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<TaskRunInfo> RescheduleAsync(string runId, TimeSpan delay, CancellationToken cancellationToken = default);
}

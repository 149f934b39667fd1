namespace SchemaTasks;

/// <summary>
/// Stores the last dispatched occurrence of each schedule, so that a scheduler that starts again knows what it
/// missed: after downtime it runs the most recent missed occurrence once, then follows the schedule. The default
/// store is in memory (no history after a process restart, hence no catch-up on a first start); a durable
/// backend registers its own implementation before <c>AddSchemaTasks</c> or replaces it. A lost write, or two hosts
/// sharing one store, never runs an occurrence twice: each occurrence is triggered with an idempotency key of its
/// own, <c>{taskId}:{occurrence in UTC, yyyy-MM-ddTHH:mm:ssZ}</c>, which the run store checks.
/// </summary>
public interface IScheduleStateStore
{
    /// <summary>The state of the schedule, or null when it has never dispatched an occurrence.</summary>
    /// <param name="scheduleId">The schedule id (the task id).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ScheduleState?> GetAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Records the last dispatched occurrence of the schedule.</summary>
    /// <param name="scheduleId">The schedule id (the task id).</param>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SetAsync(string scheduleId, ScheduleState state, CancellationToken cancellationToken = default);
}

namespace SchemaTasks.Backends;

/// <summary>
/// The storage of runs, behind <see cref="ITaskRuns"/> (which reads through it and adds run control). The in-process backend keeps runs in memory; a
/// durable backend (Quartz.NET on PostgreSQL) implements this interface over its database and replaces the
/// registration (<c>services.Replace(ServiceDescriptor.Singleton&lt;ITaskRunStore, MyStore&gt;())</c>);
/// <see cref="ITaskRuns"/> reads through it. Every write is a single atomic step so that a SQL store can map
/// it onto one statement or transaction: <see cref="CreateAsync"/> (insert, or return the run that holds the
/// idempotency key) and <see cref="TransitionAsync"/> (compare-and-set on the run's status).
/// </summary>
public interface ITaskRunStore : ITaskRunReader
{
    /// <summary>
    /// Stores a new run, unless its idempotency key (per task) is held by an earlier run: then nothing is
    /// stored and that run is returned with <see cref="TaskRunCreation.Created"/> false. A run holds its key
    /// while <see cref="TaskRunRecord.HoldsIdempotencyKey"/> is true; the check and the insert are one atomic step.
    /// </summary>
    /// <param name="run">The run, with status <see cref="TaskRunStatus.Queued"/> or <see cref="TaskRunStatus.Delayed"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<TaskRunCreation> CreateAsync(TaskRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The stored run, payload included, or null when no such run is known.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a run to a new status when its current status is one of <see cref="TaskRunTransition.From"/> (and its
    /// attempts equal <see cref="TaskRunTransition.FromAttempts"/> when set), atomically. Returns the run as
    /// updated, or null when the run is unknown or was not in an expected state (another worker, a timer or
    /// shutdown got there first). Reaching a final status releases every waiter of
    /// <see cref="ITaskRunReader.WaitForCompletionAsync"/>.
    /// </summary>
    /// <param name="transition">The expected state and the changes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<TaskRunInfo?> TransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TransitionAsync"/> for a caller that does not read the updated run: whether the transition applied.
    /// The executor records an attempt's start and its completion through it, so that a store may skip building the
    /// <see cref="TaskRunInfo"/> nobody reads (the in-memory store does); the default calls <see cref="TransitionAsync"/>.
    /// </summary>
    /// <param name="transition">The expected state and the changes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the run moved; false when it is unknown or was not in an expected state.</returns>
    async ValueTask<bool> TryTransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default) =>
        await TransitionAsync(transition, cancellationToken).ConfigureAwait(false) is not null;
}

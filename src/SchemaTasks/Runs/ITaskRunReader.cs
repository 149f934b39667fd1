namespace SchemaTasks;

/// <summary>
/// Reads the state and history of runs: the part of <see cref="ITaskRuns"/> that every run store
/// (<see cref="Backends.ITaskRunStore"/>) answers by itself.
/// </summary>
public interface ITaskRunReader
{
    /// <summary>The run with this id, or null when no such run is known.</summary>
    /// <param name="runId">The run id from a <see cref="TaskRunHandle"/>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the run reaches a final status and returns it. Throws <see cref="TimeoutException"/> when
    /// <paramref name="timeout"/> passes first, and <see cref="KeyNotFoundException"/> for an unknown run.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Lists runs matching <paramref name="query"/>, newest first, one page at a time.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default);
}

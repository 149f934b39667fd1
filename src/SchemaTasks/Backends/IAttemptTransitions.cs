namespace SchemaTasks.Backends;

/// <summary>
/// The two transitions of nearly every attempt, its start and its completion, applied at once and without building a
/// <see cref="TaskRunTransition"/> for each: two objects of ~170 bytes per run that a store keeping runs in memory only
/// reads and drops. The executor uses it when its store implements it, and <see cref="ITaskRunStore.TryTransitionAsync"/>
/// otherwise; each method applies exactly the transition it names, with the same compare-and-set.
/// </summary>
internal interface IAttemptTransitions
{
    /// <summary>
    /// The run as stored now, copied into <paramref name="run"/> with nothing built for it: what the executor reads at
    /// an attempt's start instead of <see cref="ITaskRunStore.FindAsync"/>.
    /// </summary>
    /// <returns>Whether the run is known.</returns>
    bool TryRead(string runId, out StoredRun run);

    /// <summary>
    /// The attempt's start: from Queued or Delayed with <paramref name="fromAttempts"/> attempts, to Executing with one
    /// attempt more, <see cref="TaskRunInfo.StartedAt"/> set if the run has none, <see cref="TaskRunInfo.DelayUntil"/>
    /// cleared, updated at <paramref name="at"/>.
    /// </summary>
    /// <returns>Whether the run was in that state and moved.</returns>
    bool TryStartAttempt(string runId, int fromAttempts, DateTimeOffset at);

    /// <summary>The attempt's completion: from Executing to Completed at <paramref name="at"/>, with how long the attempt ran.</summary>
    /// <returns>Whether the run was Executing and moved.</returns>
    bool TryCompleteAttempt(string runId, DateTimeOffset at, TimeSpan attemptDuration);
}

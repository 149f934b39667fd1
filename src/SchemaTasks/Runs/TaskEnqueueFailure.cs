namespace SchemaTasks;

/// <summary>Why a backend refused a run (<see cref="TaskEnqueueException.Reason"/>).</summary>
public enum TaskEnqueueFailure
{
    /// <summary>The backend failed (its store is down, say). The Tasker may run the task inline instead (<see cref="SchemaTasksOptions.FallbackToSync"/>).</summary>
    BackendError,

    /// <summary>
    /// The host is stopping and the backend takes no new run. Never answered by running inline: that would drop the
    /// run's delay, TTL and queue limits while the host shuts down.
    /// </summary>
    HostStopping,

    /// <summary>
    /// The backend holds as many unfinished runs as it may (<see cref="SchemaTasksOptions.MaxUnfinishedRuns"/>).
    /// Never answered by running inline: the caller must slow down.
    /// </summary>
    BackendFull,
}

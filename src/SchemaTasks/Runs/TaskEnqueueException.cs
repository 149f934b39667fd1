namespace SchemaTasks;

/// <summary>
/// Thrown by a backend that could not accept a run. When the backend failed (<see cref="TaskEnqueueFailure.BackendError"/>,
/// e.g. its store is down) the Tasker falls back to the sync tasker if <see cref="SchemaTasksOptions.FallbackToSync"/>
/// is set; when the host is stopping or the backend is full, the exception reaches the caller.
/// </summary>
public sealed class TaskEnqueueException : Exception
{
    /// <summary>Creates the exception for a failed backend (<see cref="TaskEnqueueFailure.BackendError"/>).</summary>
    /// <param name="taskId">The task whose run could not be enqueued.</param>
    /// <param name="innerException">The backend's error.</param>
    public TaskEnqueueException(string taskId, Exception innerException)
        : this(taskId, innerException, TaskEnqueueFailure.BackendError)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="taskId">The task whose run could not be enqueued.</param>
    /// <param name="innerException">What went wrong, in words the caller can act on.</param>
    /// <param name="reason">Why the run was refused; decides whether the Tasker may run it inline instead.</param>
    public TaskEnqueueException(string taskId, Exception innerException, TaskEnqueueFailure reason)
        : base($"The run of task '{taskId}' could not be enqueued: {innerException?.Message}", innerException)
    {
        TaskId = taskId;
        Reason = reason;
    }

    /// <summary>The task whose run could not be enqueued.</summary>
    public string TaskId { get; }

    /// <summary>Why the run was refused.</summary>
    public TaskEnqueueFailure Reason { get; }

    /// <summary>Whether the Tasker may answer this failure by running the task inline: only when the backend itself failed.</summary>
    public bool AllowsFallbackToSync => Reason == TaskEnqueueFailure.BackendError;
}

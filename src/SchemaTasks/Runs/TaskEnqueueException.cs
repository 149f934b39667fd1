namespace SchemaTasks;

/// <summary>
/// Thrown by a backend that could not accept a run (e.g. its store is down). The Tasker falls back to the
/// sync tasker on this exception when <see cref="SchemaTasksOptions.FallbackToSync"/> is set.
/// </summary>
public sealed class TaskEnqueueException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="taskId">The task whose run could not be enqueued.</param>
    /// <param name="innerException">The backend's error.</param>
    public TaskEnqueueException(string taskId, Exception innerException)
        : base($"The run of task '{taskId}' could not be enqueued: {innerException.Message}", innerException)
    {
        TaskId = taskId;
    }

    /// <summary>The task whose run could not be enqueued.</summary>
    public string TaskId { get; }
}

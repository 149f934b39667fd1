namespace SchemaTasks;

/// <summary>
/// Thrown by a sync tasker (which runs a task inline) when the run ends without completing. The inner
/// exception is the last attempt's error.
/// </summary>
public sealed class TaskRunFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="run">The run as it ended.</param>
    /// <param name="innerException">The last attempt's error, if any.</param>
    public TaskRunFailedException(TaskRunInfo run, Exception? innerException)
        : base($"Run '{run.RunId}' of task '{run.TaskId}' ended {run.Status} after {run.Attempts} attempt(s): {run.Error}", innerException)
    {
        Run = run;
    }

    /// <summary>The run as it ended.</summary>
    public TaskRunInfo Run { get; }
}

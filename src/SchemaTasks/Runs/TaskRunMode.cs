namespace SchemaTasks;

/// <summary>How a run was dispatched.</summary>
public enum TaskRunMode
{
    /// <summary>Enqueued on the configured backend; the caller gets the handle at once.</summary>
    Async,

    /// <summary>Run inline by the sync tasker; the caller waits for the run to end.</summary>
    Sync,
}

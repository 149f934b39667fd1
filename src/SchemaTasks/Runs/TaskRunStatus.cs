namespace SchemaTasks;

/// <summary>The lifecycle of a run, as Trigger.dev's run statuses.</summary>
public enum TaskRunStatus
{
    /// <summary>Triggered with a delay that has not yet passed.</summary>
    Delayed,

    /// <summary>Waiting for a slot on its queue, or for its next attempt.</summary>
    Queued,

    /// <summary>An attempt is running.</summary>
    Executing,

    /// <summary>An attempt succeeded. Final.</summary>
    Completed,

    /// <summary>The last attempt failed, or an attempt aborted, or the payload was invalid. Final.</summary>
    Failed,

    /// <summary>Cancelled, e.g. by a host shutdown that outlasted its timeout. Final.</summary>
    Canceled,

    /// <summary>Not started before its time to live passed. Final.</summary>
    Expired,

    /// <summary>An attempt outlasted its allowed time. Final.</summary>
    TimedOut,
}

/// <summary>Helpers on <see cref="TaskRunStatus"/>.</summary>
public static class TaskRunStatusExtensions
{
    /// <summary>Whether the status is final: the run will not change again.</summary>
    /// <param name="status">The status.</param>
    public static bool IsFinal(this TaskRunStatus status) =>
        status is TaskRunStatus.Completed or TaskRunStatus.Failed or TaskRunStatus.Canceled
            or TaskRunStatus.Expired or TaskRunStatus.TimedOut;
}

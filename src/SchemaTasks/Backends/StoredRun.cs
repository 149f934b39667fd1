namespace SchemaTasks.Backends;

/// <summary>
/// What the executor reads of a stored run at an attempt's start: a copy of the fields, not a
/// <see cref="TaskRunInfo"/> and <see cref="TaskRunRecord"/> built for one read and dropped (the in-memory store hands
/// it out through <see cref="IAttemptTransitions.TryRead"/>; any other store's record is read through
/// <see cref="From"/>).
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Mode">Enqueued or inline.</param>
/// <param name="Queue">The queue's name.</param>
/// <param name="Status">The status as read.</param>
/// <param name="Attempts">The attempts made so far.</param>
/// <param name="Machine">The next attempt's machine.</param>
/// <param name="Tags">The run's tags.</param>
/// <param name="Error">The last error, if any.</param>
/// <param name="ExpiresAt">The TTL's end, if any.</param>
/// <param name="MaxDuration">The max duration of an attempt, if any.</param>
/// <param name="PayloadJson">The payload as JSON.</param>
/// <param name="MaxAttemptsOverride">The run's attempt limit, if the trigger set one.</param>
/// <param name="TraceParent">The trigger's trace parent, if any.</param>
internal readonly record struct StoredRun(
    string RunId,
    string TaskId,
    TaskRunMode Mode,
    string? Queue,
    TaskRunStatus Status,
    int Attempts,
    Machine Machine,
    IReadOnlyList<string> Tags,
    string? Error,
    DateTimeOffset? ExpiresAt,
    TimeSpan? MaxDuration,
    string PayloadJson,
    int? MaxAttemptsOverride,
    string? TraceParent)
{
    /// <summary>The fields of <paramref name="record"/>.</summary>
    public static StoredRun From(TaskRunRecord record)
    {
        var info = record.Info;
        return new StoredRun(
            info.RunId, info.TaskId, info.Mode, info.Queue, info.Status, info.Attempts, info.Machine, info.Tags, info.Error,
            info.ExpiresAt, info.MaxDuration, record.PayloadJson, record.MaxAttemptsOverride, record.TraceParent);
    }
}

namespace SchemaTasks;

/// <summary>
/// A filter and page for <see cref="ITaskRunReader.ListAsync"/>. Unset filters match every run; set ones must all match.
/// Runs come newest first (by creation). Page with <see cref="After"/> (a stable cursor: a page does not shift
/// while new runs arrive) or with <see cref="Skip"/>.
/// </summary>
public sealed record TaskRunQuery
{
    /// <summary>Only runs of this task.</summary>
    public string? TaskId { get; init; }

    /// <summary>Only runs with this status.</summary>
    public TaskRunStatus? Status { get; init; }

    /// <summary>Only runs with one of these statuses (empty or null: any).</summary>
    public IReadOnlyList<TaskRunStatus>? Statuses { get; init; }

    /// <summary>Only runs carrying this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Only runs on this queue.</summary>
    public string? Queue { get; init; }

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only runs created before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// A cursor: only runs created before the run with this id (the last run of the previous page). The run must be
    /// known to the store; an unknown id throws <see cref="ArgumentException"/>.
    /// </summary>
    public string? After { get; init; }

    /// <summary>Runs to skip, newest first (after <see cref="After"/> when both are set).</summary>
    public int Skip { get; init; }

    /// <summary>The page size (1 to 1000); default 50.</summary>
    public int Take { get; init; } = 50;

    /// <summary>Whether <paramref name="run"/> passes every filter of this query (the cursor and paging aside).</summary>
    /// <param name="run">A run.</param>
    public bool Matches(TaskRunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (TaskId is null || string.Equals(run.TaskId, TaskId, StringComparison.Ordinal))
            && (Status is null || run.Status == Status)
            && (Statuses is not { Count: > 0 } statuses || statuses.Contains(run.Status))
            && (Tag is null || run.Tags.Contains(Tag, StringComparer.Ordinal))
            && (Queue is null || string.Equals(run.Queue, Queue, StringComparison.Ordinal))
            && (From is null || run.CreatedAt >= From)
            && (To is null || run.CreatedAt < To);
    }
}

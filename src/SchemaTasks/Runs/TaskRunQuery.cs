namespace SchemaTasks;

/// <summary>A filter and page for <see cref="ITaskRuns.ListAsync"/>. Unset filters match every run.</summary>
public sealed record TaskRunQuery
{
    /// <summary>Only runs of this task.</summary>
    public string? TaskId { get; init; }

    /// <summary>Only runs with this status.</summary>
    public TaskRunStatus? Status { get; init; }

    /// <summary>Only runs carrying this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Runs to skip, newest first.</summary>
    public int Skip { get; init; }

    /// <summary>The page size (1 to 1000); default 50.</summary>
    public int Take { get; init; } = 50;
}

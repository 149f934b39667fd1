namespace SchemaTasks;

/// <summary>The state of one run, as <see cref="ITaskRuns"/> reports it.</summary>
public sealed record TaskRunInfo
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The status.</summary>
    public required TaskRunStatus Status { get; init; }

    /// <summary>The attempts started so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The machine of the current or last attempt.</summary>
    public Machine Machine { get; init; }

    /// <summary>The error of the last failed attempt, or why the run ended (expired, cancelled).</summary>
    public string? Error { get; init; }

    /// <summary>Whether the run was enqueued or ran inline.</summary>
    public TaskRunMode Mode { get; init; }

    /// <summary>The queue the run executes on.</summary>
    public string? Queue { get; init; }

    /// <summary>The concurrency key of the run, if any.</summary>
    public string? ConcurrencyKey { get; init; }

    /// <summary>The idempotency key of the run, if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The tags of the run.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>When the run was triggered.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the first attempt started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run reached a final status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When a delayed run, or the next attempt of a retrying run, is due.</summary>
    public DateTimeOffset? DelayUntil { get; init; }

    /// <summary>When a run that has not started expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The longest an attempt of this run may run (the trigger's override, else the task's); null: no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>How long the last attempt ran, once it has ended.</summary>
    public TimeSpan? LastAttemptDuration { get; init; }
}

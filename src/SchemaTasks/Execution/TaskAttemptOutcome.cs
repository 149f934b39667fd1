namespace SchemaTasks.Execution;

/// <summary>
/// How one call of <see cref="TaskExecutor.RunAttemptAsync"/> left the run, already recorded in the store.
/// A backend only acts on <see cref="IsRetry"/>: it runs the run again after <see cref="RetryDelay"/> (the
/// in-process backend waits on the TimeProvider; a durable backend schedules a trigger at that time on
/// <see cref="RetryMachine"/>'s group).
/// </summary>
public sealed record TaskAttemptOutcome
{
    /// <summary>The run's status after the attempt: final, or <see cref="TaskRunStatus.Queued"/> when a retry is due.</summary>
    public required TaskRunStatus Status { get; init; }

    /// <summary>Whether no attempt ran: the run was unknown, already final, expired, or started elsewhere.</summary>
    public bool Skipped { get; init; }

    /// <summary>The attempt number that ran (0 when skipped).</summary>
    public int Attempt { get; init; }

    /// <summary>The delay before the next attempt, when a retry is due.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>When the next attempt is due (the recorded <see cref="TaskRunInfo.DelayUntil"/>), when a retry is due.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>The machine of the next attempt, when a retry is due.</summary>
    public Machine? RetryMachine { get; init; }

    /// <summary>The recorded error, if the attempt failed or the run ended without completing.</summary>
    public string? Error { get; init; }

    /// <summary>The exception of the failed attempt, if any.</summary>
    public Exception? Exception { get; init; }

    /// <summary>Whether the run is waiting for another attempt.</summary>
    public bool IsRetry => Status == TaskRunStatus.Queued && RetryDelay is not null;
}

namespace SchemaTasks.Backends;

/// <summary>
/// A compare-and-set on a stored run (<see cref="ITaskRunStore.TransitionAsync"/>): when the run is in one of
/// <see cref="From"/>, it moves to <see cref="To"/> with the values given here. A null value leaves the stored
/// value as it is, except <see cref="DelayUntil"/>, which is always written (null clears it).
/// </summary>
public sealed record TaskRunTransition
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The statuses the run must be in for the transition to apply.</summary>
    public required IReadOnlyList<TaskRunStatus> From { get; init; }

    /// <summary>When set, the run's attempts must equal this value too (e.g. only a run that never started expires).</summary>
    public int? FromAttempts { get; init; }

    /// <summary>The new status.</summary>
    public required TaskRunStatus To { get; init; }

    /// <summary>The time of the change; becomes <see cref="TaskRunInfo.UpdatedAt"/>, and <see cref="TaskRunInfo.CompletedAt"/> when <see cref="To"/> is final.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The new attempt count.</summary>
    public int? Attempts { get; init; }

    /// <summary>The machine of the current or next attempt.</summary>
    public Machine? Machine { get; init; }

    /// <summary>The error to record.</summary>
    public string? Error { get; init; }

    /// <summary>When the first attempt started; written only when the run has none yet.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run (delayed, or waiting for a retry) is next due; null clears it.</summary>
    public DateTimeOffset? DelayUntil { get; init; }

    /// <summary>When the run now expires if it has not started (a rescheduled delay moves its TTL); null leaves it as it is.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>How long the attempt that ends with this transition ran; null leaves the stored value as it is.</summary>
    public TimeSpan? LastAttemptDuration { get; init; }

    /// <summary>
    /// Whether the run gives up its idempotency key (<see cref="TaskRunRecord.IdempotencyKeyReleased"/>): set when a
    /// host stop or the inline caller ends the run, so that a trigger after the restart runs again.
    /// </summary>
    public bool ReleaseIdempotencyKey { get; init; }
}

namespace SchemaTasks.Backends;

/// <summary>
/// A run as a store keeps it: its public state, plus what a worker needs to run it again (the JSON payload, the
/// attempt limit of this run) and the idempotency bookkeeping. Never a type name: the task is found again by
/// <see cref="TaskRunInfo.TaskId"/> among the registered definitions.
/// </summary>
public sealed record TaskRunRecord
{
    /// <summary>The public state of the run.</summary>
    public required TaskRunInfo Info { get; init; }

    /// <summary>
    /// The payload as JSON, exactly as the trigger serialized it. The in-memory store empties it when the run
    /// completes: nothing runs a completed run again.
    /// </summary>
    public required string PayloadJson { get; init; }

    /// <summary>The <see cref="TriggerOptions.MaxAttempts"/> override of this run; null: the task's retry policy decides.</summary>
    public int? MaxAttemptsOverride { get; init; }

    /// <summary>When the run stops holding its idempotency key; null when it has none.</summary>
    public DateTimeOffset? IdempotencyKeyExpiresAt { get; init; }

    /// <summary>
    /// Whether the run gave its idempotency key up before its TTL: a run ended by a host stop (or by the inline
    /// caller's cancellation) does, so that triggering again after a restart runs again. Set by
    /// <see cref="TaskRunTransition.ReleaseIdempotencyKey"/>.
    /// </summary>
    public bool IdempotencyKeyReleased { get; init; }

    /// <summary>The W3C trace parent of the trigger, so that attempts join the trigger's trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// Whether this run still blocks a new run with the same task and idempotency key at <paramref name="now"/>:
    /// it has a key, the key has not expired and was not released (<see cref="IdempotencyKeyReleased"/>), and the
    /// run has not failed, expired or timed out (those free the key so that the caller can try again). A completed
    /// run keeps its key, and so does a run canceled by a user, as in Trigger.dev.
    /// </summary>
    /// <param name="now">The current time.</param>
    public bool HoldsIdempotencyKey(DateTimeOffset now) =>
        Info.IdempotencyKey is not null
        && !IdempotencyKeyReleased
        && IdempotencyKeyExpiresAt > now
        && Info.Status is not (TaskRunStatus.Failed or TaskRunStatus.Expired or TaskRunStatus.TimedOut);

    /// <summary>
    /// The record of a new run for <paramref name="request"/>: status <see cref="TaskRunStatus.Delayed"/> when the
    /// options carry a delay, else <see cref="TaskRunStatus.Queued"/>; the first attempt's machine is
    /// <see cref="TriggerOptions.Machine"/> or the task's. Every backend builds its runs with this method so that
    /// they read the options the same way.
    /// </summary>
    /// <param name="request">The validated run.</param>
    /// <param name="runId">The new run's id.</param>
    /// <param name="mode">Whether the run is enqueued or runs inline.</param>
    /// <param name="now">The trigger time.</param>
    /// <param name="traceParent">The trigger's trace parent, if any.</param>
    public static TaskRunRecord Create(TaskRunRequest request, string runId, TaskRunMode mode, DateTimeOffset now, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var options = request.Options;
        var fields = new NewRunFields(request, now);
        var info = new TaskRunInfo
        {
            RunId = runId,
            TaskId = request.Task.Id,
            Status = fields.Status,
            Machine = fields.Machine,
            Mode = mode,
            Queue = request.Task.Queue.Name,
            ConcurrencyKey = options.ConcurrencyKey,
            IdempotencyKey = options.IdempotencyKey,
            Tags = fields.Tags,
            CreatedAt = now,
            UpdatedAt = now,
            DelayUntil = fields.DelayUntil,
            ExpiresAt = fields.ExpiresAt,
            MaxDuration = fields.MaxDuration,
        };
        return new TaskRunRecord
        {
            Info = info,
            PayloadJson = request.PayloadJson,
            MaxAttemptsOverride = options.MaxAttempts,
            IdempotencyKeyExpiresAt = fields.IdempotencyKeyExpiresAt,
            TraceParent = traceParent,
        };
    }
}

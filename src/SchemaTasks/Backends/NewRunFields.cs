namespace SchemaTasks.Backends;

/// <summary>
/// How a trigger's options and its task make a new run's fields: its first status, delay, TTL, machine, tags, max
/// duration and key expiry. The one reading of the options that <see cref="TaskRunRecord.Create"/> and the in-memory
/// store's creation straight from the request (<see cref="IRunCreationFromRequest"/>) share, so that they cannot
/// differ.
/// </summary>
internal readonly struct NewRunFields
{
    public NewRunFields(TaskRunRequest request, DateTimeOffset now)
    {
        var options = request.Options;
        DelayUntil = options.Delay is { } delay && delay > TimeSpan.Zero ? now + delay : null;
        Status = DelayUntil is null ? TaskRunStatus.Queued : TaskRunStatus.Delayed;
        Machine = options.Machine ?? request.Task.Machine;
        Tags = options.Tags is { Count: > 0 } tags ? [.. tags] : [];
        // Trigger.dev's rule: the TTL starts when the run is enqueued, which for a delayed run is when its delay ends.
        ExpiresAt = options.Ttl is { } ttl ? (DelayUntil ?? now) + ttl : null;
        MaxDuration = options.MaxDuration ?? request.Task.MaxDuration;
        IdempotencyKeyExpiresAt = options.IdempotencyKey is null ? null : now + (options.IdempotencyKeyTtl ?? TriggerOptions.DefaultIdempotencyKeyTtl);
    }

    /// <summary><see cref="TaskRunStatus.Delayed"/> when the options carry a delay, else <see cref="TaskRunStatus.Queued"/>.</summary>
    public TaskRunStatus Status { get; }

    public DateTimeOffset? DelayUntil { get; }

    /// <summary>The first attempt's machine: <see cref="TriggerOptions.Machine"/> or the task's.</summary>
    public Machine Machine { get; }

    public IReadOnlyList<string> Tags { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public TimeSpan? MaxDuration { get; }

    public DateTimeOffset? IdempotencyKeyExpiresAt { get; }
}

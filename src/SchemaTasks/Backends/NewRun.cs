namespace SchemaTasks.Backends;

/// <summary>
/// What a new run's state is, read from its request's options and task at <c>now</c>: the one place that reads them,
/// for <see cref="TaskRunRecord.Create"/> and for the in-memory store, which builds its entry from them directly.
/// </summary>
/// <param name="Status">Delayed when the options carry a delay, else Queued.</param>
/// <param name="Machine">The first attempt's machine: the options' or the task's.</param>
/// <param name="DelayUntil">When a delayed run is released.</param>
/// <param name="ExpiresAt">When the run expires if it has not started.</param>
/// <param name="MaxDuration">The options' or the task's max duration.</param>
/// <param name="Tags">A copy of the options' tags.</param>
/// <param name="IdempotencyKeyExpiresAt">When the run stops holding its idempotency key; null without a key.</param>
internal readonly record struct NewRun(
    TaskRunStatus Status,
    Machine Machine,
    DateTimeOffset? DelayUntil,
    DateTimeOffset? ExpiresAt,
    TimeSpan? MaxDuration,
    IReadOnlyList<string> Tags,
    DateTimeOffset? IdempotencyKeyExpiresAt)
{
    /// <summary>The new run of <paramref name="request"/> triggered at <paramref name="now"/>.</summary>
    public static NewRun Of(TaskRunRequest request, DateTimeOffset now)
    {
        var options = request.Options;
        var delayUntil = options.Delay is { } delay && delay > TimeSpan.Zero ? now + delay : (DateTimeOffset?)null;
        return new NewRun(
            delayUntil is null ? TaskRunStatus.Queued : TaskRunStatus.Delayed,
            options.Machine ?? request.Task.Machine,
            delayUntil,
            // Trigger.dev's rule: the TTL starts when the run is enqueued, which for a delayed run is when its delay ends.
            options.Ttl is { } ttl ? (delayUntil ?? now) + ttl : null,
            options.MaxDuration ?? request.Task.MaxDuration,
            options.Tags is { Count: > 0 } tags ? [.. tags] : [],
            options.IdempotencyKey is null ? null : now + (options.IdempotencyKeyTtl ?? TriggerOptions.DefaultIdempotencyKeyTtl));
    }
}

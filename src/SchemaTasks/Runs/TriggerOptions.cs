namespace SchemaTasks;

/// <summary>
/// Options of one trigger, as Trigger.dev's trigger options. Every property is optional:
/// <c>new TriggerOptions { Delay = TimeSpan.FromMinutes(5) }</c>.
/// </summary>
public sealed record TriggerOptions
{
    /// <summary>The default time an idempotency key is remembered: 30 days.</summary>
    public static readonly TimeSpan DefaultIdempotencyKeyTtl = TimeSpan.FromDays(30);

    /// <summary>
    /// A key, per task, that makes the trigger idempotent: a repeat within <see cref="IdempotencyKeyTtl"/>
    /// returns the first run's handle instead of starting a new run, even after the run history has forgotten it.
    /// A run that fails, expires or times out frees its key, and so does a run ended by a host stop; a completed
    /// run, or one canceled by a user, keeps it. In sync mode a repeat waits for the first run and reports its outcome.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>How long the idempotency key is remembered; default 30 days.</summary>
    public TimeSpan? IdempotencyKeyTtl { get; init; }

    /// <summary>Start the run no earlier than this delay from now; the run is <see cref="TaskRunStatus.Delayed"/> until then.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// Expire the run (status <see cref="TaskRunStatus.Expired"/>) if it has not started within this time, counted from
    /// when it is enqueued: the trigger, or for a delayed run the end of its <see cref="Delay"/> (as in Trigger.dev).
    /// </summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Tags stored with the run, shown in <see cref="TaskRunInfo.Tags"/> and usable to list runs.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Overrides the task's <see cref="RetryOptions.MaxAttempts"/> for this run.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Overrides the task's machine for this run.</summary>
    public Machine? Machine { get; init; }

    /// <summary>
    /// Overrides the task's max duration (<see cref="TaskMaxDurationAttribute"/>) for this run: an attempt running
    /// longer is cancelled and the run ends <see cref="TaskRunStatus.TimedOut"/>, without a retry. At least 1 second.
    /// </summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Gives this key its own copy of the queue's concurrency limit (e.g. one per tenant).</summary>
    public string? ConcurrencyKey { get; init; }
}

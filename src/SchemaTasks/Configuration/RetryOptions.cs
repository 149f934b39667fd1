namespace SchemaTasks;

/// <summary>
/// The resolved retry policy of a task: the values of its <see cref="TaskRetryAttribute"/> (the method's
/// over the shared config type's), with the defaults of Trigger.dev where nothing is set.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Default of <see cref="MaxAttempts"/>.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>Default of <see cref="Factor"/>.</summary>
    public const double DefaultFactor = 2;

    /// <summary>Default of <see cref="MinTimeoutInMs"/>.</summary>
    public const int DefaultMinTimeoutInMs = 1000;

    /// <summary>Default of <see cref="MaxTimeoutInMs"/>.</summary>
    public const int DefaultMaxTimeoutInMs = 60000;

    /// <summary>Default of <see cref="Randomize"/>.</summary>
    public const bool DefaultRandomize = true;

    /// <summary>The policy of a task that configures no retry.</summary>
    public static RetryOptions Default { get; } = new();

    /// <summary>The most attempts a run makes, the first included.</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>The exponential growth of the delay between attempts.</summary>
    public double Factor { get; init; } = DefaultFactor;

    /// <summary>The delay before the first retry, in milliseconds.</summary>
    public int MinTimeoutInMs { get; init; } = DefaultMinTimeoutInMs;

    /// <summary>The largest delay between attempts, in milliseconds.</summary>
    public int MaxTimeoutInMs { get; init; } = DefaultMaxTimeoutInMs;

    /// <summary>Whether each delay is multiplied by a random factor in [1, 2).</summary>
    public bool Randomize { get; init; } = DefaultRandomize;

    /// <summary>The machine an out-of-memory attempt is retried on; null: out of memory fails the run.</summary>
    public Machine? OutOfMemoryMachine { get; init; }

    /// <summary>
    /// The delay before the next attempt after <paramref name="failedAttempts"/> attempts have failed, or
    /// null when no attempt remains. Trigger.dev's <c>calculateNextRetryDelay</c>:
    /// <c>round(min(MaxTimeoutInMs, r * MinTimeoutInMs * Factor^(failed-1)))</c>, <c>r</c> uniform in [1, 2)
    /// when <see cref="Randomize"/> is set, else 1.
    /// </summary>
    /// <param name="failedAttempts">The attempts that have failed so far (1 after the first failure).</param>
    public TimeSpan? NextDelay(int failedAttempts) => NextDelay(failedAttempts, Random.Shared);

    /// <summary>As <see cref="NextDelay(int)"/>, drawing the jitter from <paramref name="random"/>.</summary>
    /// <param name="failedAttempts">The attempts that have failed so far.</param>
    /// <param name="random">The source of the jitter; used only when <see cref="Randomize"/> is set.</param>
    public TimeSpan? NextDelay(int failedAttempts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempts);
        ArgumentNullException.ThrowIfNull(random);
        if (failedAttempts >= MaxAttempts)
        {
            return null;
        }

        var r = Randomize ? 1 + random.NextDouble() : 1;
        var timeout = Math.Min(MaxTimeoutInMs, r * MinTimeoutInMs * Math.Pow(Factor, failedAttempts - 1));
        return TimeSpan.FromMilliseconds(Math.Round(timeout, MidpointRounding.AwayFromZero));
    }
}

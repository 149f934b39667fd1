namespace SchemaTasks;

/// <summary>
/// The retry policy of a task, as Trigger.dev's <c>retry</c> block. The delay before retry <c>n</c>
/// (after <c>n</c> failed attempts) is <c>min(MaxTimeoutInMs, r * MinTimeoutInMs * Factor^(n-1))</c>,
/// with <c>r</c> uniform in [1, 2) when <see cref="Randomize"/> is set. See <see cref="RetryOptions"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskRetryAttribute : Attribute
{
    /// <summary>The most attempts a run makes, the first included (1 to 250). Default 3.</summary>
    public int MaxAttempts { get; set; } = RetryOptions.DefaultMaxAttempts;

    /// <summary>The exponential growth of the delay between attempts (at least 1). Default 2.</summary>
    public double Factor { get; set; } = RetryOptions.DefaultFactor;

    /// <summary>The delay before the first retry, in milliseconds. Default 1000.</summary>
    public int MinTimeoutInMs { get; set; } = RetryOptions.DefaultMinTimeoutInMs;

    /// <summary>The largest delay between attempts, in milliseconds. Default 60000.</summary>
    public int MaxTimeoutInMs { get; set; } = RetryOptions.DefaultMaxTimeoutInMs;

    /// <summary>Whether to multiply each delay by a random factor in [1, 2). Default true.</summary>
    public bool Randomize { get; set; } = RetryOptions.DefaultRandomize;

    /// <summary>
    /// The larger machine to retry on after an attempt runs out of memory. Unset: an out-of-memory attempt fails the run.
    /// </summary>
    public Machine OutOfMemoryMachine { get; set; }
}

namespace SchemaTasks.Dashboard.Advice;

/// <summary>What to change, if anything, about one task's concurrency limit and machine, and the numbers behind it.</summary>
public sealed record TaskAdvice
{
    /// <summary>The task the advice is for.</summary>
    public required AdviceTask Task { get; init; }

    /// <summary>Runs that arrived in the window.</summary>
    public int Arrivals { get; init; }

    /// <summary>The first arrival in the window.</summary>
    public DateTimeOffset? First { get; init; }

    /// <summary>The end of the observed activity: the last arrival or end of an attempt (now for runs not ended).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>From the first arrival to the end of activity (at least one second).</summary>
    public TimeSpan Span { get; init; }

    /// <summary>λ: arrivals per second over <see cref="Span"/>.</summary>
    public double ArrivalsPerSecond { get; init; }

    /// <summary>λ in arrivals per minute.</summary>
    public double ArrivalsPerMinute => ArrivalsPerSecond * 60;

    /// <summary>How many ended attempts the duration figures come from (the last attempt of each run).</summary>
    public int Samples { get; init; }

    /// <summary>W: the mean duration of an attempt.</summary>
    public TimeSpan? MeanDuration { get; init; }

    /// <summary>The median attempt duration (nearest rank).</summary>
    public TimeSpan? P50Duration { get; init; }

    /// <summary>The 95th percentile of attempt durations (nearest rank).</summary>
    public TimeSpan? P95Duration { get; init; }

    /// <summary>The most attempts of this task observed running at once.</summary>
    public int PeakConcurrency { get; init; }

    /// <summary>The 95th percentile of the time from trigger to first attempt.</summary>
    public TimeSpan? P95QueueWait { get; init; }

    /// <summary>Little's law's average concurrency, L = λ·W.</summary>
    public double? AverageConcurrency { get; init; }

    /// <summary>The factor applied to <see cref="AverageConcurrency"/>.</summary>
    public double Headroom { get; init; }

    /// <summary>ceil(L × headroom), at least 1; null without a finished attempt.</summary>
    public int? SuggestedLimit { get; init; }

    /// <summary>The queue's configured <c>ConcurrencyLimit</c>.</summary>
    public int ConfiguredLimit => Task.Queue.ConcurrencyLimit;

    /// <summary>How <see cref="SuggestedLimit"/> compares with <see cref="ConfiguredLimit"/>.</summary>
    public LimitVerdict Verdict { get; init; }

    /// <summary>Runs that ran out of memory at least once (moved to the out-of-memory machine, or failed with it).</summary>
    public int OutOfMemoryRuns { get; init; }

    /// <summary>Runs that still failed out of memory.</summary>
    public int OutOfMemoryFailures { get; init; }

    /// <summary>The machine to start the task on, when the history says the current one is too small.</summary>
    public Machine? SuggestedMachine { get; init; }

    /// <summary>The reasoning, sentence by sentence, so that a person can check it.</summary>
    public IReadOnlyList<string> Reasoning { get; init; } = [];

    /// <summary>Concurrency over time: each point is the number of attempts running from that instant on.</summary>
    public IReadOnlyList<(DateTimeOffset At, int Running)> Concurrency { get; init; } = [];
}

/// <summary>How the suggested limit compares with the configured one.</summary>
public enum LimitVerdict
{
    /// <summary>No finished attempt yet: nothing to say.</summary>
    NotEnoughData,

    /// <summary>The configured limit fits the load.</summary>
    Keep,

    /// <summary>The load needs more than the configured limit.</summary>
    Raise,

    /// <summary>The configured limit is more than twice what the load needs.</summary>
    Lower,

    /// <summary>The queue has no limit: set one.</summary>
    Set,
}

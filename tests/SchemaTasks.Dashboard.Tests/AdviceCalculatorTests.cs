using SchemaTasks.Dashboard.Advice;

namespace SchemaTasks.Dashboard.Tests;

/// <summary>The advice on synthetic histories whose right answer is known by hand.</summary>
public sealed class AdviceCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static AdviceTask Task(int limit = 10, Machine machine = Machine.Small2x, Machine? oom = Machine.Medium1x) =>
        new("webhook.deliver", new QueueOptions("webhook-delivery", limit), machine, oom);

    /// <summary>A completed run created at <paramref name="created"/> s, started <paramref name="wait"/> s later, running <paramref name="duration"/> s.</summary>
    private static TaskRunInfo Run(double created, double duration, double wait = 0, Machine machine = Machine.Small2x, TaskRunStatus status = TaskRunStatus.Completed, string? error = null)
    {
        var start = T0.AddSeconds(created + wait);
        var end = start.AddSeconds(duration);
        return new TaskRunInfo
        {
            RunId = $"run_{created}_{duration}_{Guid.NewGuid():N}",
            TaskId = "webhook.deliver",
            Status = status,
            Attempts = 1,
            Machine = machine,
            Error = error,
            Queue = "webhook-delivery",
            CreatedAt = T0.AddSeconds(created),
            UpdatedAt = end,
            StartedAt = start,
            CompletedAt = end,
            LastAttemptDuration = TimeSpan.FromSeconds(duration),
        };
    }

    private static List<TaskRunInfo> Steady(int count = 100, double duration = 4) => [.. Enumerable.Range(0, count).Select(i => Run(i, duration))];

    [Fact]
    public void A_steady_load_gives_littles_law_with_headroom()
    {
        // 100 runs, one a second, 4 s each: activity from 0 s to 99 + 4 = 103 s, λ = 100/103 per second,
        // W = 4 s, L = 3.883, × 1.5 = 5.825 → 6. At most 4 overlap (an attempt ends as the fifth starts).
        var advice = AdviceCalculator.Compute(Task(limit: 10), Steady(), T0.AddHours(1), headroom: 1.5);

        Assert.Equal(100, advice.Arrivals);
        Assert.Equal(TimeSpan.FromSeconds(103), advice.Span);
        Assert.Equal(100 / 103.0, advice.ArrivalsPerSecond, 9);
        Assert.Equal(6000 / 103.0, advice.ArrivalsPerMinute, 9);
        Assert.Equal(TimeSpan.FromSeconds(4), advice.MeanDuration);
        Assert.Equal(400 / 103.0, advice.AverageConcurrency!.Value, 9);
        Assert.Equal(6, advice.SuggestedLimit);
        Assert.Equal(4, advice.PeakConcurrency);
        Assert.Equal(TimeSpan.Zero, advice.P95QueueWait);
        Assert.Equal(LimitVerdict.Keep, advice.Verdict);
        Assert.Equal(0, advice.OutOfMemoryRuns);
        Assert.Null(advice.SuggestedMachine);
        Assert.Contains(advice.Reasoning, line => line.Contains("Little's law", StringComparison.Ordinal) && line.Contains("suggested ConcurrencyLimit of 6", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2, "Raise")]
    [InlineData(6, "Keep")]
    [InlineData(12, "Keep")]
    [InlineData(13, "Lower")]
    [InlineData(QueueOptions.UnboundedConcurrencyLimit, "Set")]
    public void The_verdict_compares_the_suggestion_with_the_configured_limit(int configured, string expected)
    {
        var verdict = Enum.Parse<LimitVerdict>(expected);
        var advice = AdviceCalculator.Compute(Task(limit: configured), Steady(), T0.AddHours(1), headroom: 1.5);

        Assert.Equal(6, advice.SuggestedLimit);
        Assert.Equal(verdict, advice.Verdict);
    }

    [Fact]
    public void An_exact_product_is_not_rounded_up_by_floating_point()
    {
        // 60 runs, one a second, 1 s each: activity 0..60 s, λ = 1/s, W = 1 s, L = 1, × 3 = 3 exactly.
        var advice = AdviceCalculator.Compute(Task(), Steady(60, 1), T0.AddHours(1), headroom: 3);

        Assert.Equal(3, advice.SuggestedLimit);
        Assert.Equal(1, advice.PeakConcurrency);
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        // Durations 1..20 s: p50 is the 10th value, p95 the 19th; waits 0..19 s: p95 is the 19th, 18 s.
        var runs = Enumerable.Range(1, 20).Select(i => Run(created: i * 100, duration: i, wait: i - 1)).ToList();

        var advice = AdviceCalculator.Compute(Task(), runs, T0.AddHours(1), headroom: 1.5);

        Assert.Equal(TimeSpan.FromSeconds(10), advice.P50Duration);
        Assert.Equal(TimeSpan.FromSeconds(19), advice.P95Duration);
        Assert.Equal(TimeSpan.FromSeconds(18), advice.P95QueueWait);
        Assert.Equal(TimeSpan.FromSeconds(10.5), advice.MeanDuration);
    }

    [Fact]
    public void Peak_concurrency_counts_overlapping_attempts_and_not_touching_ones()
    {
        var nested = AdviceCalculator.Compute(Task(), [Run(0, 10), Run(1, 4), Run(2, 1)], T0.AddHours(1), 1.5);
        var touching = AdviceCalculator.Compute(Task(), [Run(0, 1), Run(1, 1), Run(2, 1)], T0.AddHours(1), 1.5);

        Assert.Equal(3, nested.PeakConcurrency);
        Assert.Equal(1, touching.PeakConcurrency);
    }

    [Fact]
    public void A_burst_saturating_its_queue_is_told_to_raise_the_limit()
    {
        // 40 runs at once, 1 s each, limit 10: four waves, activity 0..4 s. λ = 10/s, W = 1 s, L = 10 → 15.
        var runs = Enumerable.Range(0, 40).Select(i => Run(created: 0, duration: 1, wait: i / 10)).ToList();

        var advice = AdviceCalculator.Compute(Task(limit: 10), runs, T0.AddHours(1), headroom: 1.5);

        Assert.Equal(10, advice.PeakConcurrency);
        Assert.Equal(15, advice.SuggestedLimit);
        Assert.Equal(LimitVerdict.Raise, advice.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(3), advice.P95QueueWait);
    }

    [Fact]
    public void A_few_runs_never_lower_a_limit()
    {
        var advice = AdviceCalculator.Compute(Task(limit: 20), Steady(19, 1), T0.AddHours(1), headroom: 1.5);

        Assert.True(advice.SuggestedLimit < 10);
        Assert.Equal(LimitVerdict.Keep, advice.Verdict);
        Assert.Contains(advice.Reasoning, line => line.Contains("too few to lower it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_queue_that_was_full_is_not_told_to_shrink()
    {
        // 13 runs at once for 1 s fill the queue, then a light trickle for 99 s: on average L = (13 + 0.99) / 100 = 0.14,
        // so the average alone would say lower; the full queue says keep.
        var runs = Enumerable.Range(0, 13).Select(_ => Run(created: 0, duration: 1)).Concat(Enumerable.Range(1, 99).Select(i => Run(created: i, duration: 0.01))).ToList();

        var advice = AdviceCalculator.Compute(Task(limit: 13), runs, T0.AddHours(1), headroom: 1.5);

        Assert.Equal(13, advice.PeakConcurrency);
        Assert.True(advice.SuggestedLimit < 6);
        Assert.Equal(LimitVerdict.Keep, advice.Verdict);
        Assert.Contains(advice.Reasoning, line => line.Contains("the queue was full at times", StringComparison.Ordinal));
    }

    [Fact]
    public void Frequent_out_of_memory_retries_suggest_starting_on_the_bigger_machine()
    {
        var runs = Steady(10, 1);
        runs[3] = Run(3, 1, machine: Machine.Medium1x);
        runs[7] = Run(7, 1, machine: Machine.Medium1x);

        var advice = AdviceCalculator.Compute(Task(), runs, T0.AddHours(1), headroom: 1.5);

        Assert.Equal(2, advice.OutOfMemoryRuns);
        Assert.Equal(0, advice.OutOfMemoryFailures);
        Assert.Equal(Machine.Medium1x, advice.SuggestedMachine);
        Assert.Contains(advice.Reasoning, line => line.Contains("2 of 10 run(s) (20%) ran out of memory on small-2x", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rare_out_of_memory_retry_keeps_the_machine()
    {
        var runs = Steady(100, 1);
        runs[50] = Run(50, 1, machine: Machine.Medium1x);

        var advice = AdviceCalculator.Compute(Task(), runs, T0.AddHours(1), headroom: 1.5, outOfMemoryShare: 0.05);

        Assert.Equal(1, advice.OutOfMemoryRuns);
        Assert.Null(advice.SuggestedMachine);
    }

    [Fact]
    public void Out_of_memory_failures_even_on_the_bigger_machine_suggest_one_size_above_it()
    {
        var runs = Steady(10, 1);
        runs[0] = Run(0, 1, machine: Machine.Medium1x, status: TaskRunStatus.Failed, error: "System.OutOfMemoryException: Insufficient memory.");

        var advice = AdviceCalculator.Compute(Task(), runs, T0.AddHours(1), headroom: 1.5);

        Assert.Equal(1, advice.OutOfMemoryFailures);
        Assert.Equal(Machine.Medium2x, advice.SuggestedMachine);
    }

    [Fact]
    public void No_history_or_no_ended_attempt_gives_no_suggestion()
    {
        var empty = AdviceCalculator.Compute(Task(), [], T0, 1.5);
        var waiting = AdviceCalculator.Compute(Task(), [new TaskRunInfo { RunId = "r", TaskId = "webhook.deliver", Status = TaskRunStatus.Queued, CreatedAt = T0, UpdatedAt = T0 }], T0.AddSeconds(5), 1.5);

        Assert.Null(empty.SuggestedLimit);
        Assert.Equal(LimitVerdict.NotEnoughData, empty.Verdict);
        Assert.Null(waiting.SuggestedLimit);
        Assert.Equal(LimitVerdict.NotEnoughData, waiting.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(5), waiting.Span);
    }
}

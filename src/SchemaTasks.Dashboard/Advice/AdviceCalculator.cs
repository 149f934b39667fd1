using System.Globalization;
using SchemaTasks.Dashboard.Rendering;

namespace SchemaTasks.Dashboard.Advice;

/// <summary>
/// Sizing advice from a task's run history, as the dashboard's Advice page computes it: the arrival rate, attempt
/// durations and Little's law give the concurrency the load needs; out-of-memory retries say whether the machine is
/// too small. See <c>docs/dashboard.md</c>, "How the advice is computed".
/// </summary>
public static class AdviceCalculator
{
    // Only to avoid dividing by zero (one run that took no time): a short burst is measured over its real length.
    /// <summary>Below this many ended attempts, a limit is never said to be too high: a few runs prove little.</summary>
    internal const int MinimumSamplesToLower = 20;

    private static readonly TimeSpan MinimumSpan = TimeSpan.FromMilliseconds(1);

    /// <summary>The advice for <paramref name="task"/> from <paramref name="runs"/> (the runs that arrived in the window).</summary>
    /// <param name="task">The task's configuration.</param>
    /// <param name="runs">Its runs that arrived in the window, any status.</param>
    /// <param name="now">Now: the end of the attempts still running.</param>
    /// <param name="headroom">The factor on Little's law's average (at least 1).</param>
    /// <param name="outOfMemoryShare">The share of out-of-memory runs from which a bigger machine is suggested.</param>
    /// <param name="queueTasks">The number of tasks sharing the task's queue.</param>
    /// <returns>The advice, with its reasoning in words.</returns>
    public static TaskAdvice Compute(AdviceTask task, IReadOnlyCollection<TaskRunInfo> runs, DateTimeOffset now, double headroom = 1.5, double outOfMemoryShare = 0.05, int queueTasks = 1)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(headroom, 1);
        var reasoning = new List<string>();
        if (runs.Count == 0)
        {
            reasoning.Add("No run of this task arrived in the window: there is nothing to size from.");
            return new TaskAdvice { Task = task, Headroom = headroom, Reasoning = reasoning };
        }

        var first = runs.Min(r => r.CreatedAt);
        var end = runs.Max(r => r.CompletedAt ?? (r.Status.IsFinal() ? r.UpdatedAt : now));
        end = Max(end, runs.Max(r => r.CreatedAt));
        var span = Max(end - first, MinimumSpan);
        var lambda = runs.Count / span.TotalSeconds;

        var attempts = runs.Select(r => Attempt(r, now)).OfType<(DateTimeOffset Start, DateTimeOffset End)>().ToList();
        var durations = runs.Where(r => r.LastAttemptDuration is not null).Select(r => r.LastAttemptDuration!.Value).Order().ToList();
        var waits = runs.Where(r => r.StartedAt is not null).Select(r => Max(r.StartedAt!.Value - r.CreatedAt, TimeSpan.Zero)).Order().ToList();
        var concurrency = Concurrency(attempts);
        var peak = concurrency.Count == 0 ? 0 : concurrency.Max(p => p.Running);

        reasoning.Add(Invariant($"{runs.Count} run(s) arrived from {Html.Time(first)} to the end of their activity at {Html.Time(end)} UTC ({Html.Duration(span)}): λ = {runs.Count} / {span.TotalSeconds:0.###} s = {lambda:0.###} per second, {lambda * 60:0.#} per minute."));

        TimeSpan? mean = null;
        double? l = null;
        int? suggested = null;
        var verdict = LimitVerdict.NotEnoughData;
        var configured = task.Queue.ConcurrencyLimit;
        if (durations.Count > 0)
        {
            mean = TimeSpan.FromTicks((long)durations.Average(d => d.Ticks));
            l = lambda * mean.Value.TotalSeconds;
            suggested = (int)Math.Clamp(Math.Ceiling(Math.Round(l.Value * headroom, 9)), 1, QueueOptions.UnboundedConcurrencyLimit);
            reasoning.Add(Invariant($"{durations.Count} attempt(s) have ended: W, their mean duration, is {mean.Value.TotalSeconds:0.###} s (p50 {Html.Duration(Percentile(durations, 0.50))}, p95 {Html.Duration(Percentile(durations, 0.95))})."));
            reasoning.Add(Invariant($"Little's law: on average L = λ × W = {lambda:0.###} × {mean.Value.TotalSeconds:0.###} = {l:0.##} attempts run at once. With {headroom:0.##}× headroom for bursts, {l * headroom:0.##} rounds up to a suggested ConcurrencyLimit of {suggested}."));
            verdict = configured >= QueueOptions.UnboundedConcurrencyLimit ? LimitVerdict.Set
                : suggested > configured ? LimitVerdict.Raise
                // A queue that was full at times is not told to shrink, whatever the average says: its runs waited.
                : configured > 2 * suggested && configured - suggested > 2 && peak < configured && durations.Count >= MinimumSamplesToLower ? LimitVerdict.Lower
                : LimitVerdict.Keep;
            var observed = Invariant($"Observed: at most {peak} attempt(s) at once, and 95% of runs waited {Html.Duration(Percentile(waits, 0.95))} or less from trigger to first attempt.");
            reasoning.Add(observed + " " + verdict switch
            {
                LimitVerdict.Set => Invariant($"Queue '{task.Queue.Name}' has no limit: set ConcurrencyLimit = {suggested}, so that a burst cannot take every worker."),
                LimitVerdict.Raise => Invariant($"The configured limit of queue '{task.Queue.Name}' is {configured}, below the {suggested} the load needs: raise it, or expect runs to wait{(peak >= configured ? " (the queue was full)" : "")}."),
                LimitVerdict.Lower => Invariant($"The configured limit of queue '{task.Queue.Name}' is {configured}, more than twice what the load needs: {suggested} would do, and protects what the task calls."),
                _ when durations.Count < MinimumSamplesToLower && configured > 2 * suggested =>
                    Invariant($"The configured limit of queue '{task.Queue.Name}' is {configured}; {durations.Count} ended attempt(s) are too few to lower it (at least {MinimumSamplesToLower})."),
                _ when peak >= configured => Invariant($"The configured limit of queue '{task.Queue.Name}' is {configured}, and the queue was full at times: keep it (the average needs {suggested}, the bursts more)."),
                _ => Invariant($"The configured limit of queue '{task.Queue.Name}' is {configured}: it fits the load."),
            });
            if (queueTasks > 1)
            {
                reasoning.Add(Invariant($"Queue '{task.Queue.Name}' is shared by {queueTasks} tasks: its limit must cover their loads added together."));
            }
        }
        else
        {
            reasoning.Add("No attempt has ended yet: the mean duration, and so the suggested limit, are not known.");
        }

        var oom = runs.Where(r => IsOutOfMemory(task, r)).ToList();
        var oomFailures = oom.Count(r => r.Status == TaskRunStatus.Failed);
        Machine? suggestedMachine = null;
        if (oom.Count == 0)
        {
            reasoning.Add(Invariant($"No run ran out of memory on {task.Machine.ToPresetName()}: keep the machine (start with the smallest that works)."));
        }
        else
        {
            var share = oom.Count / (double)runs.Count;
            var bigger = task.OutOfMemoryMachine ?? NextSize(task.Machine);
            if (oomFailures > 0)
            {
                suggestedMachine = NextSize(task.OutOfMemoryMachine ?? task.Machine) ?? bigger;
                reasoning.Add(Invariant($"{oom.Count} run(s) ran out of memory ({share * 100:0.#}%), and {oomFailures} still failed out of memory: start the task on {Name(bigger)} and set its OutOfMemoryMachine to {Name(suggestedMachine)}."));
            }
            else if (share >= outOfMemoryShare)
            {
                suggestedMachine = bigger;
                reasoning.Add(Invariant($"{oom.Count} of {runs.Count} run(s) ({share * 100:0.#}%) ran out of memory on {task.Machine.ToPresetName()} and were retried on {Name(task.OutOfMemoryMachine)}: that is at least {outOfMemoryShare * 100:0.#}%, so start the task on {Name(bigger)} ([TaskMachine]) and save the failed first attempts."));
            }
            else
            {
                reasoning.Add(Invariant($"{oom.Count} of {runs.Count} run(s) ({share * 100:0.#}%) ran out of memory and were retried on {Name(task.OutOfMemoryMachine)}: below {outOfMemoryShare * 100:0.#}%, so the out-of-memory retry is enough; keep {task.Machine.ToPresetName()}."));
            }
        }

        return new TaskAdvice
        {
            Task = task,
            Arrivals = runs.Count,
            First = first,
            End = end,
            Span = span,
            ArrivalsPerSecond = lambda,
            Samples = durations.Count,
            MeanDuration = mean,
            P50Duration = Percentile(durations, 0.50),
            P95Duration = Percentile(durations, 0.95),
            PeakConcurrency = peak,
            P95QueueWait = Percentile(waits, 0.95),
            AverageConcurrency = l,
            Headroom = headroom,
            SuggestedLimit = suggested,
            Verdict = verdict,
            OutOfMemoryRuns = oom.Count,
            OutOfMemoryFailures = oomFailures,
            SuggestedMachine = suggestedMachine,
            Reasoning = reasoning,
            Concurrency = concurrency,
        };
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least <paramref name="p"/> of them at or below it.</summary>
    internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(Math.Round(p * sorted.Count, 9));
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Whether a run ran out of memory: it moved to the out-of-memory machine, or its error says so.</summary>
    internal static bool IsOutOfMemory(AdviceTask task, TaskRunInfo run) =>
        (task.OutOfMemoryMachine is { } bigger && bigger != task.Machine && run.Machine == bigger)
        || (run.Error is { } error && (error.Contains("OutOfMemory", StringComparison.Ordinal)
                                       || error.Contains("InsufficientMemory", StringComparison.Ordinal)
                                       || error.Contains("out of memory", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The last attempt of a run as an interval: it ended at the run's last change, or runs until now.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End)? Attempt(TaskRunInfo run, DateTimeOffset now)
    {
        if (run.Status == TaskRunStatus.Executing)
        {
            return (run.UpdatedAt, Max(now, run.UpdatedAt));
        }

        if (run.LastAttemptDuration is { } duration)
        {
            var end = run.CompletedAt ?? run.UpdatedAt;
            return (end - duration, end);
        }

        return null;
    }

    /// <summary>A sweep over the attempts: the running count after each start and end (ends first at equal instants).</summary>
    private static List<(DateTimeOffset At, int Running)> Concurrency(List<(DateTimeOffset Start, DateTimeOffset End)> attempts)
    {
        var events = attempts.SelectMany(a => new[] { (At: a.Start, Delta: 1), (At: a.End, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta).ToList();
        var points = new List<(DateTimeOffset At, int Running)>(events.Count);
        var running = 0;
        foreach (var (at, delta) in events)
        {
            running += delta;
            if (points.Count > 0 && points[^1].At == at)
            {
                points[^1] = (at, running);
            }
            else
            {
                points.Add((at, running));
            }
        }

        return points;
    }

    private static Machine? NextSize(Machine machine) =>
        Enum.IsDefined((Machine)((int)machine + 1)) ? (Machine)((int)machine + 1) : null;

    private static string Name(Machine? machine) => machine?.ToPresetName() ?? "a bigger machine";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

namespace SchemaTasks.Scheduling;

/// <summary>
/// How an occurrence was dispatched: enqueued as a run that <see cref="ITaskRuns"/> can follow, or running
/// inline in the background (sync mode, or an enqueue that fell back to sync).
/// </summary>
internal sealed class ScheduledDispatch
{
    private ScheduledDispatch(string? runId, Task? inlineRun)
    {
        RunId = runId;
        InlineRun = inlineRun;
    }

    /// <summary>The run id of an enqueued run.</summary>
    public string? RunId { get; }

    /// <summary>The background inline run; it never faults (failures are logged by the dispatcher).</summary>
    public Task? InlineRun { get; }

    public static ScheduledDispatch Enqueued(string runId) => new(runId, null);

    public static ScheduledDispatch Inline(Task inlineRun) => new(null, inlineRun);

    /// <summary>Whether the run has not reached a final status yet; an unknown run is not active.</summary>
    /// <param name="runs">The run history, for an enqueued run.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<bool> IsActiveAsync(ITaskRunReader runs, CancellationToken cancellationToken)
    {
        if (InlineRun is not null)
        {
            return !InlineRun.IsCompleted;
        }

        var run = await runs.GetAsync(RunId!, cancellationToken).ConfigureAwait(false);
        return run is not null && !run.Status.IsFinal();
    }
}

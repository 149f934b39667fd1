using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SchemaTasks.Diagnostics;

namespace SchemaTasks.Scheduling;

/// <summary>
/// Dispatches an occurrence by the tasker mode, with the Taskers' own rule (<see cref="TaskerContext"/>): async enqueues through
/// <see cref="ITaskTrigger"/> (falling back to sync when the backend cannot accept the run and fallback is on);
/// sync runs the task through <see cref="ISyncTaskRunner"/> in the background, so that a long run never delays
/// the schedule's next occurrence. Inline failures are logged, never thrown at the schedule. Both paths carry the
/// occurrence's idempotency key (<see cref="OccurrenceIdempotency"/>), so a repeated dispatch never runs it twice.
/// </summary>
internal sealed class ScheduledRunDispatcher : IDisposable
{
    private readonly TaskerContext _context;
    private readonly ITaskTrigger _trigger;
    private readonly ISyncTaskRunner _runner;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Task, byte> _inlineRuns = new();

    // Inline runs outlive the schedule loops' stopping token: they get the host's shutdown timeout (DrainAsync).
    private readonly CancellationTokenSource _inlineCancellation = new();

    public ScheduledRunDispatcher(TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner runner, ILogger logger)
    {
        _context = context;
        _trigger = trigger;
        _runner = runner;
        _logger = logger;
    }

    /// <summary>The inline runs started and not yet ended.</summary>
    public int InlineRunsInFlight => _inlineRuns.Count;

    public Task<ScheduledDispatch> DispatchAsync(TaskDefinition<ScheduledRun> task, ScheduledRun run, CancellationToken cancellationToken) =>
        _context.DispatchAsync(
            task.Id,
            (Dispatcher: this, Task: task, Run: run, Token: cancellationToken),
            static call => call.Dispatcher.EnqueueAsync(call.Task, call.Run, call.Token),
            static call => Task.FromResult(call.Dispatcher.StartInline(call.Task, call.Run)),
            _logger);

    /// <summary>
    /// Waits for the inline runs in flight; when <paramref name="shutdownToken"/> fires first, cancels them and
    /// returns without waiting further.
    /// </summary>
    /// <param name="shutdownToken">The host's shutdown timeout.</param>
    public async Task DrainAsync(CancellationToken shutdownToken)
    {
        try
        {
            await Task.WhenAll(_inlineRuns.Keys).WaitAsync(shutdownToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdownToken.IsCancellationRequested)
        {
            await _inlineCancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _inlineCancellation.Dispose();

    private async Task<ScheduledDispatch> EnqueueAsync(TaskDefinition<ScheduledRun> task, ScheduledRun run, CancellationToken cancellationToken)
    {
        var handle = await _trigger.TriggerAsync(task, run, OccurrenceIdempotency.Options(run), cancellationToken).ConfigureAwait(false);
        SchemaTasksLog.OccurrenceTriggered(_logger, task.Id, run.Timestamp, handle.RunId);
        return ScheduledDispatch.Enqueued(handle.RunId);
    }

    private ScheduledDispatch StartInline(TaskDefinition<ScheduledRun> task, ScheduledRun run)
    {
        SchemaTasksLog.OccurrenceRunningInline(_logger, task.Id, run.Timestamp);
        var inline = Task.Run(() => RunInlineAsync(task, run), CancellationToken.None);
        _inlineRuns.TryAdd(inline, 0);
        _ = inline.ContinueWith(
            static (completed, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(completed, out _),
            _inlineRuns,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return ScheduledDispatch.Inline(inline);
    }

    private async Task RunInlineAsync(TaskDefinition<ScheduledRun> task, ScheduledRun run)
    {
        try
        {
            await _runner.RunAsync(task, run, OccurrenceIdempotency.Options(run), _inlineCancellation.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The scheduler outlives any failed run: the failure is the run's, and is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            SchemaTasksLog.InlineRunFailed(_logger, task.Id, run.Timestamp, ex);
        }
    }
}

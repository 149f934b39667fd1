namespace SchemaTasks.Backends;

/// <summary>
/// Where async runs go: the in-process backend by default, or a durable one such as Quartz.NET. A backend
/// stores the run, honours its queue's limits, delay and TTL, and runs attempts through the shared executor.
/// </summary>
public interface ITaskBackend
{
    /// <summary>
    /// Accepts a validated run. Throws <see cref="TaskEnqueueException"/> when the backend cannot take it.
    /// </summary>
    /// <param name="request">The run to enqueue.</param>
    /// <param name="cancellationToken">Cancels the enqueue.</param>
    ValueTask<TaskRunHandle> EnqueueAsync(TaskRunRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// A run this backend holds was ended from outside it (<see cref="ITaskRuns.CancelAsync"/>; the store already says
    /// so): drop what the backend keeps for it (timers, queue entries), and for a run executing on another node, have
    /// that node call <see cref="Execution.TaskExecutor.TryCancelAttempt"/>. The default does nothing: the executor
    /// skips a run that is final when it comes up.
    /// </summary>
    /// <param name="run">The run as it now is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask OnRunEndedAsync(TaskRunInfo run, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// A delayed run was moved to a new due time (<see cref="ITaskRuns.RescheduleAsync"/>; the store already holds
    /// <see cref="TaskRunInfo.DelayUntil"/> and <see cref="TaskRunInfo.ExpiresAt"/>): release it then, not at its old
    /// time. A backend with its own timers must implement this; the default does nothing.
    /// </summary>
    /// <param name="run">The run as it now is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask OnRunRescheduledAsync(TaskRunInfo run, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

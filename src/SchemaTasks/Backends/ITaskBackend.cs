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
}

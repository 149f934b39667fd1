using SchemaTasks.Backends;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// A run store that holds the creation of one task's runs at a gate, to put a trigger at an exact point of a race:
/// past the backend's "is it stopping?" check, before its run is admitted to a queue.
/// </summary>
internal sealed class GatedRunStore(ITaskRunStore inner, string gatedTaskId) : ITaskRunStore
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a creation of the gated task is held.</summary>
    public Task Reached => _reached.Task;

    public void Open() => _open.TrySetResult();

    public async ValueTask<TaskRunCreation> CreateAsync(TaskRunRecord run, CancellationToken cancellationToken = default)
    {
        if (run.Info.TaskId == gatedTaskId)
        {
            _reached.TrySetResult();
            await _open.Task;
        }

        return await inner.CreateAsync(run, cancellationToken);
    }

    public ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default) => inner.FindAsync(runId, cancellationToken);

    public ValueTask<TaskRunInfo?> TransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default) => inner.TransitionAsync(transition, cancellationToken);

    public Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default) => inner.GetAsync(runId, cancellationToken);

    public Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        inner.WaitForCompletionAsync(runId, timeout, cancellationToken);

    public Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
}

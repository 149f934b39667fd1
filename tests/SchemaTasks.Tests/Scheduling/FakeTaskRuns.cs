using System.Collections.Concurrent;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>A run history whose statuses the test sets.</summary>
internal sealed class FakeTaskRuns : ITaskRunReader
{
    private readonly ConcurrentDictionary<string, TaskRunInfo> _runs = new(StringComparer.Ordinal);

    public void Set(string runId, string taskId, TaskRunStatus status) =>
        _runs[runId] = new TaskRunInfo { RunId = runId, TaskId = taskId, Status = status };

    public void Complete(string runId) => _runs[runId] = _runs[runId] with { Status = TaskRunStatus.Completed };

    public Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.TryGetValue(runId, out var run) ? run : null);

    public Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scheduler never waits for a run.");

    public Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TaskRunInfo>>([.. _runs.Values]);
}

using System.Collections.Concurrent;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>
/// Records what the scheduler enqueues; each run is <see cref="TaskRunStatus.Executing"/> in <see cref="Runs"/>
/// until the test completes it. <see cref="Fail"/> makes a given call (1-based) throw.
/// </summary>
internal sealed class FakeTaskTrigger(FakeTaskRuns runs) : ITaskTrigger
{
    private readonly ConcurrentQueue<(string RunId, ScheduledRun Run)> _triggered = new();
    private int _calls;

    public Func<int, Exception?> Fail { get; set; } = _ => null;

    public FakeTaskRuns Runs { get; } = runs;

    public IReadOnlyList<ScheduledRun> Triggered => [.. _triggered.Select(t => t.Run)];

    public IReadOnlyList<string> RunIds => [.. _triggered.Select(t => t.RunId)];

    public Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
        where TPayload : notnull
    {
        var call = Interlocked.Increment(ref _calls);
        if (Fail(call) is { } failure)
        {
            throw failure;
        }

        var runId = $"run-{call}";
        Runs.Set(runId, task.Id, TaskRunStatus.Executing);
        _triggered.Enqueue((runId, (ScheduledRun)(object)payload));
        return Task.FromResult(new TaskRunHandle(runId, task.Id, TaskRunMode.Async));
    }
}

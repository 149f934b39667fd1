namespace SchemaTasks.Tests.Infrastructure;

/// <summary>A Tasker written as the generator writes <c>&lt;Domain&gt;Tasker</c>, for one task.</summary>
public sealed class TestTasker(TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner sync, TaskDefinition<TestPayload> task) : Tasker(context)
{
    public int TriggerCalls { get; private set; }

    public int SyncCalls { get; private set; }

    public Task<TaskRunHandle> RunAsync(TestPayload payload, TriggerOptions? options = null, CancellationToken cancellationToken = default) =>
        DispatchAsync(task, payload, options, cancellationToken,
            (p, o, ct) =>
            {
                TriggerCalls++;
                return trigger.TriggerAsync(task, p, o, ct);
            },
            (p, o, ct) =>
            {
                SyncCalls++;
                return sync.RunAsync(task, p, o, ct);
            });
}

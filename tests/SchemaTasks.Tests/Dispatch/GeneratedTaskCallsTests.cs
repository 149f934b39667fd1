using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

/// <summary>
/// <see cref="GeneratedTaskCalls"/>, what every method of a generated trigger or sync tasker calls: the payload goes
/// in as <c>object</c> and must reach the trigger or the runner as the task's own payload type, with the same
/// definition, options and token, and the trigger's or runner's own result must come back.
/// </summary>
public sealed class GeneratedTaskCallsTests
{
    private static readonly Task<TaskRunHandle> Handle = Task.FromResult(new TaskRunHandle("run-1", "tests.task", TaskRunMode.Async));

    [Fact]
    public async Task TriggerAsync_hands_the_trigger_the_typed_task_payload_options_and_token()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var payload = new TestPayload(7);
        var options = new TriggerOptions { IdempotencyKey = "key" };
        using var cancellation = new CancellationTokenSource();
        var trigger = new RecordingForwardee();

        var result = GeneratedTaskCalls.TriggerAsync(trigger, task, payload, options, cancellation.Token);

        Assert.Same(Handle, result);
        Assert.Equal((task, payload, options, cancellation.Token), trigger.Single<TestPayload>());
        Assert.Equal("run-1", (await result).RunId);
    }

    [Fact]
    public void RunAsync_hands_the_runner_the_typed_task_payload_options_and_token()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var payload = new TestPayload(7);
        using var cancellation = new CancellationTokenSource();
        var runner = new RecordingForwardee();

        var result = GeneratedTaskCalls.RunAsync(runner, task, payload, null, cancellation.Token);

        Assert.Same(Handle, result);
        Assert.Equal((task, payload, (TriggerOptions?)null, cancellation.Token), runner.Single<TestPayload>());
    }

    // Both forwardees at once: records each call with its payload type, returns Handle.
    private sealed class RecordingForwardee : ITaskTrigger, ISyncTaskRunner
    {
        private readonly List<object> _calls = [];

        public (TaskDefinition<TPayload>, TPayload, TriggerOptions?, CancellationToken) Single<TPayload>()
            where TPayload : notnull =>
            Assert.IsType<(TaskDefinition<TPayload>, TPayload, TriggerOptions?, CancellationToken)>(Assert.Single(_calls));

        public Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
            where TPayload : notnull => Record(task, payload, options, cancellationToken);

        public Task<TaskRunHandle> RunAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
            where TPayload : notnull => Record(task, payload, options, cancellationToken);

        private Task<TaskRunHandle> Record<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
            where TPayload : notnull
        {
            _calls.Add((task, payload, options, cancellationToken));
            return Handle;
        }
    }
}

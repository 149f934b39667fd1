using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

public sealed class UnrunnableRunTests
{
    [Fact]
    public async Task Corrupt_stored_json_fails_that_run_and_the_worker_keeps_running_other_runs()
    {
        var queue = new QueueOptions(TestTasks.UniqueId("shared"), 1);
        var ran = new TaskCompletionSource<TestPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            ran.TrySetResult(payload);
            return Task.CompletedTask;
        }, queue: queue);
        await using var runtime = TestRuntime.Create(tasks: task);

        var corrupt = await runtime.Backend.EnqueueAsync(new TaskRunRequest(task, "{\"value\": not json", new TriggerOptions()), default);
        var good = await runtime.Trigger.TriggerAsync(task, new TestPayload(5), null, default);

        var failed = await runtime.CompletionAsync(corrupt);
        Assert.Equal(TaskRunStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains(corrupt.RunId, failed.Error);
        Assert.Contains(task.Id, failed.Error);
        Assert.Contains("cannot be read", failed.Error);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(good)).Status);
        Assert.Equal(5, (await ran.Task).Value);
    }

    [Fact]
    public async Task A_json_null_payload_fails_that_run()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Backend.EnqueueAsync(new TaskRunRequest(task, "null", new TriggerOptions()), default);

        var run = await runtime.CompletionAsync(handle);
        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Contains("null", run.Error);
    }

    [Fact]
    public async Task An_unknown_task_id_fails_that_run_and_the_worker_keeps_running_other_runs()
    {
        var queue = new QueueOptions(TestTasks.UniqueId("shared"), 1);
        var registered = TestTasks.Define((_, _, _, _) => Task.CompletedTask, queue: queue);
        var unregistered = TestTasks.Define((_, _, _, _) => Task.CompletedTask, id: TestTasks.UniqueId("gone"), queue: queue);
        await using var runtime = TestRuntime.Create(tasks: registered);

        var orphan = await runtime.Backend.EnqueueAsync(new TaskRunRequest(unregistered, "{\"value\":1}", new TriggerOptions()), default);
        var good = await runtime.Trigger.TriggerAsync(registered, new TestPayload(1), null, default);

        var failed = await runtime.CompletionAsync(orphan);
        Assert.Equal(TaskRunStatus.Failed, failed.Status);
        Assert.Contains($"'{unregistered.Id}'", failed.Error);
        Assert.Contains("not registered", failed.Error);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(good)).Status);
        Assert.Single(runtime.Logs.WithId(1206));
    }
}

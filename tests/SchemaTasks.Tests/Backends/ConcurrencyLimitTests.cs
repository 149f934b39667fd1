using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task A_queue_never_runs_more_than_its_limit_under_a_thousand_runs_of_varying_length()
    {
        const int limit = 4;
        var running = 0;
        var maxRunning = 0;
        var finished = 0;
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            for (var i = 0; i < payload.Value % 7; i++)
            {
                await Task.Yield();
            }

            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref finished);
        }, queue: new QueueOptions(TestTasks.UniqueId("limited"), limit));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handles = new List<TaskRunHandle>();
        for (var i = 1; i <= 1000; i++)
        {
            handles.Add(await runtime.Trigger.TriggerAsync(task, new TestPayload(i), null, default));
        }

        foreach (var handle in handles)
        {
            Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
        }

        Assert.Equal(1000, finished);
        Assert.InRange(maxRunning, 1, limit);
    }

    [Fact]
    public async Task Runs_beyond_the_limit_wait_until_a_slot_frees()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var task = TestTasks.Define(async (_, _, _, _) =>
        {
            Interlocked.Increment(ref started);
            firstEntered.TrySetResult();
            await release.Task;
        }, queue: new QueueOptions(TestTasks.UniqueId("one-at-a-time"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var second = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default);
        await firstEntered.Task.WaitAsync(TestRuntime.SafetyTimeout);

        Assert.Equal(TaskRunStatus.Executing, (await runtime.Runs.GetAsync(first.RunId))!.Status);
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(second.RunId))!.Status);
        Assert.Equal(1, Volatile.Read(ref started));

        release.SetResult();
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(second)).Status);
        Assert.Equal(2, Volatile.Read(ref started));
    }

    [Fact]
    public async Task A_task_without_a_queue_gets_its_own_queue()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);

        Assert.Equal("task/" + task.Id, (await runtime.CompletionAsync(handle)).Queue);
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

using System.Collections.Concurrent;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

public sealed class ConcurrencyKeyTests
{
    [Fact]
    public async Task Each_concurrency_key_gets_its_own_copy_of_the_limit_without_head_of_line_blocking()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            if (payload.Name == "a")
            {
                await gate.Task;
            }
        }, queue: new QueueOptions(TestTasks.UniqueId("tenants"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var a1 = await runtime.Trigger.TriggerAsync(task, new TestPayload(1, "a"), new TriggerOptions { ConcurrencyKey = "a" }, default);
        await runtime.WaitForAsync(a1.RunId, run => run.Status == TaskRunStatus.Executing);
        var a2 = await runtime.Trigger.TriggerAsync(task, new TestPayload(2, "a"), new TriggerOptions { ConcurrencyKey = "a" }, default);
        var b1 = await runtime.Trigger.TriggerAsync(task, new TestPayload(3, "b"), new TriggerOptions { ConcurrencyKey = "b" }, default);

        // Key b runs to completion while key a is at its limit with a run waiting behind it.
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(b1)).Status);
        Assert.Equal(TaskRunStatus.Executing, (await runtime.Runs.GetAsync(a1.RunId))!.Status);
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(a2.RunId))!.Status);
        Assert.Equal("a", (await runtime.Runs.GetAsync(a2.RunId))!.ConcurrencyKey);

        gate.SetResult();
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(a2)).Status);
    }

    [Fact]
    public async Task The_total_cap_holds_a_new_key_back_until_a_slot_frees()
    {
        var gates = new ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Gate(string key) => gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var task = TestTasks.Define((_, payload, _, _) => Gate(payload.Name!).Task, queue: new QueueOptions(TestTasks.UniqueId("capped"), 5, TotalConcurrencyLimit: 2));
        await using var runtime = TestRuntime.Create(tasks: task);

        var a = await runtime.Trigger.TriggerAsync(task, new TestPayload(1, "a"), new TriggerOptions { ConcurrencyKey = "a" }, default);
        var b = await runtime.Trigger.TriggerAsync(task, new TestPayload(2, "b"), new TriggerOptions { ConcurrencyKey = "b" }, default);
        await runtime.WaitForAsync(a.RunId, run => run.Status == TaskRunStatus.Executing);
        await runtime.WaitForAsync(b.RunId, run => run.Status == TaskRunStatus.Executing);
        var c = await runtime.Trigger.TriggerAsync(task, new TestPayload(3, "c"), new TriggerOptions { ConcurrencyKey = "c" }, default);
        Gate("c").SetResult();

        // c's own key is free, but the queue's total cap (2) is reached.
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(c.RunId))!.Status);
        Gate("a").SetResult();
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(c)).Status);
        Assert.Equal(TaskRunStatus.Executing, (await runtime.Runs.GetAsync(b.RunId))!.Status);
        Gate("b").SetResult();
        await runtime.CompletionAsync(b);
    }

    [Fact]
    public async Task Per_key_limits_and_the_total_cap_are_never_exceeded_under_load()
    {
        const int perKey = 2;
        const int total = 3;
        var running = 0;
        var maxRunning = 0;
        var runningByKey = new ConcurrentDictionary<string, int>();
        var maxByKey = new ConcurrentDictionary<string, int>();
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            var key = payload.Name!;
            ConcurrencyLimitTests.InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            var mine = runningByKey.AddOrUpdate(key, 1, (_, n) => n + 1);
            maxByKey.AddOrUpdate(key, mine, (_, n) => Math.Max(n, mine));
            for (var i = 0; i < payload.Value % 5; i++)
            {
                await Task.Yield();
            }

            runningByKey.AddOrUpdate(key, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref running);
        }, queue: new QueueOptions(TestTasks.UniqueId("load"), perKey, total));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handles = new List<TaskRunHandle>();
        for (var i = 0; i < 300; i++)
        {
            var key = $"k{i % 6}";
            handles.Add(await runtime.Trigger.TriggerAsync(task, new TestPayload(i, key), new TriggerOptions { ConcurrencyKey = key }, default));
        }

        foreach (var handle in handles)
        {
            Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
        }

        Assert.InRange(maxRunning, 1, total);
        Assert.All(maxByKey.Values, max => Assert.InRange(max, 1, perKey));
    }
}

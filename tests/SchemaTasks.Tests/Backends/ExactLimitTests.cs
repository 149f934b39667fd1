using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

/// <summary>
/// Limits counted exactly: every run is held at a gate, far more runs are triggered than the limit allows, the
/// queue is let settle, and exactly the limit is in flight, then exactly one more starts when one ends. Each test
/// fails if the runtime let one run too many through.
/// </summary>
/// <remarks>
/// Settling is deterministic: a queue handles its triggers in order, so a probe run triggered last on a concurrency
/// key of its own (free, with no total cap) starts only once the queue has dispatched everything it would for the
/// earlier triggers; once the probe is in its body, the queue's dispatched count
/// (<c>InProcessBackend.DispatchedAttempts</c>) is final even if some dispatched bodies have not started yet.
/// </remarks>
public sealed class ExactLimitTests
{
    private const int ProbeValue = 1_000;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(20)]
    public async Task A_queue_runs_exactly_its_limit_and_exactly_one_more_when_one_ends(int limit)
    {
        var held = new HeldRuns();
        var queue = TestTasks.UniqueId("exact");
        var task = TestTasks.Define((_, payload, _, _) => held.RunAsync(payload), queue: new QueueOptions(queue, limit));
        await using var runtime = TestRuntime.Create(tasks: task);
        var total = 3 * limit + 2;
        var handles = new Dictionary<int, TaskRunHandle>();
        for (var i = 1; i <= total; i++)
        {
            handles[i] = await runtime.Trigger.TriggerAsync(task, new TestPayload(i), null, default);
        }

        await held.WhenInFlightAsync(limit);
        await SettleAsync(runtime, task, held, ProbeValue);
        await AssertExactlyAsync(runtime, task, held, queue, running: limit, probes: 1, queued: total - limit);

        var first = held.Running.Keys.Where(value => value <= total).Min();
        held.Release(first);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handles[first])).Status);
        await held.WhenInFlightAsync(limit + 1);
        await SettleAsync(runtime, task, held, ProbeValue + 1);
        await AssertExactlyAsync(runtime, task, held, queue, running: limit, probes: 2, queued: total - limit - 1);

        held.ReleaseAll(Enumerable.Range(1, total).Append(ProbeValue).Append(ProbeValue + 1));
        foreach (var handle in handles.Values)
        {
            Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
        }
    }

    [Fact]
    public async Task Each_concurrency_key_runs_exactly_its_copy_of_the_limit()
    {
        const int perKey = 2;
        var held = new HeldRuns();
        var queue = TestTasks.UniqueId("exact-keys");
        var task = TestTasks.Define((_, payload, _, _) => held.RunAsync(payload), queue: new QueueOptions(queue, perKey));
        await using var runtime = TestRuntime.Create(tasks: task);
        var handles = new Dictionary<int, TaskRunHandle>();
        for (var i = 1; i <= 20; i++)
        {
            var key = i % 2 == 0 ? "a" : "b";
            handles[i] = await runtime.Trigger.TriggerAsync(task, new TestPayload(i, key), new TriggerOptions { ConcurrencyKey = key }, default);
        }

        await held.WhenInFlightAsync(2 * perKey);
        await SettleAsync(runtime, task, held, ProbeValue);
        await AssertExactlyAsync(runtime, task, held, queue, running: 2 * perKey, probes: 1, queued: 20 - 2 * perKey);
        Assert.Equal(perKey, held.Running.Keys.Count(value => value < ProbeValue && value % 2 == 0));

        var firstOfA = held.Running.Keys.Where(value => value < ProbeValue && value % 2 == 0).Min();
        held.Release(firstOfA);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handles[firstOfA])).Status);
        await held.WhenInFlightAsync(2 * perKey + 1);
        await SettleAsync(runtime, task, held, ProbeValue + 1);
        await AssertExactlyAsync(runtime, task, held, queue, running: 2 * perKey, probes: 2, queued: 20 - 2 * perKey - 1);
        Assert.Equal(perKey, held.Running.Keys.Count(value => value < ProbeValue && value % 2 == 0));

        held.ReleaseAll(Enumerable.Range(1, 20).Append(ProbeValue).Append(ProbeValue + 1));
        foreach (var handle in handles.Values)
        {
            await runtime.CompletionAsync(handle);
        }
    }

    [Fact]
    public async Task A_total_cap_runs_exactly_the_cap_across_keys_and_exactly_one_more_when_one_ends()
    {
        const int cap = 3;
        var held = new HeldRuns();
        var queue = TestTasks.UniqueId("exact-cap");
        var task = TestTasks.Define((_, payload, _, _) => held.RunAsync(payload), queue: new QueueOptions(queue, 5, TotalConcurrencyLimit: cap));
        await using var runtime = TestRuntime.Create(tasks: task);
        var handles = new Dictionary<int, TaskRunHandle>();
        for (var i = 1; i <= 12; i++)
        {
            var key = "k" + (i % 4);
            handles[i] = await runtime.Trigger.TriggerAsync(task, new TestPayload(i, key), new TriggerOptions { ConcurrencyKey = key }, default);
        }

        await held.WhenInFlightAsync(cap);
        Assert.Equal(cap, runtime.Backend.DispatchedAttempts(queue));

        // No free key can settle a capped queue; a run that ends can: its end reaches the queue after every trigger,
        // and the queue starts exactly one run for it.
        var before = held.Running.Keys.ToHashSet();
        var first = before.Min();
        held.Release(first);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handles[first])).Status);
        var replacement = await WhenANewRunEntersAsync(held, before);
        Assert.Equal(cap, runtime.Backend.DispatchedAttempts(queue));
        Assert.Equal(cap, held.InFlight);
        Assert.Equal(12 - cap - 1, await CountAsync(runtime, task, TaskRunStatus.Queued));
        Assert.True(held.Running.ContainsKey(replacement));

        held.ReleaseAll(Enumerable.Range(1, 12));
        foreach (var handle in handles.Values)
        {
            await runtime.CompletionAsync(handle);
        }
    }

    private static async Task SettleAsync(TestRuntime runtime, TaskDefinition<TestPayload> task, HeldRuns held, int probe)
    {
        await runtime.Trigger.TriggerAsync(task, new TestPayload(probe, "probe"), new TriggerOptions { ConcurrencyKey = "probe-" + probe }, default);
        await held.WhenEnteredAsync(probe);
    }

    private static async Task AssertExactlyAsync(
        TestRuntime runtime, TaskDefinition<TestPayload> task, HeldRuns held, string queue, int running, int probes, int queued)
    {
        Assert.Equal(running + probes, runtime.Backend.DispatchedAttempts(queue));
        await held.WhenInFlightAsync(running + probes);
        Assert.Equal(running + probes, held.InFlight);
        Assert.Equal(running, held.Running.Keys.Count(value => value < ProbeValue));
        Assert.Equal(queued, await CountAsync(runtime, task, TaskRunStatus.Queued));
    }

    private static async Task<int> CountAsync(TestRuntime runtime, TaskDefinition<TestPayload> task, TaskRunStatus status) =>
        (await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id, Status = status, Take = 1_000 })).Count;

    /// <summary>The run that enters after one of <paramref name="before"/> (all in flight then) has left.</summary>
    private static async Task<int> WhenANewRunEntersAsync(HeldRuns held, HashSet<int> before)
    {
        await held.WhenInFlightAsync(before.Count);
        return held.Running.Keys.Single(value => !before.Contains(value));
    }
}

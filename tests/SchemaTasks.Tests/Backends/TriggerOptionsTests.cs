using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Backends;

public sealed class TriggerOptionsTests
{
    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_returns_the_first_run()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "user-1" };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        await runtime.CompletionAsync(first);
        var second = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), options, default);

        Assert.Equal(first, second);
        Assert.Equal(1, invoked);
        Assert.Single(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }));
        Assert.Single(runtime.Logs.WithId(1101));
    }

    [Fact]
    public async Task An_idempotency_key_is_per_task()
    {
        var first = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var second = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: [first, second]);
        var options = new TriggerOptions { IdempotencyKey = "same" };

        var a = await runtime.Trigger.TriggerAsync(first, new TestPayload(1), options, default);
        var b = await runtime.Trigger.TriggerAsync(second, new TestPayload(1), options, default);

        Assert.NotEqual(a.RunId, b.RunId);
    }

    [Fact]
    public async Task An_idempotency_key_is_forgotten_after_its_ttl()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "k", IdempotencyKeyTtl = TimeSpan.FromHours(1) };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        await runtime.CompletionAsync(first);
        runtime.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(first.RunId, (await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default)).RunId);
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        var later = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);

        Assert.NotEqual(first.RunId, later.RunId);
    }

    [Fact]
    public async Task The_default_idempotency_key_ttl_is_thirty_days()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "k" };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        await runtime.CompletionAsync(first);
        runtime.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(first.RunId, (await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default)).RunId);
        runtime.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.NotEqual(first.RunId, (await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default)).RunId);
    }

    [Fact]
    public async Task A_failed_run_frees_its_idempotency_key()
    {
        var fail = true;
        var task = TestTasks.Define((_, _, _, _) => fail ? throw new InvalidOperationException("no") : Task.CompletedTask,
            retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "retry-me" };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        Assert.Equal(TaskRunStatus.Failed, (await runtime.CompletionAsync(first)).Status);
        fail = false;
        var second = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);
        var third = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), options, default);

        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(second.RunId, third.RunId);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(second)).Status);
    }

    [Fact]
    public async Task A_delayed_run_is_Delayed_until_due_on_the_time_provider()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromMinutes(5) }, default);
        var delayed = await runtime.Runs.GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Delayed, delayed!.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(5), delayed.DelayUntil);

        runtime.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        Assert.Equal(TaskRunStatus.Delayed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);

        runtime.Time.Advance(TimeSpan.FromMilliseconds(1));
        var run = await runtime.CompletionAsync(handle);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(5), run.StartedAt);
    }

    [Fact]
    public async Task A_run_not_started_within_its_ttl_expires_and_never_runs()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            lock (ran)
            {
                ran.Add(payload.Value);
            }

            await gate.Task;
        }, queue: new QueueOptions(TestTasks.UniqueId("busy"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var blocker = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(blocker.RunId, run => run.Status == TaskRunStatus.Executing);
        var waiting = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), new TriggerOptions { Ttl = TimeSpan.FromSeconds(10) }, default);
        runtime.Time.Advance(TimeSpan.FromSeconds(10));
        var expired = await runtime.CompletionAsync(waiting);
        gate.SetResult();
        await runtime.CompletionAsync(blocker);

        Assert.Equal(TaskRunStatus.Expired, expired.Status);
        Assert.Equal(0, expired.Attempts);
        Assert.Null(expired.StartedAt);
        Assert.Contains("TTL", expired.Error);
        Assert.Equal([1], ran);
    }

    [Fact]
    public async Task The_ttl_of_a_delayed_run_counts_from_the_end_of_its_delay()
    {
        // Trigger.dev's rule: the TTL starts when the run is enqueued, which for a delayed run is when its delay ends.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        var task = TestTasks.Define(async (_, payload, _, _) =>
        {
            lock (ran)
            {
                ran.Add(payload.Value);
            }

            await gate.Task;
        }, queue: new QueueOptions(TestTasks.UniqueId("busy"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var blocker = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(blocker.RunId, run => run.Status == TaskRunStatus.Executing);
        var delayed = await runtime.Trigger.TriggerAsync(task, new TestPayload(2),
            new TriggerOptions { Delay = TimeSpan.FromMinutes(10), Ttl = TimeSpan.FromMinutes(1) }, default);
        Assert.Equal(start + TimeSpan.FromMinutes(11), (await runtime.Runs.GetAsync(delayed.RunId))!.ExpiresAt);

        runtime.Time.Advance(TimeSpan.FromMinutes(10));
        await runtime.WaitForAsync(delayed.RunId, run => run.Status == TaskRunStatus.Queued);
        runtime.Time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(delayed.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await runtime.CompletionAsync(delayed);
        gate.SetResult();
        await runtime.CompletionAsync(blocker);

        Assert.Equal(TaskRunStatus.Expired, expired.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(11), expired.CompletedAt);
        Assert.Equal([1], ran);
    }

    [Fact]
    public async Task A_run_that_started_within_its_ttl_does_not_expire_while_retrying()
    {
        var task = TestTasks.Define((_, _, context, _) => context.Attempt == 1 ? throw new InvalidOperationException("once") : Task.CompletedTask,
            retry: TestTasks.NoJitter(minTimeoutInMs: 60_000));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Ttl = TimeSpan.FromSeconds(5) }, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        runtime.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
    }

    [Fact]
    public async Task Tags_are_stored_given_to_the_task_and_usable_to_list_runs()
    {
        IReadOnlyList<string>? seen = null;
        var task = TestTasks.Define((_, payload, context, _) =>
        {
            if (payload.Value == 1)
            {
                seen = context.Tags;
            }

            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var tag = TestTasks.UniqueId("tenant");

        var tagged = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Tags = [tag, "calendar"] }, default);
        var untagged = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default);
        await runtime.CompletionAsync(tagged);
        await runtime.CompletionAsync(untagged);

        var listed = await runtime.Runs.ListAsync(new TaskRunQuery { Tag = tag });
        Assert.Equal(tagged.RunId, Assert.Single(listed).RunId);
        Assert.Equal([tag, "calendar"], listed[0].Tags);
        Assert.Equal([tag, "calendar"], seen);
    }

    [Fact]
    public async Task Invalid_trigger_options_are_rejected_before_anything_is_stored()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxAttempts = 0 }, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Ttl = TimeSpan.Zero }, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromSeconds(-1) }, default));

        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery()));
    }
}

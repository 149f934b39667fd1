using SchemaTasks.Backends;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// An idempotency key lives for its TTL, whatever the run history keeps; a repeat is told how the first run ends,
/// not "done" while it may still fail; a host stop frees the key, a user's cancel keeps it.
/// </summary>
public sealed class IdempotencyKeyLifetimeTests
{
    [Fact]
    public async Task A_key_outlives_the_history_that_forgot_its_run()
    {
        var invoked = new List<int>();
        var task = TestTasks.Define((_, payload, _, _) =>
        {
            lock (invoked)
            {
                invoked.Add(payload.Value);
            }

            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(configure: options => options.RunHistoryLimit = 2, tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k" };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        await runtime.CompletionAsync(first);
        foreach (var value in new[] { 2, 3, 4 })
        {
            await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(value), null, default));
        }

        Assert.Null(await runtime.Runs.GetAsync(first.RunId));
        var repeat = await runtime.Trigger.TriggerAsync(task, new TestPayload(5), keyed, default);

        Assert.Equal(first, repeat);
        Assert.Equal([1, 2, 3, 4], invoked.Order());
    }

    [Fact]
    public async Task A_sync_repeat_waits_for_the_first_run_and_reports_its_success()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoked = 0;
        var task = TestTasks.Define(async (_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            await gate.Task;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k" };

        var first = Task.Run(() => runtime.Sync.RunAsync(task, new TestPayload(1), keyed, default));
        var run = await runtime.WaitForRunOfTaskAsync(task, TaskRunStatus.Executing);
        var repeat = runtime.Sync.RunAsync(task, new TestPayload(1), keyed, default);
        await runtime.WaitForAsync(run.RunId, current => current.Status == TaskRunStatus.Executing);

        Assert.False(repeat.IsCompleted);
        gate.SetResult();
        Assert.Equal(run.RunId, (await repeat.WaitAsync(TestRuntime.SafetyTimeout)).RunId);
        Assert.Equal(run.RunId, (await first.WaitAsync(TestRuntime.SafetyTimeout)).RunId);
        Assert.Equal(1, invoked);
    }

    [Fact]
    public async Task A_sync_repeat_waits_for_the_first_run_and_reports_its_failure()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, _) =>
        {
            await gate.Task;
            throw new InvalidOperationException("the first run fails");
        }, retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k" };

        var first = Task.Run(() => runtime.Sync.RunAsync(task, new TestPayload(1), keyed, default));
        var run = await runtime.WaitForRunOfTaskAsync(task, TaskRunStatus.Executing);
        var repeat = runtime.Sync.RunAsync(task, new TestPayload(1), keyed, default);
        Assert.False(repeat.IsCompleted);
        gate.SetResult();

        var reported = await Assert.ThrowsAsync<TaskRunFailedException>(() => repeat.WaitAsync(TestRuntime.SafetyTimeout));
        Assert.Equal(run.RunId, reported.Run.RunId);
        Assert.Equal(TaskRunStatus.Failed, reported.Run.Status);
        Assert.Contains("the first run fails", reported.Run.Error);
        await Assert.ThrowsAsync<TaskRunFailedException>(() => first.WaitAsync(TestRuntime.SafetyTimeout));
    }

    [Fact]
    public async Task A_sync_repeat_of_a_delayed_run_is_refused_with_an_error_that_says_why()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(tasks: task);

        var delayed = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { IdempotencyKey = "k", Delay = TimeSpan.FromHours(1) }, default);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runtime.Sync.RunAsync(task, new TestPayload(1), new TriggerOptions { IdempotencyKey = "k" }, default));

        Assert.Contains(delayed.RunId, error.Message);
        Assert.Contains("delayed", error.Message);
        Assert.Contains("WaitForCompletionAsync", error.Message);
        Assert.Equal(0, invocations.Count);
        Assert.Equal(TaskRunStatus.Delayed, (await runtime.Runs.GetAsync(delayed.RunId))!.Status);
    }

    [Fact]
    public async Task A_host_stop_frees_the_key_so_that_the_next_host_runs_the_trigger_again()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k", Delay = TimeSpan.FromHours(1) };

        var stopped = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        await runtime.Backend.StopAsync(CancellationToken.None);
        var canceled = (await runtime.Store.FindAsync(stopped.RunId))!;
        // The next host on the same (durable) store: the key no longer points at the run the stop ended.
        var next = TaskRunRecord.Create(new TaskRunRequest(task, "{}", keyed with { Delay = null }), "run_next", TaskRunMode.Async, runtime.Time.GetUtcNow(), null);
        var created = await runtime.Store.CreateAsync(next);

        Assert.Equal(TaskRunStatus.Canceled, canceled.Info.Status);
        Assert.True(canceled.IdempotencyKeyReleased);
        Assert.True(created.Created);
    }

    [Fact]
    public async Task A_caller_that_cancels_an_inline_run_frees_its_key()
    {
        var invoked = 0;
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            if (Interlocked.Increment(ref invoked) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k" };
        using var caller = new CancellationTokenSource();

        var first = runtime.Sync.RunAsync(task, new TestPayload(1), keyed, caller.Token);
        var run = await runtime.WaitForRunOfTaskAsync(task, TaskRunStatus.Executing);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TestRuntime.SafetyTimeout));
        var again = await runtime.Sync.RunAsync(task, new TestPayload(1), keyed, default);

        Assert.Equal(TaskRunStatus.Canceled, (await runtime.Runs.GetAsync(run.RunId))!.Status);
        Assert.NotEqual(run.RunId, again.RunId);
        Assert.Equal(2, invoked);
    }

    [Fact]
    public async Task A_run_canceled_without_releasing_its_key_keeps_it_as_a_user_cancel_will()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k", Delay = TimeSpan.FromHours(1) };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        await runtime.Store.TransitionAsync(new TaskRunTransition
        {
            RunId = first.RunId,
            From = [TaskRunStatus.Delayed],
            To = TaskRunStatus.Canceled,
            At = runtime.Time.GetUtcNow(),
            Error = "canceled by an operator",
        });
        var repeat = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);

        Assert.Equal(first.RunId, repeat.RunId);
    }
}

using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Execution;

public sealed class RetryExecutionTests
{
    [Fact]
    public async Task A_completed_run_records_one_attempt_and_its_timestamps()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunMode.Async, handle.Mode);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(Machine.Small1x, run.Machine);
        Assert.Equal(task.Queue.Name, run.Queue);
        Assert.Equal(runtime.Time.GetUtcNow(), run.CompletedAt);
        Assert.NotNull(run.StartedAt);
    }

    [Fact]
    public async Task Failed_attempts_wait_their_exact_delay_on_the_time_provider_then_retry()
    {
        var attempts = 0;
        var task = TestTasks.Define((_, _, context, _) =>
        {
            Interlocked.Increment(ref attempts);
            return context.Attempt < 3 ? throw new InvalidOperationException($"boom {context.Attempt}") : Task.CompletedTask;
        }, retry: TestTasks.NoJitter(maxAttempts: 3, minTimeoutInMs: 1000, factor: 2));
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var afterFirst = await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        Assert.Equal(start + TimeSpan.FromMilliseconds(1000), afterFirst.DelayUntil);
        Assert.Contains("boom 1", afterFirst.Error);

        runtime.Time.Advance(TimeSpan.FromMilliseconds(1000));
        var afterSecond = await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 2);
        Assert.Equal(start + TimeSpan.FromMilliseconds(1000 + 2000), afterSecond.DelayUntil);

        runtime.Time.Advance(TimeSpan.FromMilliseconds(2000));
        var run = await runtime.CompletionAsync(handle);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_retry_is_not_run_before_its_delay_has_passed()
    {
        var secondAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define((_, _, context, _) =>
        {
            if (context.Attempt == 1)
            {
                throw new InvalidOperationException("first");
            }

            secondAttempt.TrySetResult();
            return Task.CompletedTask;
        }, retry: TestTasks.NoJitter(minTimeoutInMs: 5000));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        runtime.Time.Advance(TimeSpan.FromMilliseconds(4999));
        await Task.Yield();
        Assert.False(secondAttempt.Task.IsCompleted);
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(handle.RunId))!.Status);

        runtime.Time.Advance(TimeSpan.FromMilliseconds(1));
        await secondAttempt.Task.WaitAsync(TestRuntime.SafetyTimeout);
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
    }

    [Fact]
    public async Task The_run_fails_when_its_last_attempt_fails()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InvalidOperationException("always"), retry: TestTasks.NoJitter(maxAttempts: 2, minTimeoutInMs: 10));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Queued && run.Attempts == 1);
        runtime.Time.Advance(TimeSpan.FromMilliseconds(10));
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(2, run.Attempts);
        Assert.Equal("System.InvalidOperationException: always", run.Error);
    }

    [Fact]
    public async Task Max_attempts_of_the_trigger_options_overrides_the_task_policy_downwards()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InvalidOperationException("always"), retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxAttempts = 1 }, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
    }

    [Fact]
    public async Task Max_attempts_of_the_trigger_options_overrides_the_task_policy_upwards()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new InvalidOperationException("always"), retry: TestTasks.NoJitter(maxAttempts: 1, minTimeoutInMs: 0, maxTimeoutInMs: 0));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxAttempts = 4 }, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(4, run.Attempts);
    }

    [Fact]
    public async Task Abort_fails_the_run_at_once_whatever_attempts_remain()
    {
        var attempts = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new AbortTaskRunException("the calendar no longer exists");
        }, retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(1, attempts);
        Assert.Contains("the calendar no longer exists", run.Error);
    }

    [Fact]
    public async Task The_machine_of_the_trigger_options_overrides_the_first_attempt()
    {
        Machine? seen = null;
        var task = TestTasks.Define((_, _, context, _) =>
        {
            seen = context.Machine;
            return Task.CompletedTask;
        }, machine: Machine.Small1x);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Machine = Machine.Large1x }, default);
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(Machine.Large1x, seen);
        Assert.Equal(Machine.Large1x, run.Machine);
    }

    [Fact]
    public async Task The_payload_crosses_the_backend_as_json_and_round_trips()
    {
        var original = new TestPayload(7, "name", [1, 2, 3]);
        TestPayload? received = null;
        TestRuntime? runtimeOfTask = null;
        string? storedWhileRunning = null;
        var task = TestTasks.Define(async (_, payload, context, _) =>
        {
            received = payload;
            storedWhileRunning = (await runtimeOfTask!.Store.FindAsync(context.RunId))!.PayloadJson;
        });
        await using var runtime = runtimeOfTask = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, original, null, default);
        await runtime.CompletionAsync(handle);
        var storedOnceCompleted = await runtime.Store.FindAsync(handle.RunId);

        Assert.NotNull(received);
        Assert.NotSame(original, received);
        Assert.Equal(original.Value, received.Value);
        Assert.Equal(original.Name, received.Name);
        Assert.Equal(original.Items, received.Items);
        Assert.Equal("""{"value":7,"name":"name","items":[1,2,3]}""", storedWhileRunning);
        // Nothing runs a completed run again: history does not keep its payload.
        Assert.Equal("", storedOnceCompleted!.PayloadJson);
    }
}

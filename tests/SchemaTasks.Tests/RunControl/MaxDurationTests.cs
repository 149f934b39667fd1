using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.RunControl;

/// <summary>An attempt that runs past its max duration has its token cancelled and the run ends TimedOut, without a retry.</summary>
public sealed class MaxDurationTests
{
    [Fact]
    public async Task An_attempt_past_the_tasks_max_duration_is_cancelled_and_the_run_ends_TimedOut_without_retry()
    {
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        var task = Define(async (_, _, _, ct) =>
        {
            Interlocked.Increment(ref attempts);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                observed.TrySetResult();
                throw;
            }
        }, maxDuration: TimeSpan.FromSeconds(10));
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Executing);
        runtime.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(TaskRunStatus.Executing, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromMilliseconds(1));
        var run = await runtime.CompletionAsync(handle);
        await observed.Task.WaitAsync(TestRuntime.SafetyTimeout);

        Assert.Equal(TaskRunStatus.TimedOut, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(1, attempts);
        Assert.Equal(start + TimeSpan.FromSeconds(10), run.CompletedAt);
        Assert.Equal(TimeSpan.FromSeconds(10), run.MaxDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), run.LastAttemptDuration);
        Assert.Contains("max duration", run.Error);
        Assert.Single(runtime.Logs.WithId(1212));
        Assert.Empty(runtime.Logs.WithId(1213));
    }

    [Fact]
    public async Task A_task_that_ignores_its_token_is_reported_TimedOut_at_the_limit_but_keeps_its_queue_slot_until_it_returns()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        var task = Define(async (_, payload, _, _) =>
        {
            lock (ran)
            {
                ran.Add(payload.Value);
            }

            if (payload.Value == 1)
            {
                await release.Task; // ignores its token
            }
        }, maxDuration: TimeSpan.FromSeconds(10), queue: new QueueOptions(TestTasks.UniqueId("one"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var hung = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(hung.RunId, run => run.Status == TaskRunStatus.Executing);
        var next = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default);
        runtime.Time.Advance(TimeSpan.FromSeconds(10));
        var timedOut = await runtime.CompletionAsync(hung);

        // Reported at the limit, while the task still runs: the next run may not take its slot.
        Assert.Equal(TaskRunStatus.TimedOut, timedOut.Status);
        Assert.Equal(TaskRunStatus.Queued, (await runtime.Runs.GetAsync(next.RunId))!.Status);
        lock (ran)
        {
            // Run 1's body may not even have started yet (it is Executing from before validation); run 2's has not.
            Assert.DoesNotContain(2, ran);
        }

        runtime.Time.Advance(TimeSpan.FromSeconds(5));
        release.SetResult();
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(next)).Status);
        Assert.Equal(TaskRunStatus.TimedOut, (await runtime.Runs.GetAsync(hung.RunId))!.Status);
        Assert.Equal([1, 2], ran);
        var ignored = Assert.Single(runtime.Logs.WithId(1213));
        Assert.Contains(task.Id, ignored.Message);
        Assert.Contains(hung.RunId, ignored.Message);
    }

    [Fact]
    public async Task The_trigger_option_overrides_the_tasks_max_duration()
    {
        var task = Define((_, _, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct), maxDuration: TimeSpan.FromSeconds(5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var longer = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxDuration = TimeSpan.FromSeconds(20) }, default);
        await runtime.WaitForAsync(longer.RunId, run => run.Status == TaskRunStatus.Executing);
        runtime.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TaskRunStatus.Executing, (await runtime.Runs.GetAsync(longer.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromSeconds(15));

        var run = await runtime.CompletionAsync(longer);
        Assert.Equal(TaskRunStatus.TimedOut, run.Status);
        Assert.Equal(TimeSpan.FromSeconds(20), run.MaxDuration);
    }

    [Fact]
    public async Task Max_duration_applies_to_an_inline_run()
    {
        var task = Define((_, _, _, ct) => Task.Delay(Timeout.InfiniteTimeSpan, ct), maxDuration: TimeSpan.FromSeconds(10));
        await using var runtime = TestRuntime.Create(tasks: task);

        var inline = runtime.Sync.RunAsync(task, new TestPayload(1), null, default);
        var run = await runtime.WaitForRunOfTaskAsync(task, TaskRunStatus.Executing);
        runtime.Time.Advance(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TaskRunFailedException>(() => inline.WaitAsync(TestRuntime.SafetyTimeout));
        Assert.Equal(run.RunId, error.Run.RunId);
        Assert.Equal(TaskRunStatus.TimedOut, error.Run.Status);
        Assert.Equal(1, error.Run.Attempts);
    }

    [Fact]
    public async Task A_max_duration_under_one_second_is_rejected()
    {
        var task = Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { MaxDuration = TimeSpan.FromMilliseconds(999) }, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => Define((_, _, _, _) => Task.CompletedTask, maxDuration: TimeSpan.FromMilliseconds(999)));
    }

    internal static TaskDefinition<TestPayload> Define(TaskInvoker<TestPayload> invoker, TimeSpan? maxDuration = null, QueueOptions? queue = null) =>
        new(TestTasks.UniqueId("timed"), invoker, queue, Machine.Small1x, TestTasks.NoJitter(), maxDuration: maxDuration);
}

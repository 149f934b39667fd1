using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.RunControl;

/// <summary><see cref="ITaskRuns.CancelAsync"/>: waiting runs end at once, an executing attempt's token is cancelled.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task A_delayed_run_ends_Canceled_at_once_and_never_runs()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromMinutes(5) }, default);
        var canceled = await runtime.Runs.CancelAsync(handle.RunId, "not needed any more");
        runtime.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TaskRunStatus.Canceled, canceled!.Status);
        Assert.Equal("not needed any more", canceled.Error);
        Assert.Equal(TaskRunStatus.Canceled, (await runtime.CompletionAsync(handle)).Status);
        Assert.Equal(0, invoked);
        Assert.Equal(0, runtime.Backend.UnfinishedRuns);
        Assert.Single(runtime.Logs.WithId(1215));
    }

    [Fact]
    public async Task A_queued_run_ends_Canceled_and_is_skipped_when_its_turn_comes()
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
        }, queue: new QueueOptions(TestTasks.UniqueId("one"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var blocker = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(blocker.RunId, run => run.Status == TaskRunStatus.Executing);
        var queued = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), null, default);
        var canceled = await runtime.Runs.CancelAsync(queued.RunId);
        var after = await runtime.Trigger.TriggerAsync(task, new TestPayload(3), null, default);
        gate.SetResult();
        await runtime.CompletionAsync(after);

        Assert.Equal(TaskRunStatus.Canceled, canceled!.Status);
        Assert.Equal(TaskRuns.DefaultCancelReason, canceled.Error);
        Assert.Equal(0, canceled.Attempts);
        Assert.Equal([1, 3], ran);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_executing_run_has_its_token_cancelled_and_ends_Canceled_whatever_the_task_throws(bool throwsSomethingElse)
    {
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = 0;
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            Interlocked.Increment(ref attempts);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException) when (throwsSomethingElse)
            {
                observed.TrySetResult();
                throw new InvalidOperationException("cleanup failed after the cancel");
            }
            catch (OperationCanceledException)
            {
                observed.TrySetResult();
                throw;
            }
        }, retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(handle.RunId, run => run.Status == TaskRunStatus.Executing);
        var canceled = await runtime.Runs.CancelAsync(handle.RunId, "operator stop");
        await observed.Task.WaitAsync(TestRuntime.SafetyTimeout);
        runtime.Time.Advance(TimeSpan.FromMinutes(5));
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Canceled, canceled!.Status);
        Assert.Equal(TaskRunStatus.Canceled, run.Status);
        Assert.Equal("operator stop", run.Error);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_final_run_is_returned_unchanged_and_an_unknown_run_is_null()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        var completed = await runtime.CompletionAsync(handle);

        Assert.Equal(completed, await runtime.Runs.CancelAsync(handle.RunId));
        Assert.Null(await runtime.Runs.CancelAsync("run_unknown"));
        Assert.Empty(runtime.Logs.WithId(1215));
    }

    [Fact]
    public async Task A_canceled_run_keeps_its_idempotency_key()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            Interlocked.Increment(ref invoked);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k", Delay = TimeSpan.FromMinutes(1) };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        await runtime.Runs.CancelAsync(first.RunId);
        var repeat = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);

        Assert.Equal(first, repeat);
        Assert.Equal(0, invoked);
    }

    [Fact]
    public async Task Canceling_an_inline_run_cancels_its_token_and_the_caller_is_told_it_was_canceled()
    {
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            finally
            {
                observed.TrySetResult();
            }
        }, retry: TestTasks.NoJitter(maxAttempts: 5));
        await using var runtime = TestRuntime.Create(tasks: task);

        var inline = runtime.Sync.RunAsync(task, new TestPayload(1), null, default);
        var run = await runtime.WaitForRunOfTaskAsync(task, TaskRunStatus.Executing);
        await runtime.Runs.CancelAsync(run.RunId, "operator stop");

        var error = await Assert.ThrowsAsync<TaskRunFailedException>(() => inline.WaitAsync(TestRuntime.SafetyTimeout));
        await observed.Task.WaitAsync(TestRuntime.SafetyTimeout);
        Assert.Equal(TaskRunStatus.Canceled, error.Run.Status);
        Assert.Equal("operator stop", error.Run.Error);
        Assert.Equal(1, error.Run.Attempts);
    }
}

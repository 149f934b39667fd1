using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// Timers cannot wait beyond about 49.7 days (<c>Task.Delay</c> throws above <c>uint.MaxValue - 1</c> ms). Delays and
/// TTLs that long are legitimate, and must neither leave the run stuck nor fail silently.
/// </summary>
public sealed class LongWaitTests
{
    [Fact]
    public async Task A_run_delayed_sixty_days_runs_once_the_sixty_days_have_passed()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromDays(60) }, default);
        runtime.Time.Advance(TimeSpan.FromDays(59));
        Assert.Equal(TaskRunStatus.Delayed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromDays(2));
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, invocations.Count);
        Assert.InRange(run.StartedAt!.Value, start + TimeSpan.FromDays(60), start + TimeSpan.FromDays(61));
    }

    [Fact]
    public async Task A_sixty_day_ttl_expires_a_run_that_never_started()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = TestTasks.Define((_, _, _, _) => gate.Task, queue: new QueueOptions(TestTasks.UniqueId("busy"), 1));
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var blocker = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default);
        await runtime.WaitForAsync(blocker.RunId, run => run.Status == TaskRunStatus.Executing);
        var waiting = await runtime.Trigger.TriggerAsync(task, new TestPayload(2), new TriggerOptions { Ttl = TimeSpan.FromDays(60) }, default);
        runtime.Time.Advance(TimeSpan.FromDays(61));
        var expired = await runtime.CompletionAsync(waiting);
        gate.SetResult();

        Assert.Equal(TaskRunStatus.Expired, expired.Status);
        Assert.InRange(expired.CompletedAt!.Value, start + TimeSpan.FromDays(60), start + TimeSpan.FromDays(61));
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(blocker)).Status);
    }
}

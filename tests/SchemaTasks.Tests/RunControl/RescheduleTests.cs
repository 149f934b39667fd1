using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.RunControl;

/// <summary><see cref="ITaskRuns.RescheduleAsync"/>: a delayed run moves to a new due time counted from now.</summary>
public sealed class RescheduleTests
{
    [Fact]
    public async Task A_delayed_run_moved_later_runs_at_its_new_time_and_not_at_its_old_one()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromHours(1) }, default);
        var moved = await runtime.Runs.RescheduleAsync(handle.RunId, TimeSpan.FromHours(2));
        runtime.Time.Advance(TimeSpan.FromHours(1));
        await Task.Yield();
        Assert.Equal(TaskRunStatus.Delayed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromHours(1));
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(start + TimeSpan.FromHours(2), moved.DelayUntil);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(start + TimeSpan.FromHours(2), run.StartedAt);
        Assert.Single(runtime.Logs.WithId(1217));
    }

    [Fact]
    public async Task A_delayed_run_moved_earlier_runs_at_its_new_time()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromHours(1) }, default);
        await runtime.Runs.RescheduleAsync(handle.RunId, TimeSpan.FromMinutes(1));
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        var run = await runtime.CompletionAsync(handle);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(1), run.StartedAt);
    }

    [Fact]
    public async Task The_ttl_moves_with_the_delay()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var start = runtime.Time.GetUtcNow();

        var handle = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), new TriggerOptions { Delay = TimeSpan.FromMinutes(10), Ttl = TimeSpan.FromMinutes(1) }, default);
        var moved = await runtime.Runs.RescheduleAsync(handle.RunId, TimeSpan.FromMinutes(30));
        runtime.Time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(start + TimeSpan.FromMinutes(31), moved.ExpiresAt);
        Assert.Equal(TaskRunStatus.Delayed, (await runtime.Runs.GetAsync(handle.RunId))!.Status);
        runtime.Time.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(TaskRunStatus.Completed, (await runtime.CompletionAsync(handle)).Status);
    }

    [Theory]
    [InlineData(TaskRunMode.Async)]
    [InlineData(TaskRunMode.Sync)]
    public async Task A_run_that_is_not_delayed_cannot_be_rescheduled_and_the_error_names_its_status(TaskRunMode mode)
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.Mode = mode, tasks: task);

        var handle = mode == TaskRunMode.Async
            ? await runtime.Trigger.TriggerAsync(task, new TestPayload(1), null, default)
            : await runtime.Sync.RunAsync(task, new TestPayload(1), null, default);
        await runtime.CompletionAsync(handle);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.Runs.RescheduleAsync(handle.RunId, TimeSpan.FromMinutes(1)));
        Assert.Contains("Completed", error.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => runtime.Runs.RescheduleAsync("run_unknown", TimeSpan.FromMinutes(1)));
    }
}

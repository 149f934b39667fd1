using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

public sealed class SyncRunnerTests
{
    [Fact]
    public async Task The_sync_runner_runs_inline_records_the_run_and_returns_when_it_completed()
    {
        var scopes = new List<IServiceProvider>();
        var task = TestTasks.Define((services, _, _, _) =>
        {
            scopes.Add(services);
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);

        var handle = await runtime.Sync.RunAsync(task, new TestPayload(1), new TriggerOptions { Tags = ["inline"] }, default);

        var run = await runtime.Runs.GetAsync(handle.RunId);
        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Equal(TaskRunStatus.Completed, run!.Status);
        Assert.Equal(TaskRunMode.Sync, run.Mode);
        Assert.Equal(["inline"], run.Tags);
        Assert.Single(scopes);
    }

    [Fact]
    public async Task The_sync_runner_retries_at_once_in_a_new_scope_per_attempt_up_to_max_attempts()
    {
        var scopes = new List<IServiceProvider>();
        var task = TestTasks.Define((services, _, context, _) =>
        {
            scopes.Add(services);
            return context.Attempt < 3 ? throw new InvalidOperationException("flaky") : Task.CompletedTask;
        }, retry: TestTasks.NoJitter(maxAttempts: 3, minTimeoutInMs: 60_000));
        await using var runtime = TestRuntime.Create(tasks: task);

        // The retry delay (60 s on a frozen fake clock) is not awaited inline: this returns without advancing time.
        var handle = await runtime.Sync.RunAsync(task, new TestPayload(1), null, default).WaitAsync(TestRuntime.SafetyTimeout);

        var run = await runtime.Runs.GetAsync(handle.RunId);
        Assert.Equal(TaskRunStatus.Completed, run!.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Equal(3, scopes.Distinct().Count());
        Assert.Equal(2, runtime.Logs.WithId(1111).Count());
    }

    [Fact]
    public async Task A_failed_inline_run_throws_TaskRunFailedException_with_the_last_error()
    {
        var task = TestTasks.Define((_, _, context, _) => throw new InvalidOperationException($"attempt {context.Attempt}"),
            retry: TestTasks.NoJitter(maxAttempts: 2));
        await using var runtime = TestRuntime.Create(tasks: task);

        var error = await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(1), null, default));

        Assert.Equal("attempt 2", error.InnerException!.Message);
        Assert.Equal(TaskRunStatus.Failed, error.Run.Status);
        Assert.Equal(2, error.Run.Attempts);
        Assert.Equal(TaskRunStatus.Failed, (await runtime.Runs.GetAsync(error.Run.RunId))!.Status);
    }

    [Fact]
    public async Task An_aborted_inline_run_throws_after_one_attempt()
    {
        var task = TestTasks.Define((_, _, _, _) => throw new AbortTaskRunException("stop"), retry: TestTasks.NoJitter(maxAttempts: 3));
        await using var runtime = TestRuntime.Create(tasks: task);

        var error = await Assert.ThrowsAsync<TaskRunFailedException>(() => runtime.Sync.RunAsync(task, new TestPayload(1), null, default));

        Assert.IsType<AbortTaskRunException>(error.InnerException);
        Assert.Equal(1, error.Run.Attempts);
    }

    [Fact]
    public async Task The_sync_runner_honours_the_machine_and_max_attempts_overrides()
    {
        var machines = new List<Machine>();
        var task = TestTasks.Define((_, _, context, _) =>
        {
            machines.Add(context.Machine);
            throw new InvalidOperationException("no");
        }, retry: TestTasks.NoJitter(maxAttempts: 1));
        await using var runtime = TestRuntime.Create(tasks: task);

        var error = await Assert.ThrowsAsync<TaskRunFailedException>(() =>
            runtime.Sync.RunAsync(task, new TestPayload(1), new TriggerOptions { Machine = Machine.Large2x, MaxAttempts = 3 }, default));

        Assert.Equal([Machine.Large2x, Machine.Large2x, Machine.Large2x], machines);
        Assert.Equal(Machine.Large2x, error.Run.Machine);
    }
}

using Microsoft.Extensions.Logging;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Dispatch;

public sealed class SyncOptionsTests
{
    [Fact]
    public async Task Options_the_sync_runner_cannot_honour_are_logged_once_per_task_and_option()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        var other = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: [task, other]);
        var options = new TriggerOptions { Delay = TimeSpan.FromMinutes(1), Ttl = TimeSpan.FromMinutes(5), ConcurrencyKey = "tenant-1" };

        await runtime.Sync.RunAsync(task, new TestPayload(1), options, default);
        await runtime.Sync.RunAsync(task, new TestPayload(2), options, default);
        await runtime.Sync.RunAsync(other, new TestPayload(3), options with { Ttl = null, ConcurrencyKey = null }, default);

        var events = runtime.Logs.WithId(1110).ToList();
        Assert.All(events, entry => Assert.Equal(LogLevel.Warning, entry.Level));
        Assert.Equal(4, events.Count);
        Assert.Single(events, entry => entry.Message.Contains(task.Id) && entry.Message.Contains("option Delay"));
        Assert.Single(events, entry => entry.Message.Contains(task.Id) && entry.Message.Contains("option Ttl"));
        Assert.Single(events, entry => entry.Message.Contains(task.Id) && entry.Message.Contains("option ConcurrencyKey"));
        Assert.Single(events, entry => entry.Message.Contains(other.Id) && entry.Message.Contains("option Delay"));
    }

    [Fact]
    public async Task Options_the_sync_runner_honours_are_not_logged()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        await runtime.Sync.RunAsync(task, new TestPayload(1),
            new TriggerOptions { IdempotencyKey = "k", Tags = ["t"], MaxAttempts = 2, Machine = Machine.Medium1x }, default);

        Assert.Empty(runtime.Logs.WithId(1110));
    }

    [Fact]
    public async Task The_sync_runner_honours_the_idempotency_key()
    {
        var invoked = 0;
        var task = TestTasks.Define((_, _, _, _) =>
        {
            invoked++;
            return Task.CompletedTask;
        });
        await using var runtime = TestRuntime.Create(tasks: task);
        var options = new TriggerOptions { IdempotencyKey = "once" };

        var first = await runtime.Sync.RunAsync(task, new TestPayload(1), options, default);
        var second = await runtime.Sync.RunAsync(task, new TestPayload(1), options, default);

        Assert.Equal(first, second);
        Assert.Equal(1, invoked);
    }

    [Fact]
    public async Task A_caller_that_cancels_an_inline_run_gets_an_OperationCanceledException_and_the_run_is_Canceled()
    {
        using var cancel = new CancellationTokenSource();
        var task = TestTasks.Define(async (_, _, _, ct) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await using var runtime = TestRuntime.Create(tasks: task);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.Sync.RunAsync(task, new TestPayload(1), null, cancel.Token));

        var run = Assert.Single(await runtime.Runs.ListAsync(new TaskRunQuery { TaskId = task.Id }));
        Assert.Equal(TaskRunStatus.Canceled, run.Status);
        Assert.Contains("caller cancelled", run.Error);
    }
}

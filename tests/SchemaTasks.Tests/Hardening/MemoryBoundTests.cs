using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Tests.Infrastructure;

namespace SchemaTasks.Tests.Hardening;

/// <summary>
/// What the in-process backend holds in memory is bounded: unfinished runs by <see cref="SchemaTasksOptions.MaxUnfinishedRuns"/>
/// (past it a trigger fails, and is not run inline either), and the timers of runs that ended do not pile up.
/// </summary>
public sealed class MemoryBoundTests
{
    [Fact]
    public async Task Past_the_bound_on_unfinished_runs_a_trigger_fails_and_is_not_run_inline()
    {
        var task = TestTasks.Counting(out var invocations);
        await using var runtime = TestRuntime.Create(configure: options =>
        {
            options.MaxUnfinishedRuns = 3;
            options.FallbackToSync = true;
        }, tasks: task);
        var tasker = new TestTasker(runtime.Services.GetRequiredService<TaskerContext>(), runtime.Trigger, runtime.Sync, task);

        var held = new List<TaskRunHandle>();
        for (var minutes = 1; minutes <= 3; minutes++)
        {
            held.Add(await tasker.RunAsync(new TestPayload(minutes), new TriggerOptions { Delay = TimeSpan.FromMinutes(minutes) }));
        }

        var error = await Assert.ThrowsAsync<TaskEnqueueException>(() => tasker.RunAsync(new TestPayload(4)));
        Assert.Equal(TaskEnqueueFailure.BackendFull, error.Reason);
        Assert.Contains("MaxUnfinishedRuns", error.Message);
        Assert.Equal((4, 0), (tasker.TriggerCalls, tasker.SyncCalls));
        Assert.Equal(3, runtime.Backend.UnfinishedRuns);

        // One run finishes: one place is free again, and only one.
        runtime.Time.Advance(TimeSpan.FromMinutes(1));
        await runtime.CompletionAsync(held[0]);
        // The backend lets go of a run just after the store records its end.
        Assert.True(SpinWait.SpinUntil(() => runtime.Backend.UnfinishedRuns == 2, TestRuntime.SafetyTimeout));
        var admitted = await tasker.RunAsync(new TestPayload(5), new TriggerOptions { Delay = TimeSpan.FromHours(1) });
        await Assert.ThrowsAsync<TaskEnqueueException>(() => tasker.RunAsync(new TestPayload(6)));

        Assert.Equal(TaskRunMode.Async, admitted.Mode);
        Assert.Equal(1, invocations.Count);
    }

    [Fact]
    public async Task An_idempotent_repeat_does_not_take_a_place()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(configure: options => options.MaxUnfinishedRuns = 2, tasks: task);
        var keyed = new TriggerOptions { IdempotencyKey = "k", Delay = TimeSpan.FromMinutes(1) };

        var first = await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, await runtime.Trigger.TriggerAsync(task, new TestPayload(1), keyed, default));
        }

        Assert.Equal(1, runtime.Backend.UnfinishedRuns);
        await runtime.Trigger.TriggerAsync(task, new TestPayload(2), new TriggerOptions { Delay = TimeSpan.FromMinutes(1) }, default);
    }

    [Fact]
    public async Task A_run_with_no_delay_ttl_or_retry_sets_no_timer()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);

        for (var i = 1; i <= 10; i++)
        {
            await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(i), null, default));
        }

        Assert.Equal(0, runtime.Backend.DueActionCount);
        Assert.True(SpinWait.SpinUntil(() => runtime.Backend.UnfinishedRuns == 0, TestRuntime.SafetyTimeout));
    }

    [Fact]
    public async Task The_ttl_timers_of_runs_that_completed_are_dropped_instead_of_piling_up()
    {
        var task = TestTasks.Define((_, _, _, _) => Task.CompletedTask);
        await using var runtime = TestRuntime.Create(tasks: task);
        var withTtl = new TriggerOptions { Ttl = TimeSpan.FromHours(1) };

        for (var i = 1; i <= 3_000; i++)
        {
            await runtime.CompletionAsync(await runtime.Trigger.TriggerAsync(task, new TestPayload(i), withTtl, default));
        }

        // Without compaction every one of the 3,000 TTLs would wait out its hour in memory.
        Assert.InRange(runtime.Backend.DueActionCount, 0, 1_024);
        runtime.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await runtime.Runs.ListAsync(new TaskRunQuery { Status = TaskRunStatus.Expired }));
    }
}

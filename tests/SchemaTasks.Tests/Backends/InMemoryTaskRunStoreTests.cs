using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;

namespace SchemaTasks.Tests.Backends;

public sealed class InMemoryTaskRunStoreTests : TaskRunStoreConformanceTests
{
    protected override ITaskRunStore CreateStore(TimeProvider timeProvider) => new InMemoryTaskRunStore(timeProvider);

    [Fact]
    public async Task Finished_runs_beyond_the_history_limit_are_forgotten_oldest_first_but_keep_their_idempotency_keys()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time, historyLimit: 2);
        foreach (var id in new[] { "run_1", "run_2", "run_3", "run_4" })
        {
            await store.CreateAsync(new TaskRunRecord
            {
                Info = new TaskRunInfo { RunId = id, TaskId = "a.task", Status = TaskRunStatus.Queued, IdempotencyKey = id },
                PayloadJson = "{}",
                IdempotencyKeyExpiresAt = time.GetUtcNow() + TimeSpan.FromDays(1),
            });
        }

        foreach (var id in new[] { "run_1", "run_2", "run_3" })
        {
            await store.TransitionAsync(new TaskRunTransition { RunId = id, From = [TaskRunStatus.Queued], To = TaskRunStatus.Completed, At = time.GetUtcNow() });
        }

        Assert.Null(await store.GetAsync("run_1"));
        Assert.NotNull(await store.GetAsync("run_2"));
        Assert.NotNull(await store.GetAsync("run_3"));
        Assert.NotNull(await store.GetAsync("run_4"));
        // History forgot run_1, but its key lives for its TTL: a repeat still returns run_1, as it ended.
        var repeat = await store.CreateAsync(new TaskRunRecord
        {
            Info = new TaskRunInfo { RunId = "run_5", TaskId = "a.task", Status = TaskRunStatus.Queued, IdempotencyKey = "run_1" },
            PayloadJson = "{}",
            IdempotencyKeyExpiresAt = time.GetUtcNow() + TimeSpan.FromDays(1),
        });
        Assert.False(repeat.Created);
        Assert.Equal("run_1", repeat.Run.RunId);
        Assert.Equal(TaskRunStatus.Completed, repeat.Run.Status);

        // Once the key's TTL passes, it is free, and the memory it held is given back.
        time.Advance(TimeSpan.FromDays(1));
        var later = await store.CreateAsync(new TaskRunRecord
        {
            Info = new TaskRunInfo { RunId = "run_6", TaskId = "a.task", Status = TaskRunStatus.Queued, IdempotencyKey = "run_1" },
            PayloadJson = "{}",
            IdempotencyKeyExpiresAt = time.GetUtcNow() + TimeSpan.FromDays(1),
        });
        Assert.True(later.Created);
        Assert.Equal("run_6", later.Run.RunId);
    }
}

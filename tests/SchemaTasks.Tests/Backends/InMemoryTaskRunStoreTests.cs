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
    [Fact]
    public async Task The_attempt_transitions_written_out_record_exactly_what_the_general_transitions_record()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time, historyLimit: 1);
        var due = time.GetUtcNow() + TimeSpan.FromMinutes(5);
        foreach (var id in new[] { "run_general", "run_written_out" })
        {
            await store.CreateAsync(new TaskRunRecord
            {
                Info = new TaskRunInfo { RunId = id, TaskId = "a.task", Status = TaskRunStatus.Delayed, DelayUntil = due, Machine = Machine.Large1x },
                PayloadJson = "{\"value\":1}",
            });
        }

        var waiter = store.WaitForCompletionAsync("run_written_out", TimeSpan.FromHours(1));
        time.Advance(TimeSpan.FromMinutes(5));
        var startedAt = time.GetUtcNow();
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_general", From = [TaskRunStatus.Queued, TaskRunStatus.Delayed], FromAttempts = 0, To = TaskRunStatus.Executing,
            At = startedAt, Attempts = 1, StartedAt = startedAt, DelayUntil = null,
        }));
        Assert.False(store.TryStartAttempt("run_written_out", fromAttempts: 1, startedAt));
        Assert.False(store.TryCompleteAttempt("run_written_out", startedAt, TimeSpan.Zero));
        Assert.True(store.TryStartAttempt("run_written_out", fromAttempts: 0, startedAt));
        Assert.False(store.TryStartAttempt("run_written_out", fromAttempts: 0, startedAt));
        Assert.Equal((await store.GetAsync("run_general"))! with { RunId = "" }, (await store.GetAsync("run_written_out"))! with { RunId = "" });

        time.Advance(TimeSpan.FromSeconds(3));
        var at = time.GetUtcNow();
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_general", From = [TaskRunStatus.Executing], To = TaskRunStatus.Completed, At = at, LastAttemptDuration = at - startedAt,
        }));
        var general = (await store.FindAsync("run_general"))!;
        Assert.True(store.TryCompleteAttempt("run_written_out", at, at - startedAt));
        Assert.False(store.TryCompleteAttempt("run_written_out", at, at - startedAt));

        var ended = await waiter.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(general.Info with { RunId = "" }, ended with { RunId = "" });
        Assert.Equal((TaskRunStatus.Completed, 1, startedAt, at, TimeSpan.FromSeconds(3), (DateTimeOffset?)null),
            (ended.Status, ended.Attempts, ended.StartedAt, ended.CompletedAt, ended.LastAttemptDuration, ended.DelayUntil));
        Assert.Equal("", general.PayloadJson);
        Assert.Equal("", (await store.FindAsync("run_written_out"))!.PayloadJson);
        // The history limit of 1 counts the written-out completion too: the older run is forgotten.
        Assert.Null(await store.GetAsync("run_general"));
    }
    [Fact]
    public async Task Every_property_of_a_run_that_a_transition_does_not_name_is_read_back_as_it_was_created()
    {
        // The store keeps a run's fields itself and builds TaskRunInfo from them when read: a property added to
        // TaskRunInfo and not kept would come back as its default. Every property is given a value that is not one.
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time);
        var created = new TaskRunInfo { RunId = "run_1", TaskId = "a.task", Status = TaskRunStatus.Queued };
        foreach (var property in typeof(TaskRunInfo).GetProperties())
        {
            if (property.Name is not (nameof(TaskRunInfo.RunId) or nameof(TaskRunInfo.TaskId) or nameof(TaskRunInfo.Status)))
            {
                property.SetValue(created, NonDefault(property.PropertyType, property.Name));
            }
        }

        await store.CreateAsync(new TaskRunRecord { Info = created, PayloadJson = "{}" });
        var at = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Executing, At = at, DelayUntil = created.DelayUntil,
        }));

        var read = await store.GetAsync("run_1");
        Assert.Equal(created with { Status = TaskRunStatus.Executing, UpdatedAt = at }, read);
    }

    private static object NonDefault(Type type, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => "value of " + name,
            _ when underlying == typeof(int) => 3,
            _ when underlying == typeof(DateTimeOffset) => new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMinutes(name.Length),
            _ when underlying == typeof(TimeSpan) => TimeSpan.FromSeconds(name.Length),
            _ when underlying.IsEnum => Enum.GetValues(underlying).GetValue(1)!,
            _ when underlying == typeof(IReadOnlyList<string>) => new[] { "tag of " + name },
            _ => throw new InvalidOperationException($"TaskRunInfo.{name} is a {type}: give it a value in this test."),
        };
    }
}

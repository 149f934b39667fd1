using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Execution;

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

    [Fact]
    public async Task Every_property_of_a_finished_run_is_read_back_from_history_as_it_was_when_it_finished()
    {
        // History keeps a finished run in a form of its own (its state in a slot of an array, its id as bytes): a
        // property of the run, its record or what the executor reads, not carried into that form, would come back as
        // its default once the run has finished.
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time);
        var runId = RunIds.New();
        var created = new TaskRunInfo { RunId = runId, TaskId = "a.task", Status = TaskRunStatus.Queued };
        foreach (var property in typeof(TaskRunInfo).GetProperties())
        {
            if (property.Name is not (nameof(TaskRunInfo.RunId) or nameof(TaskRunInfo.TaskId) or nameof(TaskRunInfo.Status)))
            {
                property.SetValue(created, NonDefault(property.PropertyType, property.Name));
            }
        }

        var record = new TaskRunRecord
        {
            Info = created, PayloadJson = "{\"value\":5}", MaxAttemptsOverride = 4, IdempotencyKeyExpiresAt = time.GetUtcNow().AddDays(2),
            IdempotencyKeyReleased = true, TraceParent = "00-trace-01",
        };
        await store.CreateAsync(record);
        var at = time.GetUtcNow() + TimeSpan.FromMinutes(1);
        var ended = await store.TransitionAsync(new TaskRunTransition
        {
            RunId = runId, From = [TaskRunStatus.Queued], To = TaskRunStatus.Failed, At = at, DelayUntil = created.DelayUntil,
        });

        Assert.Equal(created with { Status = TaskRunStatus.Failed, UpdatedAt = at, CompletedAt = at }, ended);
        Assert.Equal(1, store.FinishedRunsHeld);
        Assert.Equal(ended, await store.GetAsync(runId));
        Assert.Equal(record with { Info = ended! }, await store.FindAsync(runId));
        Assert.True(store.TryRead(runId, out var read));
        Assert.Equal(StoredRun.From(record with { Info = ended! }), read);
    }

    [Fact]
    public async Task Times_come_back_as_the_same_instants_in_utc_and_a_zero_duration_stays_zero()
    {
        // The store keeps times as UTC ticks and durations as ticks with one sentinel for "none": an instant given with
        // an offset must come back as the same instant, and a zero duration (a fake clock that did not move during the
        // attempt) must not read back as "none", nor "not started" as a start.
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time);
        var plusTwo = new DateTimeOffset(2031, 5, 6, 9, 8, 9, TimeSpan.FromHours(2));
        await store.CreateAsync(new TaskRunRecord
        {
            Info = new TaskRunInfo { RunId = "run_1", TaskId = "a.task", Status = TaskRunStatus.Queued, CreatedAt = plusTwo, UpdatedAt = plusTwo },
            PayloadJson = "{}",
        });

        var created = await store.GetAsync("run_1");
        Assert.Equal(plusTwo, created!.CreatedAt);
        Assert.Null(created.StartedAt);
        Assert.Null(created.CompletedAt);
        Assert.Null(created.LastAttemptDuration);
        Assert.Null(created.MaxDuration);

        var at = plusTwo.AddMinutes(1);
        Assert.True(store.TryStartAttempt("run_1", fromAttempts: 0, at));
        Assert.True(store.TryCompleteAttempt("run_1", at, TimeSpan.Zero));

        var completed = await store.GetAsync("run_1");
        Assert.Equal(plusTwo.UtcDateTime, completed!.CreatedAt.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, completed.CreatedAt.Offset);
        Assert.Equal(at, completed.StartedAt);
        Assert.Equal(at, completed.CompletedAt);
        Assert.Equal(at, completed.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, completed.LastAttemptDuration);
    }

    public static TheoryData<string, TaskRunMode> TriggerOptionSets => new()
    {
        { "none", TaskRunMode.Async },
        { "every option", TaskRunMode.Async },
        { "delay only", TaskRunMode.Async },
        { "ttl only", TaskRunMode.Async },
        { "none", TaskRunMode.Sync },
        { "every option", TaskRunMode.Sync },
    };

    [Theory]
    [MemberData(nameof(TriggerOptionSets))]
    public async Task A_run_created_straight_from_its_request_is_stored_exactly_as_its_record_would_be(string optionSet, TaskRunMode mode)
    {
        // The in-process backend and the sync runner store a run without an idempotency key straight from its request,
        // building no TaskRunRecord or TaskRunInfo: what is read back (every property of both) must be what
        // TaskRunRecord.Create and CreateAsync store, and what the executor reads at the attempt's start must match it.
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var task = new TaskDefinition<int>("a.task", (_, _, _, _) => Task.CompletedTask, new QueueOptions("a-queue", 4), Machine.Large1x, retry: null, maxDuration: TimeSpan.FromMinutes(7));
        var options = optionSet switch
        {
            "every option" => new TriggerOptions
            {
                Delay = TimeSpan.FromMinutes(2), Ttl = TimeSpan.FromMinutes(9), Tags = ["t1", "t2"], MaxAttempts = 5,
                Machine = Machine.Medium2x, MaxDuration = TimeSpan.FromSeconds(30), ConcurrencyKey = "tenant-1",
            },
            "delay only" => new TriggerOptions { Delay = TimeSpan.FromSeconds(1) },
            "ttl only" => new TriggerOptions { Ttl = TimeSpan.FromSeconds(1) },
            _ => new TriggerOptions(),
        };
        var request = new TaskRunRequest(task, "{\"value\":1}", options);
        var fromRecord = new InMemoryTaskRunStore(time);
        var fromRequest = new InMemoryTaskRunStore(time);
        TaskRunInfo? announced = null;
        fromRequest.Changed += run => announced = run;

        await fromRecord.CreateAsync(TaskRunRecord.Create(request, "run_1", mode, now, "00-trace-01"));
        var fields = fromRequest.CreateFromRequest(request, "run_1", mode, now, "00-trace-01");

        var expected = (await fromRecord.FindAsync("run_1"))!;
        var actual = (await fromRequest.FindAsync("run_1"))!;
        // Tags are a list: compared by their items; every other property of the record and its info by value.
        Assert.Equal(expected.Info.Tags, actual.Info.Tags);
        Assert.Equal(expected with { Info = expected.Info with { Tags = [] } }, actual with { Info = actual.Info with { Tags = [] } });
        Assert.Equal(expected.Info with { Tags = [] }, announced! with { Tags = [] });
        Assert.Equal((expected.Info.Status, expected.Info.DelayUntil, expected.Info.ExpiresAt, expected.Info.Machine),
            (fields.Status, fields.DelayUntil, fields.ExpiresAt, fields.Machine));
        Assert.True(fromRequest.TryRead("run_1", out var read));
        Assert.Equal(StoredRun.From(expected) with { Tags = [] }, read with { Tags = [] });
        Assert.Throws<InvalidOperationException>(() => fromRequest.CreateFromRequest(request, "run_1", mode, now, null));
    }

    [Fact]
    public async Task What_the_executor_reads_of_a_run_is_the_stored_run_after_every_kind_of_transition()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time);
        Assert.False(store.TryRead("run_1", out _));
        await store.CreateAsync(new TaskRunRecord
        {
            Info = new TaskRunInfo { RunId = "run_1", TaskId = "a.task", Status = TaskRunStatus.Queued, Queue = "q", Tags = ["x"], ExpiresAt = time.GetUtcNow().AddHours(1) },
            PayloadJson = "{\"value\":2}",
            MaxAttemptsOverride = 4,
            TraceParent = "00-parent-01",
        });

        async Task AssertReadAsStored()
        {
            Assert.True(store.TryRead("run_1", out var read));
            Assert.Equal(StoredRun.From((await store.FindAsync("run_1"))!), read);
        }

        await AssertReadAsStored();
        Assert.True(store.TryStartAttempt("run_1", 0, time.GetUtcNow()));
        await AssertReadAsStored();
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Queued, At = time.GetUtcNow(),
            Machine = Machine.Large2x, Error = "boom", DelayUntil = time.GetUtcNow().AddMinutes(1),
        }));
        await AssertReadAsStored();
        Assert.True(store.TryRead("run_1", out var retrying));
        Assert.Equal((TaskRunStatus.Queued, 1, Machine.Large2x, "boom"), (retrying.Status, retrying.Attempts, retrying.Machine, retrying.Error));
        Assert.True(store.TryStartAttempt("run_1", 1, time.GetUtcNow()));
        Assert.True(store.TryCompleteAttempt("run_1", time.GetUtcNow(), TimeSpan.FromSeconds(1)));
        await AssertReadAsStored();
    }

    [Fact]
    public async Task Fields_a_run_created_without_them_gets_from_a_transition_are_kept_and_cleared_as_the_transitions_say()
    {
        // The entry keeps the fields most runs never set apart, created on first use: a run created with none of them
        // must still record them when a transition sets them, and drop them when one clears them.
        var time = new FakeTimeProvider();
        var store = new InMemoryTaskRunStore(time);
        await store.CreateAsync(new TaskRunRecord { Info = new TaskRunInfo { RunId = "run_1", TaskId = "a.task", Status = TaskRunStatus.Queued }, PayloadJson = "{}" });
        var plain = (await store.FindAsync("run_1"))!;
        Assert.Equal((null, null, null, null, null, null, false), (plain.Info.ConcurrencyKey, plain.Info.IdempotencyKey, plain.Info.Error, plain.Info.DelayUntil, plain.Info.ExpiresAt, plain.MaxAttemptsOverride, plain.IdempotencyKeyReleased));

        var retryAt = time.GetUtcNow().AddMinutes(3);
        var expiresAt = time.GetUtcNow().AddHours(2);
        Assert.True(store.TryStartAttempt("run_1", 0, time.GetUtcNow()));
        var retrying = await store.TransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Queued, At = time.GetUtcNow(),
            Error = "first failure", DelayUntil = retryAt, ExpiresAt = expiresAt,
        });
        Assert.Equal(("first failure", retryAt, expiresAt), (retrying!.Error, retrying.DelayUntil, retrying.ExpiresAt));

        Assert.True(store.TryStartAttempt("run_1", 1, time.GetUtcNow()));
        var canceled = await store.TransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Canceled, At = time.GetUtcNow(), DelayUntil = null, ReleaseIdempotencyKey = true,
        });
        var stored = (await store.FindAsync("run_1"))!;
        // The error is kept when a transition names none, the delay cleared, the TTL kept, the key released.
        Assert.Equal(("first failure", (DateTimeOffset?)null, (DateTimeOffset?)expiresAt), (canceled!.Error, canceled.DelayUntil, canceled.ExpiresAt));
        Assert.True(stored.IdempotencyKeyReleased);
        Assert.Equal(canceled, stored.Info);
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

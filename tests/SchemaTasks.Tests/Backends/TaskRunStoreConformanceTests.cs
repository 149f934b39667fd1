using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;

namespace SchemaTasks.Tests.Backends;

/// <summary>
/// What every <see cref="ITaskRunStore"/> must do, whatever it stores runs in: a durable store (Quartz/PostgreSQL)
/// subclasses this and supplies <see cref="CreateStore"/>. Times come from a fake clock the store must use.
/// </summary>
public abstract class TaskRunStoreConformanceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected abstract ITaskRunStore CreateStore(TimeProvider timeProvider);

    [Fact]
    public async Task Runs_are_listed_newest_first_with_filters_and_paging()
    {
        var store = CreateStore(_time);
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(Record($"run_{i}", i % 2 == 0 ? "a.task" : "b.task", tags: i < 3 ? ["early"] : []));
            if (i % 2 == 1)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(["run_5", "run_4", "run_3", "run_2", "run_1", "run_0"], Ids(await store.ListAsync(new TaskRunQuery())));
        Assert.Equal(["run_3", "run_2"], Ids(await store.ListAsync(new TaskRunQuery { Skip = 2, Take = 2 })));
        Assert.Equal(["run_4", "run_2", "run_0"], Ids(await store.ListAsync(new TaskRunQuery { TaskId = "a.task" })));
        Assert.Equal(["run_2", "run_1", "run_0"], Ids(await store.ListAsync(new TaskRunQuery { Tag = "early" })));
        await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Failed, At = _time.GetUtcNow() });
        Assert.Equal(["run_1"], Ids(await store.ListAsync(new TaskRunQuery { Status = TaskRunStatus.Failed })));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(new TaskRunQuery { Take = 1001 }));
    }

    [Fact]
    public async Task Runs_are_filtered_by_statuses_queue_and_creation_time_and_paged_with_a_stable_cursor()
    {
        var store = CreateStore(_time);
        var start = _time.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(Record($"run_{i}", "a.task") with { Info = Record($"run_{i}", "a.task").Info with { Queue = i < 3 ? "q1" : "q2", CreatedAt = _time.GetUtcNow() } });
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Failed, At = _time.GetUtcNow() });
        await store.TransitionAsync(new TaskRunTransition { RunId = "run_4", From = [TaskRunStatus.Queued], To = TaskRunStatus.Canceled, At = _time.GetUtcNow() });

        Assert.Equal(["run_4", "run_1"], Ids(await store.ListAsync(new TaskRunQuery { Statuses = [TaskRunStatus.Failed, TaskRunStatus.Canceled] })));
        Assert.Equal(["run_2", "run_1", "run_0"], Ids(await store.ListAsync(new TaskRunQuery { Queue = "q1" })));
        Assert.Equal(["run_3", "run_2"], Ids(await store.ListAsync(new TaskRunQuery { From = start + TimeSpan.FromMinutes(2), To = start + TimeSpan.FromMinutes(4) })));

        var firstPage = await store.ListAsync(new TaskRunQuery { Take = 2 });
        Assert.Equal(["run_5", "run_4"], Ids(firstPage));
        // Runs that arrive meanwhile do not shift the next page, as Skip would.
        await store.CreateAsync(Record("run_new", "a.task"));
        Assert.Equal(["run_3", "run_2"], Ids(await store.ListAsync(new TaskRunQuery { After = firstPage[^1].RunId, Take = 2 })));
        Assert.Equal(["run_1"], Ids(await store.ListAsync(new TaskRunQuery { After = "run_2", Statuses = [TaskRunStatus.Failed] })));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new TaskRunQuery { After = "run_unknown" }));
    }

    [Fact]
    public async Task A_transition_records_the_attempts_duration_and_a_moved_ttl()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task"));
        var expiresAt = _time.GetUtcNow() + TimeSpan.FromHours(2);

        var moved = await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Queued, At = _time.GetUtcNow(), ExpiresAt = expiresAt });
        var ended = await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Completed, At = _time.GetUtcNow(), LastAttemptDuration = TimeSpan.FromSeconds(3) });

        Assert.Equal(expiresAt, moved!.ExpiresAt);
        Assert.Equal(expiresAt, ended!.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(3), ended.LastAttemptDuration);
    }

    [Fact]
    public async Task Waiting_for_completion_is_released_by_the_final_transition()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task"));

        var wait = store.WaitForCompletionAsync("run_1", TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);
        await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Executing, At = _time.GetUtcNow(), Attempts = 1 });
        Assert.False(wait.IsCompleted);
        await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Completed, At = _time.GetUtcNow() });

        var run = await wait.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(TaskRunStatus.Completed, (await store.WaitForCompletionAsync("run_1", TimeSpan.Zero)).Status);
    }

    [Fact]
    public async Task Waiting_times_out_on_the_time_provider_and_unknown_runs_are_reported()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task"));

        var wait = store.WaitForCompletionAsync("run_1", TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<TimeoutException>(() => wait.WaitAsync(TimeSpan.FromSeconds(20)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.WaitForCompletionAsync("run_unknown", TimeSpan.FromSeconds(1)));
        Assert.Null(await store.GetAsync("run_unknown"));
    }

    [Fact]
    public async Task A_transition_applies_only_from_the_expected_status()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task"));

        Assert.Null(await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Completed, At = _time.GetUtcNow() }));
        Assert.Null(await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], FromAttempts = 1, To = TaskRunStatus.Expired, At = _time.GetUtcNow() }));
        Assert.NotNull(await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], FromAttempts = 0, To = TaskRunStatus.Expired, At = _time.GetUtcNow() }));
        Assert.Equal(TaskRunStatus.Expired, (await store.GetAsync("run_1"))!.Status);
    }

    [Fact]
    public async Task A_transition_that_returns_no_run_applies_the_same_changes_and_says_whether_it_applied()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task") with { PayloadJson = "{\"value\":42}" });
        var wait = store.WaitForCompletionAsync("run_1", TimeSpan.FromMinutes(1));
        var startedAt = _time.GetUtcNow();

        Assert.False(await store.TryTransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Completed, At = startedAt }));
        Assert.False(await store.TryTransitionAsync(new TaskRunTransition { RunId = "run_unknown", From = [TaskRunStatus.Queued], To = TaskRunStatus.Executing, At = startedAt }));
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Queued], FromAttempts = 0, To = TaskRunStatus.Executing, At = startedAt, Attempts = 1, StartedAt = startedAt, Machine = Machine.Large1x,
        }));
        var executing = await store.FindAsync("run_1");
        Assert.Equal(TaskRunStatus.Executing, executing!.Info.Status);
        Assert.Equal(1, executing.Info.Attempts);
        Assert.Equal(Machine.Large1x, executing.Info.Machine);
        Assert.Equal("{\"value\":42}", executing.PayloadJson);
        Assert.False(wait.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await store.TryTransitionAsync(new TaskRunTransition
        {
            RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Completed, At = _time.GetUtcNow(), LastAttemptDuration = TimeSpan.FromSeconds(2),
        }));
        Assert.False(await store.TryTransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Executing], To = TaskRunStatus.Failed, At = _time.GetUtcNow() }));

        var ended = await wait.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(TaskRunStatus.Completed, ended.Status);
        Assert.Equal(startedAt, ended.StartedAt);
        Assert.Equal(_time.GetUtcNow(), ended.CompletedAt);
        Assert.Equal(TimeSpan.FromSeconds(2), ended.LastAttemptDuration);
        var read = await store.GetAsync("run_1");
        Assert.Equal((TaskRunStatus.Completed, 1, ended.CompletedAt), (read!.Status, read.Attempts, read.CompletedAt));
    }

    [Fact]
    public async Task An_idempotency_key_is_held_until_the_run_fails_or_the_key_expires()
    {
        var store = CreateStore(_time);
        var first = await store.CreateAsync(Record("run_1", "a.task", key: "k"));
        var repeat = await store.CreateAsync(Record("run_2", "a.task", key: "k"));
        Assert.True(first.Created);
        Assert.False(repeat.Created);
        Assert.Equal("run_1", repeat.Run.RunId);
        Assert.Null(await store.GetAsync("run_2"));

        await store.TransitionAsync(new TaskRunTransition { RunId = "run_1", From = [TaskRunStatus.Queued], To = TaskRunStatus.Failed, At = _time.GetUtcNow() });
        Assert.True((await store.CreateAsync(Record("run_3", "a.task", key: "k"))).Created);
    }

    [Fact]
    public async Task A_canceled_run_keeps_its_key_unless_the_cancel_releases_it()
    {
        var store = CreateStore(_time);
        foreach (var (runId, release) in new[] { ("run_user", false), ("run_stop", true) })
        {
            await store.CreateAsync(Record(runId, "a.task", key: runId));
            await store.TransitionAsync(new TaskRunTransition
            {
                RunId = runId,
                From = [TaskRunStatus.Queued],
                To = TaskRunStatus.Canceled,
                At = _time.GetUtcNow(),
                ReleaseIdempotencyKey = release,
            });
        }

        // A user's cancel keeps the key (Trigger.dev); a host stop frees it, so that a trigger after the restart runs.
        Assert.False((await store.CreateAsync(Record("run_user_again", "a.task", key: "run_user"))).Created);
        Assert.True((await store.CreateAsync(Record("run_stop_again", "a.task", key: "run_stop"))).Created);
        Assert.True((await store.FindAsync("run_stop"))!.IdempotencyKeyReleased);
    }

    [Fact]
    public async Task A_repeat_whose_key_has_expired_creates_a_new_run()
    {
        var store = CreateStore(_time);
        await store.CreateAsync(Record("run_1", "a.task", key: "k"));
        _time.Advance(TimeSpan.FromDays(1));

        Assert.True((await store.CreateAsync(Record("run_2", "a.task", key: "k"))).Created);
        Assert.True((await store.CreateAsync(Record("run_3", "b.task", key: "k"))).Created);
    }

    [Fact]
    public async Task The_stored_payload_and_overrides_are_read_back_as_written()
    {
        var store = CreateStore(_time);
        var record = Record("run_1", "a.task") with { PayloadJson = "{\"value\":42}", MaxAttemptsOverride = 7, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };
        await store.CreateAsync(record);

        var found = await store.FindAsync("run_1");
        Assert.Equal(record.PayloadJson, found!.PayloadJson);
        Assert.Equal(7, found.MaxAttemptsOverride);
        Assert.Equal(record.TraceParent, found.TraceParent);
        Assert.Null(await store.FindAsync("run_unknown"));
    }

    protected TaskRunRecord Record(string runId, string taskId, string? key = null, IReadOnlyList<string>? tags = null) => new()
    {
        Info = new TaskRunInfo
        {
            RunId = runId,
            TaskId = taskId,
            Status = TaskRunStatus.Queued,
            IdempotencyKey = key,
            Tags = tags ?? [],
            CreatedAt = _time.GetUtcNow(),
            UpdatedAt = _time.GetUtcNow(),
        },
        PayloadJson = "{}",
        IdempotencyKeyExpiresAt = key is null ? null : _time.GetUtcNow() + TimeSpan.FromDays(1),
    };

    protected static string[] Ids(IReadOnlyList<TaskRunInfo> runs) => [.. runs.Select(run => run.RunId)];
}

using Microsoft.Extensions.Time.Testing;
using SchemaTasks.Backends;
using SchemaTasks.Backends.InProcess;
using SchemaTasks.Execution;

namespace SchemaTasks.Tests.Backends;

/// <summary>
/// The in-memory store's history: a finished run is kept as a slot of an array (its id as bytes when
/// <see cref="RunIds"/> made it), found through an index of its own and forgotten in finishing order. Each test states
/// what a reader of the store would see go wrong if that form lost, kept or misplaced a run.
/// </summary>
public sealed class InMemoryRunHistoryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task History_holds_exactly_its_limit_and_forgets_the_earliest_finished_run_not_the_earliest_created()
    {
        var store = new InMemoryTaskRunStore(_time, historyLimit: 3);
        var ids = Enumerable.Range(0, 5).Select(_ => RunIds.New()).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
        }

        // Finished out of creation order: 1, 0, 2 fill history to exactly its limit, and all are kept.
        foreach (var i in new[] { 1, 0, 2 })
        {
            await FinishAsync(store, ids[i], TaskRunStatus.Completed);
        }

        Assert.Equal(3, store.FinishedRunsHeld);
        foreach (var id in ids)
        {
            Assert.Equal(id, (await store.GetAsync(id))?.RunId);
        }

        // One beyond the limit: the first to finish (1) goes, not the first created (0); the live run 4 stays.
        await FinishAsync(store, ids[3], TaskRunStatus.Completed);
        Assert.Equal(3, store.FinishedRunsHeld);
        Assert.Null(await store.GetAsync(ids[1]));
        Assert.Null(await store.FindAsync(ids[1]));
        Assert.False(store.TryRead(ids[1], out _));
        foreach (var i in new[] { 0, 2, 3, 4 })
        {
            Assert.Equal(ids[i], (await store.GetAsync(ids[i]))?.RunId);
        }

        Assert.Equal([ids[4], ids[3], ids[2], ids[0]], (await store.ListAsync(new TaskRunQuery())).Select(r => r.RunId));
        // A forgotten id is free again, and a kept one is not.
        Assert.True((await store.CreateAsync(Record(ids[1]))).Created);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.CreateAsync(Record(ids[0])));
    }

    [Fact]
    public async Task A_failed_or_canceled_run_in_history_keeps_its_payload_for_replay_and_a_completed_one_keeps_none()
    {
        var store = new InMemoryTaskRunStore(_time);
        string[] ids = [RunIds.New(), RunIds.New(), RunIds.New()];
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id) with { PayloadJson = "{\"value\":7}", TraceParent = "00-trace-01", MaxAttemptsOverride = 2 });
        }

        var failed = await FinishAsync(store, ids[0], TaskRunStatus.Failed, error: "boom");
        var canceled = await FinishAsync(store, ids[1], TaskRunStatus.Canceled, error: "stopped");
        await FinishAsync(store, ids[2], TaskRunStatus.Completed);

        foreach (var (id, ended) in new[] { (ids[0], failed), (ids[1], canceled) })
        {
            var record = (await store.FindAsync(id))!;
            Assert.Equal(("{\"value\":7}", "00-trace-01", (int?)2), (record.PayloadJson, record.TraceParent, record.MaxAttemptsOverride));
            Assert.Equal(ended, record.Info);
            Assert.Equal(ended, await store.GetAsync(id));
            // A wait on a run already in history answers at once, with its final state.
            Assert.Equal(ended, await store.WaitForCompletionAsync(id, TimeSpan.Zero));
        }

        Assert.Equal("boom", (await store.GetAsync(ids[0]))!.Error);
        Assert.Equal("", (await store.FindAsync(ids[2]))!.PayloadJson);
    }

    [Fact]
    public async Task Listing_keeps_creation_order_across_live_and_finished_runs_with_filters_skip_and_cursor()
    {
        var store = new InMemoryTaskRunStore(_time, historyLimit: 3);
        var ids = Enumerable.Range(0, 6).Select(_ => RunIds.New()).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id, taskId: id == ids[2] ? "b.task" : "a.task"));
        }

        foreach (var i in new[] { 3, 1, 4 })
        {
            await FinishAsync(store, ids[i], i == 1 ? TaskRunStatus.Failed : TaskRunStatus.Completed);
        }

        string[] Expect(params int[] indices) => [.. indices.Select(i => ids[i])];
        async Task<string[]> List(TaskRunQuery query) => [.. (await store.ListAsync(query)).Select(r => r.RunId)];

        Assert.Equal(Expect(5, 4, 3, 2, 1, 0), await List(new TaskRunQuery()));
        Assert.Equal(Expect(4, 3), await List(new TaskRunQuery { Status = TaskRunStatus.Completed }));
        Assert.Equal(Expect(5, 4, 3, 1, 0), await List(new TaskRunQuery { TaskId = "a.task" }));
        Assert.Equal(Expect(3, 2), await List(new TaskRunQuery { Skip = 2, Take = 2 }));
        // A cursor on a finished run, and on a live one.
        Assert.Equal(Expect(2, 1, 0), await List(new TaskRunQuery { After = ids[3] }));
        Assert.Equal(Expect(1), await List(new TaskRunQuery { After = ids[2], Take = 1 }));
        Assert.Equal(Expect(1), await List(new TaskRunQuery { After = ids[5], Statuses = [TaskRunStatus.Failed] }));

        // A fourth finish forgets the earliest finished (3): listing closes the gap; it is no cursor any more.
        await FinishAsync(store, ids[0], TaskRunStatus.Completed);
        Assert.Equal(Expect(5, 4, 2, 1, 0), await List(new TaskRunQuery()));
        Assert.Equal(Expect(2, 1, 0), await List(new TaskRunQuery { After = ids[4] }));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new TaskRunQuery { After = ids[3] }));
    }

    [Fact]
    public async Task A_forgotten_run_whose_id_hashes_as_a_kept_runs_id_is_not_found_and_the_kept_one_is()
    {
        // Ids whose halves fold to the same hash (the index's premise, checked here): each lookup must compare the id
        // itself, and forgetting one run must leave the others of its probe run reachable.
        string[] colliding = [Id(1, 0), Id(0, 1), Id(2, 3), Id(3, 2), Id(0x10, 0x11), Id(0x11, 0x10)];
        Assert.Single(colliding.Select(id => StoredRunId.Of(id).GetHashCode()).Distinct());
        var store = new InMemoryTaskRunStore(_time, historyLimit: 2);
        foreach (var id in colliding)
        {
            await store.CreateAsync(Record(id));
        }

        for (var finished = 0; finished < colliding.Length; finished++)
        {
            await FinishAsync(store, colliding[finished], TaskRunStatus.Completed);
            for (var i = 0; i < colliding.Length; i++)
            {
                // Kept: the last two finished, and the live ones.
                var kept = i >= finished - 1;
                Assert.Equal(kept ? colliding[i] : null, (await store.GetAsync(colliding[i]))?.RunId);
            }
        }
    }

    [Fact]
    public async Task Thousands_of_runs_finished_in_random_order_are_found_exactly_while_history_keeps_them()
    {
        // Against a model of history (the last 50 finished): every lookup, after every finish. A third of the ids share
        // one of a few hashes, so that probe runs are long and removals shift buckets.
        const int Limit = 50;
        var random = new Random(12);
        var store = new InMemoryTaskRunStore(_time, historyLimit: Limit);
        var ids = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? Id((ulong)i, (ulong)i ^ (ulong)(i % 4)) : RunIds.New()).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
        }

        var kept = new Queue<string>();
        var live = new HashSet<string>(ids);
        foreach (var id in ids.OrderBy(_ => random.Next()))
        {
            await FinishAsync(store, id, TaskRunStatus.Completed);
            live.Remove(id);
            kept.Enqueue(id);
            if (kept.Count > Limit)
            {
                kept.Dequeue();
            }

            var probe = ids[random.Next(ids.Length)];
            Assert.Equal(live.Contains(probe) || kept.Contains(probe), await store.GetAsync(probe) is not null);
        }

        foreach (var id in ids)
        {
            Assert.Equal(kept.Contains(id) ? id : null, (await store.GetAsync(id))?.RunId);
        }

        var created = ids.ToList();
        Assert.Equal(created.Where(kept.Contains).Reverse(), (await store.ListAsync(new TaskRunQuery { Take = 1000 })).Select(r => r.RunId));
    }

    [Fact]
    public async Task An_id_is_read_back_exactly_as_it_was_stored_whether_or_not_it_is_in_the_generated_form()
    {
        // The generated form (run_ and 32 lowercase hex digits) is kept as bytes: an id that only looks like it (an
        // uppercase digit, one digit short) must not come back lowercased, padded or as another run.
        string[] ids = ["run_0123456789abcdef0123456789abcdef", "run_0123456789abcdef0123456789ABCDEF", "run_0123456789abcdef0123456789abcde", "a-run", RunIds.New()];
        var store = new InMemoryTaskRunStore(_time);
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
            await FinishAsync(store, id, TaskRunStatus.Completed);
        }

        Assert.Equal(ids.Reverse(), (await store.ListAsync(new TaskRunQuery())).Select(r => r.RunId));
        foreach (var id in ids)
        {
            Assert.Equal(id, (await store.GetAsync(id))!.RunId);
            Assert.Equal(id, (await store.FindAsync(id))!.Info.RunId);
        }

        Assert.Null(await store.GetAsync("run_0123456789ABCDEF0123456789abcdef"));
    }

    [Fact]
    public async Task A_finished_run_moved_out_of_its_final_status_is_live_again_and_counted_at_its_last_finish()
    {
        var store = new InMemoryTaskRunStore(_time, historyLimit: 1);
        string[] ids = [RunIds.New(), RunIds.New()];
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
        }

        await FinishAsync(store, ids[0], TaskRunStatus.Failed, error: "boom");
        var requeued = await store.TransitionAsync(new TaskRunTransition { RunId = ids[0], From = [TaskRunStatus.Failed], To = TaskRunStatus.Queued, At = _time.GetUtcNow() });
        Assert.Equal((TaskRunStatus.Queued, "boom"), (requeued!.Status, requeued.Error));
        Assert.True(store.TryStartAttempt(ids[0], 0, _time.GetUtcNow()));

        // The other run's finish does not forget the live one; its own finish, later, forgets the other.
        await FinishAsync(store, ids[1], TaskRunStatus.Completed);
        Assert.Equal(TaskRunStatus.Executing, (await store.GetAsync(ids[0]))!.Status);
        Assert.True(store.TryCompleteAttempt(ids[0], _time.GetUtcNow(), TimeSpan.Zero));
        Assert.Null(await store.GetAsync(ids[1]));
        Assert.Equal((TaskRunStatus.Completed, 1), ((await store.GetAsync(ids[0]))!.Status, (await store.GetAsync(ids[0]))!.Attempts));
        Assert.Equal(1, store.FinishedRunsHeld);

        // A transition between final statuses keeps a run in history, with the change.
        var timedOut = await store.TransitionAsync(new TaskRunTransition { RunId = ids[0], From = [TaskRunStatus.Completed], To = TaskRunStatus.TimedOut, At = _time.GetUtcNow(), Error = "late" });
        Assert.Equal(timedOut, await store.GetAsync(ids[0]));
        Assert.Null(await store.TransitionAsync(new TaskRunTransition { RunId = ids[0], From = [TaskRunStatus.Completed], To = TaskRunStatus.Failed, At = _time.GetUtcNow() }));
    }

    [Fact]
    public async Task An_idempotency_key_outlives_the_history_of_a_run_with_a_generated_id()
    {
        var store = new InMemoryTaskRunStore(_time, historyLimit: 1);
        string[] ids = [RunIds.New(), RunIds.New()];
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id, idempotencyKey: "key-" + id));
            await FinishAsync(store, id, TaskRunStatus.Completed);
        }

        Assert.Null(await store.GetAsync(ids[0]));
        var repeat = await store.CreateAsync(Record(RunIds.New(), idempotencyKey: "key-" + ids[0]));
        Assert.False(repeat.Created);
        Assert.Equal((ids[0], TaskRunStatus.Completed), (repeat.Run.RunId, repeat.Run.Status));
    }

    [Fact]
    public async Task After_a_backlog_drains_the_store_gives_its_room_back_and_keeps_every_remaining_run_in_its_place()
    {
        // A backlog grows the array of creation-order links; once history has forgotten the backlog, the links are
        // renumbered into a smaller array: every live and finished run must keep its place, its lookup and its cursor,
        // and a live run must still finish into its own place.
        const int Limit = 10;
        var store = new InMemoryTaskRunStore(_time, historyLimit: Limit);
        var ids = Enumerable.Range(0, 5000).Select(_ => RunIds.New()).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
        }

        var grown = store.LinkCapacity;
        Assert.True(grown >= ids.Length);
        int[] stayLive = [0, 1234, 2500, 4999];
        var finished = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (!stayLive.Contains(i))
            {
                await FinishAsync(store, ids[i], TaskRunStatus.Completed);
                finished.Add(i);
            }
        }

        Assert.True(store.LinkCapacity <= grown / 4, $"{store.LinkCapacity} links kept of {grown}");
        async Task AssertHeld(IEnumerable<int> held)
        {
            var newestFirst = held.Order().Reverse().Select(i => ids[i]).ToArray();
            Assert.Equal(newestFirst, (await store.ListAsync(new TaskRunQuery { Take = 1000 })).Select(r => r.RunId));
            foreach (var id in newestFirst)
            {
                Assert.Equal(id, (await store.GetAsync(id))?.RunId);
            }
        }

        await AssertHeld(stayLive.Concat(finished.TakeLast(Limit)));
        Assert.Equal([ids[1234], ids[0]], (await store.ListAsync(new TaskRunQuery { After = ids[2500] })).Select(r => r.RunId));

        foreach (var i in stayLive)
        {
            await FinishAsync(store, ids[i], TaskRunStatus.Completed);
            finished.Add(i);
        }

        var later = RunIds.New();
        await store.CreateAsync(Record(later));
        Assert.Equal(later, (await store.ListAsync(new TaskRunQuery { Take = 1 }))[0].RunId);
        Assert.Equal(
            finished.TakeLast(Limit).Order().Reverse().Select(i => ids[i]),
            (await store.ListAsync(new TaskRunQuery { After = later, Take = 1000 })).Select(r => r.RunId));
    }

    [Fact]
    public async Task Readers_on_other_threads_always_find_a_run_while_it_finishes_and_moves_into_history()
    {
        // A run moves from its live entry into history in two steps; a reader in between must find it in one or the
        // other, with a state no older than one it has already seen.
        var store = new InMemoryTaskRunStore(_time);
        var ids = Enumerable.Range(0, 2000).Select(_ => RunIds.New()).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(Record(id));
        }

        using var done = new CancellationTokenSource();
        var misses = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var id in ids)
                {
                    var first = await store.GetAsync(id);
                    store.TryRead(id, out var read);
                    var then = await store.FindAsync(id);
                    if (first is null || read.RunId != id || then is null || (first.Status.IsFinal() && !then.Info.Status.IsFinal()))
                    {
                        Interlocked.Increment(ref misses);
                    }
                }
            }
        })).ToArray();

        await Task.Run(() =>
        {
            foreach (var id in ids)
            {
                Assert.True(store.TryStartAttempt(id, 0, _time.GetUtcNow()));
                Assert.True(store.TryCompleteAttempt(id, _time.GetUtcNow(), TimeSpan.Zero));
            }
        });
        await done.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, misses);
        Assert.Equal(ids.Length, store.FinishedRunsHeld);
    }

    private static string Id(ulong high, ulong low) => $"run_{high:x16}{low:x16}";

    private TaskRunRecord Record(string id, string taskId = "a.task", string? idempotencyKey = null) => new()
    {
        Info = new TaskRunInfo { RunId = id, TaskId = taskId, Status = TaskRunStatus.Queued, Tags = ["t"], IdempotencyKey = idempotencyKey },
        PayloadJson = "{}",
        IdempotencyKeyExpiresAt = idempotencyKey is null ? null : _time.GetUtcNow().AddDays(1),
    };

    private async Task<TaskRunInfo> FinishAsync(InMemoryTaskRunStore store, string id, TaskRunStatus to, string? error = null)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return (await store.TransitionAsync(new TaskRunTransition { RunId = id, From = [TaskRunStatus.Queued], To = to, At = _time.GetUtcNow(), Error = error }))!;
    }
}

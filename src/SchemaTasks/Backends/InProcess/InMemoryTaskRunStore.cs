using System.Collections.Concurrent;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The default <see cref="ITaskRunStore"/>: runs kept in memory, lost when the process ends (as the in-process
/// backend's queues are). Finished runs beyond the history limit are forgotten, earliest finished first, so that memory
/// stays bounded; a completed run drops its payload JSON when it completes. An idempotency key outlives its run's
/// history: it is kept, with the run's last state, until its TTL passes (<see cref="IdempotencyKeys"/>).
/// <para>
/// Concurrency. A live run (not yet finished) is an <see cref="Entry"/> with its own lock, which makes its status
/// compare-and-set atomic, so that the producer creating runs and the workers moving them do not all wait on one lock;
/// the workers find it without a lock (<see cref="_live"/>, a concurrent dictionary of the live runs only). One
/// store-wide lock (<see cref="_gate"/>) guards what spans runs: the idempotency check with the insert, the creation
/// order, and history (<see cref="RunHistory{TLive}"/>), where a finished run is kept as a struct in a ring, not as an
/// object. The store-wide lock may be held while a run's lock is taken, never the other way round.
/// </para>
/// <para>
/// A run finishes in two steps: the transition to a final status under the entry's lock, then, under the store-wide
/// lock and the entry's lock again, its retirement: its state is copied into history, the entry is marked
/// <see cref="Entry.Retired"/> and removed from <see cref="_live"/>, all three at once for anyone holding the store-wide
/// lock. A reader that found the entry before it was removed sees it retired under the entry's lock, and looks again:
/// under the store-wide lock, a run is either in <see cref="_live"/> or in history, never in both nor in neither.
/// Readers of finished runs (a run's page, a listing, a wait on a finished run) take the store-wide lock; the workers'
/// reads and transitions of live runs never do, except once per run, to retire it.
/// </para>
/// Waiters are released by a completion signal per run, never by polling.
/// </summary>
internal sealed class InMemoryTaskRunStore(TimeProvider timeProvider, int historyLimit = SchemaTasksOptions.DefaultRunHistoryLimit) : ITaskRunStore, IAttemptTransitions, IRunCreationFromRequest
{
    private const int MaxPageSize = 1000;

    private readonly Lock _gate = new();
    // The live runs. Written under _gate; read without it (a lookup is lock-free), then the entry's own lock is taken.
    // A run leaves it when it finishes: its node, its entry and (for an id RunIds made) its id's string then die young.
    private readonly ConcurrentDictionary<string, Entry> _live = new(StringComparer.Ordinal);
    // Every run in creation order, and the finished ones history keeps. Under _gate.
    private readonly RunHistory<Entry> _history = new(historyLimit, static (entry, link) => entry.Link = link);
    private readonly IdempotencyKeys _keys = new();

    /// <summary>Raised after every stored change (creation or transition), outside the lock; lets tests await a state without polling.</summary>
    internal event Action<TaskRunInfo>? Changed;

    /// <summary>Links of creation order the store has room for (for tests).</summary>
    internal int LinkCapacity
    {
        get
        {
            lock (_gate)
            {
                return _history.LinkCapacity;
            }
        }
    }

    /// <summary>Finished runs history holds (for tests).</summary>
    internal int FinishedRunsHeld
    {
        get
        {
            lock (_gate)
            {
                return _history.FinishedCount;
            }
        }
    }

    public ValueTask<TaskRunCreation> CreateAsync(TaskRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        lock (_gate)
        {
            ThrowIfStored(info.RunId);
            if (info.IdempotencyKey is { } key)
            {
                var now = timeProvider.GetUtcNow();
                if (_keys.FindHolder(info.TaskId, key, now, FindRecordUnderGate) is { } holder)
                {
                    return ValueTask.FromResult(new TaskRunCreation(holder, Created: false));
                }

                if (run.IdempotencyKeyExpiresAt is { } keyExpiresAt)
                {
                    _keys.Claim(info.TaskId, key, info.RunId, keyExpiresAt);
                }
            }

            Add(new Entry(run));
        }

        Changed?.Invoke(info);
        return ValueTask.FromResult(new TaskRunCreation(info, Created: true));
    }

    public NewRunFields CreateFromRequest(TaskRunRequest request, string runId, TaskRunMode mode, DateTimeOffset now, string? traceParent)
    {
        var fields = new NewRunFields(request, now);
        var entry = new Entry(runId, RunState.Of(request, fields, mode, now, traceParent));
        lock (_gate)
        {
            // The id was just made by RunIds (74 random bits under a millisecond stamp): it is checked against the live
            // runs, a lock-free lookup, but not against history, whose index lookup (a parse of the id and a random
            // read of a table as large as history) cost the trigger proper 15-30 % (round 7). A clash with a finished
            // run would need two of 2^74 ids drawn in one millisecond.
            ThrowIfLive(runId);
            Add(entry);
        }

        if (Changed is { } changed)
        {
            changed(entry.LockedInfo());
        }

        return fields;
    }

    /// <summary>Under <see cref="_gate"/>.</summary>
    private void ThrowIfStored(string runId)
    {
        ThrowIfLive(runId);
        if (_history.TryFind(runId, out _))
        {
            throw AlreadyStored(runId);
        }
    }

    private void ThrowIfLive(string runId)
    {
        if (_live.ContainsKey(runId))
        {
            throw AlreadyStored(runId);
        }
    }

    private static InvalidOperationException AlreadyStored(string runId) => new($"A run with id '{runId}' is already stored.");

    /// <summary>Stores a new run, newest in creation order. Under <see cref="_gate"/>.</summary>
    private void Add(Entry entry)
    {
        entry.Link = _history.Add(entry);
        _live[entry.RunId] = entry;
    }

    /// <summary>A run's record wherever it is. Under <see cref="_gate"/>.</summary>
    private TaskRunRecord? FindRecordUnderGate(string runId)
    {
        if (_live.TryGetValue(runId, out var entry))
        {
            return entry.LockedRecord();
        }

        if (_history.TryFind(runId, out var place))
        {
            ref var state = ref _history.Finished(place);
            return state.Record(state.Info(runId));
        }

        return null;
    }

    /// <summary>
    /// Under the store-wide lock: the state of <paramref name="runId"/> in history, or <see cref="Place.Live"/> when
    /// the run is live (created, or moved out of a final status, since the caller looked): the caller looks again.
    /// </summary>
    private Place FindFinished(string runId, out RunState state)
    {
        lock (_gate)
        {
            if (_live.ContainsKey(runId))
            {
                state = default;
                return Place.Live;
            }

            if (_history.TryFind(runId, out var place))
            {
                state = _history.Finished(place);
                return Place.Finished;
            }

            state = default;
            return Place.Nowhere;
        }
    }

    public bool TryRead(string runId, out StoredRun run)
    {
        while (true)
        {
            if (_live.TryGetValue(runId, out var entry))
            {
                lock (entry)
                {
                    if (!entry.Retired)
                    {
                        run = entry.Read();
                        return true;
                    }
                }
            }

            switch (FindFinished(runId, out var state))
            {
                case Place.Finished:
                    run = state.Read(runId);
                    return true;
                case Place.Nowhere:
                    run = default;
                    return false;
            }
        }
    }

    public ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        while (true)
        {
            if (_live.TryGetValue(runId, out var entry) && entry.TryLockedRecord() is { } record)
            {
                return ValueTask.FromResult<TaskRunRecord?>(record);
            }

            switch (FindFinished(runId, out var state))
            {
                case Place.Finished:
                    return ValueTask.FromResult<TaskRunRecord?>(state.Record(state.Info(runId)));
                case Place.Nowhere:
                    return ValueTask.FromResult<TaskRunRecord?>(null);
            }
        }
    }

    public ValueTask<TaskRunInfo?> TransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return ValueTask.FromResult(Transition(transition.RunId, new Transitioned(transition), alwaysReturnRun: true, out _));
    }

    /// <summary>
    /// The transition without the updated run handed back: most transitions (an attempt's start and its completion)
    /// are read by nobody, and the run's <see cref="TaskRunInfo"/> is then never built for them.
    /// </summary>
    public ValueTask<bool> TryTransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        Transition(transition.RunId, new Transitioned(transition), alwaysReturnRun: false, out var applied);
        return ValueTask.FromResult(applied);
    }

    public bool TryStartAttempt(string runId, int fromAttempts, DateTimeOffset at)
    {
        Transition(runId, new AttemptStarted(fromAttempts, at), alwaysReturnRun: false, out var applied);
        return applied;
    }

    public bool TryCompleteAttempt(string runId, DateTimeOffset at, TimeSpan attemptDuration)
    {
        Transition(runId, new AttemptCompleted(at, attemptDuration), alwaysReturnRun: false, out var applied);
        return applied;
    }

    // Generic over the change (a struct), so that each kind of change is its own specialised code with no allocation.
    private TaskRunInfo? Transition<TChange>(string runId, TChange change, bool alwaysReturnRun, out bool applied)
        where TChange : struct, IEntryChange
    {
        while (true)
        {
            // A live run is changed under its own lock; a finished one (a transition out of a final status, which the
            // runtime never makes, but the store's contract allows) under the store-wide lock. Either answers false
            // when the run moved between the two (retired, or live again): then look again.
            var settled = _live.TryGetValue(runId, out var entry)
                ? TryTransitionLive(entry, change, alwaysReturnRun, out applied, out var updated)
                : TryTransitionFinished(runId, change, alwaysReturnRun, out applied, out updated);
            if (settled)
            {
                return updated;
            }
        }
    }

    private bool TryTransitionLive<TChange>(Entry entry, TChange change, bool alwaysReturnRun, out bool applied, out TaskRunInfo? updated)
        where TChange : struct, IEntryChange
    {
        applied = false;
        updated = null;
        TaskCompletionSource<TaskRunInfo>? waiters = null;
        var changed = Changed;
        bool finished;
        lock (entry)
        {
            if (entry.Retired)
            {
                return false;
            }

            if (!change.Applies(entry))
            {
                return true;
            }

            var wasFinal = entry.Status.IsFinal();
            change.Apply(entry);
            applied = true;
            finished = entry.Status.IsFinal() && !wasFinal;
            if (entry.Status.IsFinal())
            {
                waiters = entry.Completion;
            }

            // Built (under the lock, so that it is this transition's state) only for someone who reads it.
            if (alwaysReturnRun || waiters is not null || changed is not null)
            {
                updated = entry.Info;
            }
        }

        if (finished)
        {
            // After the run's lock is released: the store-wide lock is never taken while a run's lock is held.
            lock (_gate)
            {
                Retire(entry, change.At);
            }
        }

        // Released outside the lock: waiters continue asynchronously anyway, but no reason to hold it.
        waiters?.TrySetResult(updated!);

        if (updated is not null)
        {
            changed?.Invoke(updated);
        }

        return true;
    }

    /// <summary>
    /// Moves a finished run's state into history, in place of its entry (see the class's remarks), and forgets the
    /// earliest finished run when history is full. Under <see cref="_gate"/>. The run may have moved again since it
    /// finished: retired already by a later finish, or out of its final status, to be retired when it finishes again.
    /// </summary>
    private void Retire(Entry entry, DateTimeOffset now)
    {
        RunState finished;
        lock (entry)
        {
            if (entry.Retired || !entry.Status.IsFinal())
            {
                return;
            }

            finished = entry.Retire();
        }

        if (_history.Finish(entry.Link, entry.RunId, finished, out var forgottenId, out var forgotten) && forgotten.IdempotencyKey is not null)
        {
            // The key outlives the run's history, with the run's last state.
            _keys.Forget(forgotten.Record(forgotten.Info(forgottenId.ToString())), now);
        }

        _live.TryRemove(new KeyValuePair<string, Entry>(entry.RunId, entry));
    }

    private bool TryTransitionFinished<TChange>(string runId, TChange change, bool alwaysReturnRun, out bool applied, out TaskRunInfo? updated)
        where TChange : struct, IEntryChange
    {
        applied = false;
        updated = null;
        var changed = Changed;
        lock (_gate)
        {
            if (_live.ContainsKey(runId))
            {
                return false;
            }

            if (!_history.TryFind(runId, out var place))
            {
                return true;
            }

            // An entry of its own for the change, which nobody else sees (the changes are written for entries), on a
            // detached copy: readers may hold copies of the state in history.
            var entry = new Entry(runId, _history.Finished(place).Detached());
            if (!change.Applies(entry))
            {
                return true;
            }

            change.Apply(entry);
            applied = true;
            if (entry.Status.IsFinal())
            {
                // Still finished: stays in history, where it was in finishing order.
                _history.Finished(place) = entry.Retire();
            }
            else
            {
                entry.Link = _history.Revive(place, entry);
                _live[runId] = entry;
            }

            if (alwaysReturnRun || changed is not null)
            {
                updated = entry.LockedInfo();
            }
        }

        if (updated is not null)
        {
            changed?.Invoke(updated);
        }

        return true;
    }

    // A loop rather than IReadOnlyList.Contains (a LINQ call through the interface) on every transition.
    private static bool Contains(IReadOnlyList<TaskRunStatus> statuses, TaskRunStatus status)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] == status)
            {
                return true;
            }
        }

        return false;
    }

    public Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        while (true)
        {
            if (_live.TryGetValue(runId, out var entry) && entry.TryLockedInfo() is { } info)
            {
                return Task.FromResult<TaskRunInfo?>(info);
            }

            switch (FindFinished(runId, out var state))
            {
                case Place.Finished:
                    return Task.FromResult<TaskRunInfo?>(state.Info(runId));
                case Place.Nowhere:
                    return Task.FromResult<TaskRunInfo?>(null);
            }
        }
    }

    public async Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TaskCompletionSource<TaskRunInfo>? completion = null;
        while (completion is null)
        {
            if (_live.TryGetValue(runId, out var entry))
            {
                lock (entry)
                {
                    if (!entry.Retired)
                    {
                        if (entry.Status.IsFinal())
                        {
                            return entry.Info;
                        }

                        // Created only for a run someone waits for; the transition to a final status (under this lock) completes it.
                        completion = entry.Completion ??= new TaskCompletionSource<TaskRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
                        continue;
                    }
                }
            }

            switch (FindFinished(runId, out var state))
            {
                case Place.Finished:
                    return state.Info(runId);
                case Place.Nowhere:
                    throw new KeyNotFoundException($"No run with id '{runId}' is known.");
            }
        }

        try
        {
            return await completion.Task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Run '{runId}' did not reach a final status within {timeout}.", ex);
        }
    }

    public Task<IReadOnlyList<TaskRunInfo>> ListAsync(TaskRunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Take, MaxPageSize);
        lock (_gate)
        {
            var page = new List<TaskRunInfo>(Math.Min(query.Take, _history.Count));
            var skip = query.Skip;
            var link = _history.Newest;
            if (query.After is { } after)
            {
                // Under the store-wide lock, a live entry is not retired: its link is its place in creation order.
                link = _live.TryGetValue(after, out var cursor) ? cursor.Link
                    : _history.TryFind(after, out var finished) ? _history.LinkOf(finished)
                    : throw new ArgumentException($"The cursor run '{after}' is not known to the run store (never stored, or forgotten by history).", nameof(query));
                link = _history.Older(link);
            }

            // Walks creation order backwards and stops once the page is full, with no sort.
            for (; link != RunHistory<Entry>.None && page.Count < query.Take; link = _history.Older(link))
            {
                TaskRunInfo info;
                if (_history.Live(link) is { } entry)
                {
                    info = entry.LockedInfo();
                }
                else
                {
                    var place = _history.PlaceOf(link);
                    ref var state = ref _history.Finished(place);
                    if (!MayMatch(query, state))
                    {
                        continue;
                    }

                    info = state.Info(_history.Id(place).ToString());
                }

                if (query.Matches(info) && skip-- <= 0)
                {
                    page.Add(info);
                }
            }

            return Task.FromResult<IReadOnlyList<TaskRunInfo>>(page);
        }
    }

    /// <summary>
    /// Whether a finished run can match <paramref name="query"/>, by the fields a filtered listing most often names:
    /// a listing of a status or a task over a full history would otherwise build the info of every run it passes.
    /// <see cref="TaskRunQuery.Matches"/> still decides.
    /// </summary>
    private static bool MayMatch(TaskRunQuery query, in RunState state) =>
        (query.TaskId is null || string.Equals(state.TaskId, query.TaskId, StringComparison.Ordinal))
        && (query.Status is null || state.Status == query.Status)
        && (query.Statuses is not { Count: > 0 } statuses || Contains(statuses, state.Status));

    /// <summary>Where a run is, for a reader that did not find it live.</summary>
    private enum Place
    {
        Nowhere,
        Live,
        Finished,
    }

    /// <summary>
    /// A live run: its id and <see cref="RunState"/>, changed in place by the transitions; the
    /// <see cref="TaskRunInfo"/> and the <see cref="TaskRunRecord"/> are built when read after a transition, not on each
    /// transition: an attempt's start and its completion are read by nobody on most runs. Read and changed under its
    /// own lock (<c>lock (entry)</c>) only; <see cref="Link"/> under the store-wide lock. Once the run has finished and
    /// its state is in history, it is <see cref="Retired"/>: no longer read nor changed.
    /// </summary>
    private sealed class Entry
    {
        private readonly string _runId;
        private RunState _state;

        // Built on read and kept until the next transition (a TaskRunInfo, or a TaskRunRecord holding its info); the
        // creation's own objects when it had them. One field for both: most runs are never read.
        private object? _read;

        /// <summary>A run created from its record (<see cref="ITaskRunStore.CreateAsync"/>).</summary>
        public Entry(TaskRunRecord record)
        {
            _runId = record.Info.RunId;
            _state = RunState.Of(record);
            _read = record;
        }

        /// <summary>A run of the given state: new from its request, or taken out of history for a transition.</summary>
        public Entry(string runId, in RunState state)
        {
            _runId = runId;
            _state = state;
        }

        public string RunId => _runId;

        /// <summary>The run's link in creation order (<see cref="RunHistory{TLive}"/>). Under the store-wide lock.</summary>
        public int Link { get; set; }

        /// <summary>Whether the run's state has moved into history: whoever finds this entry then looks there.</summary>
        public bool Retired { get; private set; }

        public TaskRunStatus Status => _state.Status;

        public int Attempts => _state.Attempts;

        /// <summary>The fields an attempt reads, copied (under this entry's lock).</summary>
        public StoredRun Read() => _state.Read(_runId);

        /// <summary>The run's current state.</summary>
        public TaskRunInfo Info => _read as TaskRunInfo ?? (_read as TaskRunRecord)?.Info ?? (TaskRunInfo)(_read = _state.Info(_runId));

        /// <summary>The run's current record.</summary>
        public TaskRunRecord Record => _read as TaskRunRecord ?? (TaskRunRecord)(_read = _state.Record(Info));

        public TaskRunInfo LockedInfo()
        {
            lock (this)
            {
                return Info;
            }
        }

        public TaskRunRecord LockedRecord()
        {
            lock (this)
            {
                return Record;
            }
        }

        /// <summary>The run's current state, or null once it is retired (then it is read from history).</summary>
        public TaskRunInfo? TryLockedInfo()
        {
            lock (this)
            {
                return Retired ? null : Info;
            }
        }

        /// <summary>The run's current record, or null once it is retired (then it is read from history).</summary>
        public TaskRunRecord? TryLockedRecord()
        {
            lock (this)
            {
                return Retired ? null : Record;
            }
        }

        /// <summary>Completed with the final state; null until someone waits for the run (most runs are never waited for).</summary>
        public TaskCompletionSource<TaskRunInfo>? Completion { get => _state.Completion; set => _state.Completion = value; }

        /// <summary>Marks the run retired and hands over the state history keeps (under this entry's lock).</summary>
        public RunState Retire()
        {
            Retired = true;
            return _state.Finished();
        }

        /// <summary>Applies a transition whose expected state the store has checked (the rules of <see cref="TaskRunTransition"/>).</summary>
        public void Apply(TaskRunTransition transition)
        {
            _state.Apply(transition);
            _read = null;
        }

        /// <summary>What <see cref="Apply"/> does for an attempt's start (see <see cref="IAttemptTransitions.TryStartAttempt"/>).</summary>
        public void StartAttempt(DateTimeOffset at)
        {
            _state.StartAttempt(at);
            _read = null;
        }

        /// <summary>What <see cref="Apply"/> does for an attempt's completion (see <see cref="IAttemptTransitions.TryCompleteAttempt"/>).</summary>
        public void CompleteAttempt(DateTimeOffset at, TimeSpan attemptDuration)
        {
            _state.CompleteAttempt(at, attemptDuration);
            _read = null;
        }
    }

    /// <summary>A change of one run: whether it applies to the run as it is (the compare of the compare-and-set), and the set.</summary>
    private interface IEntryChange
    {
        DateTimeOffset At { get; }

        bool Applies(Entry entry);

        void Apply(Entry entry);
    }

    private readonly struct Transitioned(TaskRunTransition transition) : IEntryChange
    {
        public DateTimeOffset At => transition.At;

        public bool Applies(Entry entry) =>
            Contains(transition.From, entry.Status) && (transition.FromAttempts is not { } attempts || attempts == entry.Attempts);

        public void Apply(Entry entry) => entry.Apply(transition);
    }

    private readonly struct AttemptStarted(int fromAttempts, DateTimeOffset at) : IEntryChange
    {
        public DateTimeOffset At => at;

        public bool Applies(Entry entry) =>
            entry.Status is TaskRunStatus.Queued or TaskRunStatus.Delayed && entry.Attempts == fromAttempts;

        public void Apply(Entry entry) => entry.StartAttempt(at);
    }

    private readonly struct AttemptCompleted(DateTimeOffset at, TimeSpan attemptDuration) : IEntryChange
    {
        public DateTimeOffset At => at;

        public bool Applies(Entry entry) => entry.Status == TaskRunStatus.Executing;

        public void Apply(Entry entry) => entry.CompleteAttempt(at, attemptDuration);
    }
}

using System.Collections.Concurrent;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The default <see cref="ITaskRunStore"/>: runs kept in memory, lost when the process ends (as the in-process
/// backend's queues are). Each run has its own lock, which makes its status compare-and-set atomic, so that the
/// producer creating runs and the workers moving them do not all wait on one lock; one store-wide lock guards what
/// spans runs (the idempotency check with the insert, the history and its limit). The store-wide lock may be held
/// while a run's lock is taken, never the other way round. Waiters are released by a completion signal per run, never
/// by polling. Finished runs beyond the history limit are forgotten, oldest first, so that memory stays bounded; a
/// completed run drops its payload JSON when it completes. An idempotency key outlives its run's history: it is kept,
/// with the run's last state, until its TTL passes (<see cref="IdempotencyKeys"/>).
/// </summary>
internal sealed class InMemoryTaskRunStore(TimeProvider timeProvider, int historyLimit = SchemaTasksOptions.DefaultRunHistoryLimit) : ITaskRunStore, IAttemptTransitions, IRunCreationFromRequest
{
    private const int MaxPageSize = 1000;

    private readonly Lock _gate = new();
    // Written under _gate; read without it (a lookup is lock-free), then the entry's own lock is taken.
    private readonly ConcurrentDictionary<string, Entry> _runs = new(StringComparer.Ordinal);
    // Creation order, oldest first, newest last, linked through the entries themselves (no list node per run): listing
    // walks it backwards and stops once the page is full, with no sort. Under _gate.
    private Entry? _oldest;
    private Entry? _newest;
    private readonly IdempotencyKeys _keys = new();
    private readonly Queue<string> _finished = new();

    /// <summary>Raised after every stored change (creation or transition), outside the lock; lets tests await a state without polling.</summary>
    internal event Action<TaskRunInfo>? Changed;

    public ValueTask<TaskRunCreation> CreateAsync(TaskRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var info = run.Info;
        lock (_gate)
        {
            if (_runs.ContainsKey(info.RunId))
            {
                throw new InvalidOperationException($"A run with id '{info.RunId}' is already stored.");
            }

            if (info.IdempotencyKey is { } key)
            {
                var now = timeProvider.GetUtcNow();
                if (_keys.FindHolder(info.TaskId, key, now, runId => _runs.TryGetValue(runId, out var held) ? held.LockedRecord() : null) is { } holder)
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
        var entry = new Entry(request, fields, runId, mode, now, traceParent);
        lock (_gate)
        {
            if (_runs.ContainsKey(runId))
            {
                throw new InvalidOperationException($"A run with id '{runId}' is already stored.");
            }

            Add(entry);
        }

        if (Changed is { } changed)
        {
            changed(entry.LockedInfo());
        }

        return fields;
    }

    /// <summary>Stores a new run, newest in history. Under <see cref="_gate"/>.</summary>
    private void Add(Entry entry)
    {
        entry.Older = _newest;
        if (_newest is null)
        {
            _oldest = entry;
        }
        else
        {
            _newest.Newer = entry;
        }

        _newest = entry;
        _runs[entry.RunId] = entry;
    }

    public bool TryRead(string runId, out StoredRun run)
    {
        if (_runs.TryGetValue(runId, out var entry))
        {
            lock (entry)
            {
                run = entry.Read();
                return true;
            }
        }

        run = default;
        return false;
    }

    public ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return ValueTask.FromResult(_runs.TryGetValue(runId, out var entry) ? entry.LockedRecord() : null);
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
        applied = false;
        TaskRunInfo? updated = null;
        TaskCompletionSource<TaskRunInfo>? waiters = null;
        var changed = Changed;
        if (!_runs.TryGetValue(runId, out var entry))
        {
            return null;
        }

        bool finished;
        lock (entry)
        {
            if (!change.Applies(entry))
            {
                return null;
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
                _finished.Enqueue(runId);
                ForgetOldestFinishedRuns(change.At);
            }
        }

        // Released outside the lock: waiters continue asynchronously anyway, but no reason to hold it.
        waiters?.TrySetResult(updated!);

        if (updated is not null)
        {
            changed?.Invoke(updated);
        }

        return updated;
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
        return Task.FromResult(_runs.TryGetValue(runId, out var entry) ? entry.LockedInfo() : null);
    }

    public async Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TaskCompletionSource<TaskRunInfo> completion;
        if (!_runs.TryGetValue(runId, out var entry))
        {
            throw new KeyNotFoundException($"No run with id '{runId}' is known.");
        }

        lock (entry)
        {
            if (entry.Status.IsFinal())
            {
                return entry.Info;
            }

            // Created only for a run someone waits for; the transition to a final status (under this lock) completes it.
            completion = entry.Completion ??= new TaskCompletionSource<TaskRunInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            var page = new List<TaskRunInfo>(Math.Min(query.Take, _runs.Count));
            var skip = query.Skip;
            var start = _newest;
            if (query.After is { } after)
            {
                start = _runs.TryGetValue(after, out var cursor)
                    ? cursor.Older
                    : throw new ArgumentException($"The cursor run '{after}' is not known to the run store (never stored, or forgotten by history).", nameof(query));
            }

            for (var entry = start; entry is not null && page.Count < query.Take; entry = entry.Older)
            {
                var info = entry.LockedInfo();
                if (query.Matches(info) && skip-- <= 0)
                {
                    page.Add(info);
                }
            }

            return Task.FromResult<IReadOnlyList<TaskRunInfo>>(page);
        }
    }

    private void ForgetOldestFinishedRuns(DateTimeOffset now)
    {
        while (_finished.Count > historyLimit)
        {
            var runId = _finished.Dequeue();
            if (_runs.TryRemove(runId, out var forgotten))
            {
                Unlink(forgotten);
                if (forgotten.HasIdempotencyKey)
                {
                    _keys.Forget(forgotten.LockedRecord(), now);
                }
            }
        }
    }

    private void Unlink(Entry entry)
    {
        if (entry.Older is { } older)
        {
            older.Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        if (entry.Newer is { } newer)
        {
            newer.Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }

        entry.Older = null;
        entry.Newer = null;
    }

    /// <summary>
    /// A stored run. A transition changes its fields in place; the <see cref="TaskRunInfo"/> and the
    /// <see cref="TaskRunRecord"/> are built when read after a transition, not on each transition: an attempt's start
    /// and its completion are read by nobody on most runs. The payload is dropped at completion by clearing a field.
    /// Read and changed under its own lock (<c>lock (entry)</c>) only; <see cref="Older"/> and <see cref="Newer"/> under
    /// the store-wide lock. Held for as long as history keeps the run (10,000 finished runs by default), so it keeps
    /// what a transition never changes as fields of its own rather than the creation's whole <see cref="TaskRunInfo"/>:
    /// every byte of it survives the collections of the young generation, and is copied by them.
    /// </summary>
    private sealed class Entry
    {
        private readonly string _runId;
        private readonly string _taskId;
        private readonly TaskRunMode _mode;
        private readonly string? _queue;
        private readonly IReadOnlyList<string> _tags;
        private readonly string? _traceParent;
        private string _payloadJson;

        // Built on read and kept until the next transition (a TaskRunInfo, or a TaskRunRecord holding its info); the
        // creation's own objects when it had them. One field for both: most runs are never read.
        private object? _read;

        private Machine _machine;

        // The times as UTC ticks and the durations as ticks (StoredTime), not as DateTimeOffset? (24 bytes each) and
        // TimeSpan? (16): every byte of an entry is held, and copied by the young collections, for as long as history
        // keeps the run. Every time the store is given comes from TimeProvider.GetUtcNow, so nothing is lost but the
        // offset, which is zero.
        private readonly long _createdAt;
        private readonly long _maxDuration;
        private long _startedAt;
        private long _lastAttemptDuration;
        private long _updatedAt;
        private long _completedAt;

        // What most runs never set (a concurrency or idempotency key, an attempt limit, a delay, a TTL, an error, a
        // waiter): kept apart, so that a run without them holds ~100 bytes less while it waits and then in history.
        private RareFields? _rare;

        /// <summary>A run created from its record (<see cref="ITaskRunStore.CreateAsync"/>).</summary>
        public Entry(TaskRunRecord record)
        {
            var info = record.Info;
            _runId = info.RunId;
            _taskId = info.TaskId;
            _mode = info.Mode;
            _queue = info.Queue;
            ConcurrencyKey = info.ConcurrencyKey;
            IdempotencyKey = info.IdempotencyKey;
            _tags = info.Tags;
            _createdAt = StoredTime.Of(info.CreatedAt);
            _maxDuration = StoredTime.Of(info.MaxDuration);
            MaxAttemptsOverride = record.MaxAttemptsOverride;
            KeyExpiresAt = record.IdempotencyKeyExpiresAt;
            _traceParent = record.TraceParent;
            _payloadJson = record.PayloadJson;
            KeyReleased = record.IdempotencyKeyReleased;
            _read = record;
            _machine = info.Machine;
            Error = info.Error;
            _startedAt = StoredTime.Of(info.StartedAt);
            DelayUntil = info.DelayUntil;
            ExpiresAt = info.ExpiresAt;
            _lastAttemptDuration = StoredTime.Of(info.LastAttemptDuration);
            _updatedAt = StoredTime.Of(info.UpdatedAt);
            _completedAt = StoredTime.Of(info.CompletedAt);
            Status = info.Status;
            Attempts = info.Attempts;
        }

        /// <summary>
        /// A new run straight from its request (<see cref="IRunCreationFromRequest"/>): the fields
        /// <see cref="TaskRunRecord.Create"/> gives it, with no record or info built.
        /// </summary>
        public Entry(TaskRunRequest request, in NewRunFields fields, string runId, TaskRunMode mode, DateTimeOffset now, string? traceParent)
        {
            var options = request.Options;
            _runId = runId;
            _taskId = request.Task.Id;
            _mode = mode;
            _queue = request.Task.Queue.Name;
            ConcurrencyKey = options.ConcurrencyKey;
            IdempotencyKey = options.IdempotencyKey;
            _tags = fields.Tags;
            _createdAt = StoredTime.Of(now);
            _maxDuration = StoredTime.Of(fields.MaxDuration);
            MaxAttemptsOverride = options.MaxAttempts;
            KeyExpiresAt = fields.IdempotencyKeyExpiresAt;
            _traceParent = traceParent;
            _payloadJson = request.PayloadJson;
            _machine = fields.Machine;
            DelayUntil = fields.DelayUntil;
            ExpiresAt = fields.ExpiresAt;
            _updatedAt = _createdAt;
            Status = fields.Status;
            _lastAttemptDuration = StoredTime.NoDuration;
        }

        public string RunId => _runId;

        private string? ConcurrencyKey { get => _rare?.ConcurrencyKey; init => SetRare(value, static (rare, v) => rare.ConcurrencyKey = v); }

        private string? IdempotencyKey { get => _rare?.IdempotencyKey; init => SetRare(value, static (rare, v) => rare.IdempotencyKey = v); }

        private int? MaxAttemptsOverride { get => _rare?.MaxAttemptsOverride; init => SetRare(value, static (rare, v) => rare.MaxAttemptsOverride = v); }

        private DateTimeOffset? KeyExpiresAt { get => _rare?.KeyExpiresAt; init => SetRare(value, static (rare, v) => rare.KeyExpiresAt = v); }

        private bool KeyReleased { get => _rare?.KeyReleased ?? false; set => SetRare(value, static (rare, v) => rare.KeyReleased = v); }

        private string? Error { get => _rare?.Error; set => SetRare(value, static (rare, v) => rare.Error = v); }

        private DateTimeOffset? DelayUntil { get => _rare?.DelayUntil; set => SetRare(value, static (rare, v) => rare.DelayUntil = v); }

        private DateTimeOffset? ExpiresAt { get => _rare?.ExpiresAt; set => SetRare(value, static (rare, v) => rare.ExpiresAt = v); }

        /// <summary>Sets a rare field, creating <see cref="_rare"/> only for a value other than the field's default.</summary>
        private void SetRare<T>(T value, Action<RareFields, T> set)
        {
            if (_rare is null && EqualityComparer<T>.Default.Equals(value, default))
            {
                return;
            }

            set(_rare ??= new RareFields(), value);
        }

        public TaskRunStatus Status { get; private set; }

        public int Attempts { get; private set; }

        /// <summary>The fields an attempt reads, copied (under this entry's lock).</summary>
        public StoredRun Read() => new(
            _runId, _taskId, _mode, _queue, Status, Attempts, _machine, _tags, Error, ExpiresAt, StoredTime.Duration(_maxDuration), _payloadJson,
            MaxAttemptsOverride, _traceParent);

        public bool HasIdempotencyKey => IdempotencyKey is not null;

        /// <summary>The run's current state.</summary>
        public TaskRunInfo Info => _read as TaskRunInfo ?? (_read as TaskRunRecord)?.Info ?? (TaskRunInfo)(_read = BuildInfo());

        private TaskRunInfo BuildInfo() => new()
        {
            RunId = _runId,
            TaskId = _taskId,
            Mode = _mode,
            Queue = _queue,
            ConcurrencyKey = ConcurrencyKey,
            IdempotencyKey = IdempotencyKey,
            Tags = _tags,
            CreatedAt = StoredTime.At(_createdAt),
            MaxDuration = StoredTime.Duration(_maxDuration),
            Status = Status,
            Attempts = Attempts,
            Machine = _machine,
            Error = Error,
            StartedAt = StoredTime.AtOrNull(_startedAt),
            DelayUntil = DelayUntil,
            ExpiresAt = ExpiresAt,
            LastAttemptDuration = StoredTime.Duration(_lastAttemptDuration),
            UpdatedAt = StoredTime.At(_updatedAt),
            CompletedAt = StoredTime.AtOrNull(_completedAt),
        };

        /// <summary>The run's current record.</summary>
        public TaskRunRecord Record => _read as TaskRunRecord ?? (TaskRunRecord)(_read = new TaskRunRecord
        {
            Info = Info,
            PayloadJson = _payloadJson,
            MaxAttemptsOverride = MaxAttemptsOverride,
            IdempotencyKeyExpiresAt = KeyExpiresAt,
            IdempotencyKeyReleased = KeyReleased,
            TraceParent = _traceParent,
        });

        /// <summary>The run created just before this one, still in history.</summary>
        public Entry? Older { get; set; }

        /// <summary>The run created just after this one, still in history.</summary>
        public Entry? Newer { get; set; }

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

        /// <summary>Completed with the final state; null until someone waits for the run (most runs are never waited for).</summary>
        public TaskCompletionSource<TaskRunInfo>? Completion { get => _rare?.Completion; set => SetRare(value, static (rare, v) => rare.Completion = v); }

        /// <summary>Applies a transition whose expected state the store has checked (the rules of <see cref="TaskRunTransition"/>).</summary>
        public void Apply(TaskRunTransition transition)
        {
            Status = transition.To;
            Attempts = transition.Attempts ?? Attempts;
            _machine = transition.Machine ?? _machine;
            Error = transition.Error ?? Error;
            if (_startedAt == StoredTime.None && transition.StartedAt is { } startedAt)
            {
                _startedAt = StoredTime.Of(startedAt);
            }

            DelayUntil = transition.DelayUntil;
            ExpiresAt = transition.ExpiresAt ?? ExpiresAt;
            if (transition.LastAttemptDuration is { } lastAttemptDuration)
            {
                _lastAttemptDuration = StoredTime.Of(lastAttemptDuration);
            }

            _updatedAt = StoredTime.Of(transition.At);
            if (transition.To.IsFinal())
            {
                _completedAt = _updatedAt;
            }

            KeyReleased |= transition.ReleaseIdempotencyKey;
            if (transition.To == TaskRunStatus.Completed)
            {
                // Nothing runs a completed run again: its payload would only hold memory for as long as history keeps it.
                _payloadJson = "";
            }

            _read = null;
        }

        /// <summary>What <see cref="Apply"/> does for an attempt's start (see <see cref="IAttemptTransitions.TryStartAttempt"/>).</summary>
        public void StartAttempt(DateTimeOffset at)
        {
            Status = TaskRunStatus.Executing;
            Attempts++;
            _updatedAt = StoredTime.Of(at);
            if (_startedAt == StoredTime.None)
            {
                _startedAt = _updatedAt;
            }

            DelayUntil = null;
            _read = null;
        }

        /// <summary>What <see cref="Apply"/> does for an attempt's completion (see <see cref="IAttemptTransitions.TryCompleteAttempt"/>).</summary>
        public void CompleteAttempt(DateTimeOffset at, TimeSpan attemptDuration)
        {
            Status = TaskRunStatus.Completed;
            DelayUntil = null;
            _lastAttemptDuration = StoredTime.Of(attemptDuration);
            _updatedAt = StoredTime.Of(at);
            _completedAt = _updatedAt;
            _payloadJson = "";
            _read = null;
        }
    }

    /// <summary>The fields of a run that most runs never set (see <c>Entry._rare</c>).</summary>
    private sealed class RareFields
    {
        public string? ConcurrencyKey { get; set; }

        public string? IdempotencyKey { get; set; }

        public int? MaxAttemptsOverride { get; set; }

        public DateTimeOffset? KeyExpiresAt { get; set; }

        public bool KeyReleased { get; set; }

        public string? Error { get; set; }

        public DateTimeOffset? DelayUntil { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }

        public TaskCompletionSource<TaskRunInfo>? Completion { get; set; }
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

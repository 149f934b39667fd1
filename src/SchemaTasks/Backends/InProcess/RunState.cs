namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// Everything the in-memory store keeps of a run but its id: the fields of a live run's entry, and, copied as they are
/// when the run finishes, the run's form in history (<see cref="RunHistory{TLive}"/>), a place in a ring of structs
/// rather than an object of its own. A struct, changed in place (through a <c>ref</c>) by the transitions, so that a run in
/// history holds no object of its own: what it refers to is shared by many runs (the task's id and queue, no tags, the
/// empty payload of a completed run) unless the run set it (tags, an error, a trace parent, the payload a failed run
/// keeps for its replay). Not thread-safe: the store changes it under the run's lock, or under its own once the run is
/// in history.
/// </summary>
internal struct RunState
{
    public string TaskId;
    public TaskRunMode Mode;
    public string? Queue;
    public IReadOnlyList<string> Tags;
    public string? TraceParent;
    public string PayloadJson;
    public Machine Machine;
    public TaskRunStatus Status;
    public int Attempts;

    // The times as UTC ticks and the durations as ticks (StoredTime), not as DateTimeOffset? (24 bytes each) and
    // TimeSpan? (16): every byte is held, and copied by the young collections while the run is live, for as long as
    // history keeps the run. Every time the store is given comes from TimeProvider.GetUtcNow, so nothing is lost but the
    // offset, which is zero.
    public long CreatedAt;
    public long MaxDuration;
    public long StartedAt;
    public long LastAttemptDuration;
    public long UpdatedAt;
    public long CompletedAt;

    // What most runs never set (a concurrency or idempotency key, an attempt limit, a delay, a TTL, an error, a
    // waiter): kept apart, so that a run without them holds ~100 bytes less while it waits and then in history.
    private Rare? _rare;

    /// <summary>The state of a run created from its record (<see cref="ITaskRunStore.CreateAsync"/>).</summary>
    public static RunState Of(TaskRunRecord record)
    {
        var info = record.Info;
        var state = new RunState
        {
            TaskId = info.TaskId,
            Mode = info.Mode,
            Queue = info.Queue,
            Tags = info.Tags,
            CreatedAt = StoredTime.Of(info.CreatedAt),
            MaxDuration = StoredTime.Of(info.MaxDuration),
            TraceParent = record.TraceParent,
            PayloadJson = record.PayloadJson,
            Machine = info.Machine,
            StartedAt = StoredTime.Of(info.StartedAt),
            LastAttemptDuration = StoredTime.Of(info.LastAttemptDuration),
            UpdatedAt = StoredTime.Of(info.UpdatedAt),
            CompletedAt = StoredTime.Of(info.CompletedAt),
            Status = info.Status,
            Attempts = info.Attempts,
        };
        state.ConcurrencyKey = info.ConcurrencyKey;
        state.IdempotencyKey = info.IdempotencyKey;
        state.MaxAttemptsOverride = record.MaxAttemptsOverride;
        state.KeyExpiresAt = record.IdempotencyKeyExpiresAt;
        state.KeyReleased = record.IdempotencyKeyReleased;
        state.Error = info.Error;
        state.DelayUntil = info.DelayUntil;
        state.ExpiresAt = info.ExpiresAt;
        return state;
    }

    /// <summary>
    /// The state of a new run straight from its request (<see cref="IRunCreationFromRequest"/>): the fields
    /// <see cref="TaskRunRecord.Create"/> gives it, with no record or info built.
    /// </summary>
    public static RunState Of(TaskRunRequest request, in NewRunFields fields, TaskRunMode mode, DateTimeOffset now, string? traceParent)
    {
        var options = request.Options;
        var state = new RunState
        {
            TaskId = request.Task.Id,
            Mode = mode,
            Queue = request.Task.Queue.Name,
            Tags = fields.Tags,
            CreatedAt = StoredTime.Of(now),
            MaxDuration = StoredTime.Of(fields.MaxDuration),
            TraceParent = traceParent,
            PayloadJson = request.PayloadJson,
            Machine = fields.Machine,
            Status = fields.Status,
            LastAttemptDuration = StoredTime.NoDuration,
        };
        state.UpdatedAt = state.CreatedAt;
        state.ConcurrencyKey = options.ConcurrencyKey;
        state.IdempotencyKey = options.IdempotencyKey;
        state.MaxAttemptsOverride = options.MaxAttempts;
        state.KeyExpiresAt = fields.IdempotencyKeyExpiresAt;
        state.DelayUntil = fields.DelayUntil;
        state.ExpiresAt = fields.ExpiresAt;
        return state;
    }

    public string? ConcurrencyKey { readonly get => _rare?.ConcurrencyKey; set => SetRare(value, static (rare, v) => rare.ConcurrencyKey = v); }

    public string? IdempotencyKey { readonly get => _rare?.IdempotencyKey; set => SetRare(value, static (rare, v) => rare.IdempotencyKey = v); }

    public int? MaxAttemptsOverride { readonly get => _rare?.MaxAttemptsOverride; set => SetRare(value, static (rare, v) => rare.MaxAttemptsOverride = v); }

    public DateTimeOffset? KeyExpiresAt { readonly get => _rare?.KeyExpiresAt; set => SetRare(value, static (rare, v) => rare.KeyExpiresAt = v); }

    public bool KeyReleased { readonly get => _rare?.KeyReleased ?? false; set => SetRare(value, static (rare, v) => rare.KeyReleased = v); }

    public string? Error { readonly get => _rare?.Error; set => SetRare(value, static (rare, v) => rare.Error = v); }

    public DateTimeOffset? DelayUntil { readonly get => _rare?.DelayUntil; set => SetRare(value, static (rare, v) => rare.DelayUntil = v); }

    public DateTimeOffset? ExpiresAt { readonly get => _rare?.ExpiresAt; set => SetRare(value, static (rare, v) => rare.ExpiresAt = v); }

    /// <summary>Completed with the final state; null until someone waits for the run (most runs are never waited for).</summary>
    public TaskCompletionSource<TaskRunInfo>? Completion { readonly get => _rare?.Completion; set => SetRare(value, static (rare, v) => rare.Completion = v); }

    /// <summary>Sets a rare field, creating <see cref="_rare"/> only for a value other than the field's default.</summary>
    private void SetRare<T>(T value, Action<Rare, T> set)
    {
        if (_rare is null && EqualityComparer<T>.Default.Equals(value, default))
        {
            return;
        }

        set(_rare ??= new Rare(), value);
    }

    /// <summary>
    /// The state history keeps once the run has finished: the waiters' completion (completed already) is let go, and
    /// with it the rare fields when that was all they held, so that a waited-for run holds no object in history.
    /// </summary>
    public readonly RunState Finished()
    {
        var finished = this;
        if (_rare is { } rare && rare.Completion is not null)
        {
            finished._rare = rare.IsEmptyButCompletion ? null : rare.WithoutCompletion();
        }

        return finished;
    }

    /// <summary>
    /// A copy whose rare fields are its own, for a transition of a run in history: a reader copies a state out of
    /// history under the store-wide lock and builds what it returns after releasing it, so the rare fields its copy
    /// refers to must never change.
    /// </summary>
    public readonly RunState Detached()
    {
        var detached = this;
        detached._rare = _rare?.WithoutCompletion();
        return detached;
    }

    /// <summary>The fields an attempt reads.</summary>
    public readonly StoredRun Read(string runId) => new(
        runId, TaskId, Mode, Queue, Status, Attempts, Machine, Tags, Error, ExpiresAt, StoredTime.Duration(MaxDuration), PayloadJson,
        MaxAttemptsOverride, TraceParent);

    /// <summary>The run's state as <see cref="TaskRunInfo"/>.</summary>
    public readonly TaskRunInfo Info(string runId) => new()
    {
        RunId = runId,
        TaskId = TaskId,
        Mode = Mode,
        Queue = Queue,
        ConcurrencyKey = ConcurrencyKey,
        IdempotencyKey = IdempotencyKey,
        Tags = Tags,
        CreatedAt = StoredTime.At(CreatedAt),
        MaxDuration = StoredTime.Duration(MaxDuration),
        Status = Status,
        Attempts = Attempts,
        Machine = Machine,
        Error = Error,
        StartedAt = StoredTime.AtOrNull(StartedAt),
        DelayUntil = DelayUntil,
        ExpiresAt = ExpiresAt,
        LastAttemptDuration = StoredTime.Duration(LastAttemptDuration),
        UpdatedAt = StoredTime.At(UpdatedAt),
        CompletedAt = StoredTime.AtOrNull(CompletedAt),
    };

    /// <summary>The run's record, around its <paramref name="info"/> (this state's).</summary>
    public readonly TaskRunRecord Record(TaskRunInfo info) => new()
    {
        Info = info,
        PayloadJson = PayloadJson,
        MaxAttemptsOverride = MaxAttemptsOverride,
        IdempotencyKeyExpiresAt = KeyExpiresAt,
        IdempotencyKeyReleased = KeyReleased,
        TraceParent = TraceParent,
    };

    /// <summary>Applies a transition whose expected state the store has checked (the rules of <see cref="TaskRunTransition"/>).</summary>
    public void Apply(TaskRunTransition transition)
    {
        Status = transition.To;
        Attempts = transition.Attempts ?? Attempts;
        Machine = transition.Machine ?? Machine;
        Error = transition.Error ?? Error;
        if (StartedAt == StoredTime.None && transition.StartedAt is { } startedAt)
        {
            StartedAt = StoredTime.Of(startedAt);
        }

        DelayUntil = transition.DelayUntil;
        ExpiresAt = transition.ExpiresAt ?? ExpiresAt;
        if (transition.LastAttemptDuration is { } lastAttemptDuration)
        {
            LastAttemptDuration = StoredTime.Of(lastAttemptDuration);
        }

        UpdatedAt = StoredTime.Of(transition.At);
        if (transition.To.IsFinal())
        {
            CompletedAt = UpdatedAt;
        }

        KeyReleased |= transition.ReleaseIdempotencyKey;
        if (transition.To == TaskRunStatus.Completed)
        {
            // Nothing runs a completed run again: its payload would only hold memory for as long as history keeps it.
            PayloadJson = "";
        }
    }

    /// <summary>What <see cref="Apply"/> does for an attempt's start (see <see cref="IAttemptTransitions.TryStartAttempt"/>).</summary>
    public void StartAttempt(DateTimeOffset at)
    {
        Status = TaskRunStatus.Executing;
        Attempts++;
        UpdatedAt = StoredTime.Of(at);
        if (StartedAt == StoredTime.None)
        {
            StartedAt = UpdatedAt;
        }

        DelayUntil = null;
    }

    /// <summary>What <see cref="Apply"/> does for an attempt's completion (see <see cref="IAttemptTransitions.TryCompleteAttempt"/>).</summary>
    public void CompleteAttempt(DateTimeOffset at, TimeSpan attemptDuration)
    {
        Status = TaskRunStatus.Completed;
        DelayUntil = null;
        LastAttemptDuration = StoredTime.Of(attemptDuration);
        UpdatedAt = StoredTime.Of(at);
        CompletedAt = UpdatedAt;
        PayloadJson = "";
    }

    /// <summary>The fields of a run that most runs never set (see <see cref="_rare"/>).</summary>
    private sealed class Rare
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

        public bool IsEmptyButCompletion =>
            ConcurrencyKey is null && IdempotencyKey is null && MaxAttemptsOverride is null && KeyExpiresAt is null && !KeyReleased
            && Error is null && DelayUntil is null && ExpiresAt is null;

        // A copy rather than a change: a reader may hold a copy of the state that refers to this object.
        public Rare WithoutCompletion() => new()
        {
            ConcurrencyKey = ConcurrencyKey,
            IdempotencyKey = IdempotencyKey,
            MaxAttemptsOverride = MaxAttemptsOverride,
            KeyExpiresAt = KeyExpiresAt,
            KeyReleased = KeyReleased,
            Error = Error,
            DelayUntil = DelayUntil,
            ExpiresAt = ExpiresAt,
        };
    }
}

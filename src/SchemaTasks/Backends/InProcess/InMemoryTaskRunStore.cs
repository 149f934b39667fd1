namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The default <see cref="ITaskRunStore"/>: runs kept in memory, lost when the process ends (as the in-process
/// backend's queues are). One lock guards every write, which makes the idempotency check and the status
/// compare-and-set atomic. Waiters are released by a completion signal per run, never by polling. Finished runs
/// beyond the history limit are forgotten, oldest first, so that memory stays bounded; a completed run drops its
/// payload JSON when it completes. An idempotency key outlives its run's history: it is kept, with the run's last
/// state, until its TTL passes (<see cref="IdempotencyKeys"/>).
/// </summary>
internal sealed class InMemoryTaskRunStore(TimeProvider timeProvider, int historyLimit = SchemaTasksOptions.DefaultRunHistoryLimit) : ITaskRunStore
{
    private const int MaxPageSize = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _runs = new(StringComparer.Ordinal);
    // Creation order, newest last: listing walks it backwards and stops once the page is full, with no sort.
    private readonly LinkedList<Entry> _history = new();
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

            var now = timeProvider.GetUtcNow();
            if (info.IdempotencyKey is { } key)
            {
                if (_keys.FindHolder(info.TaskId, key, now, runId => _runs.TryGetValue(runId, out var held) ? held.Record : null) is { } holder)
                {
                    return ValueTask.FromResult(new TaskRunCreation(holder, Created: false));
                }

                if (run.IdempotencyKeyExpiresAt is { } keyExpiresAt)
                {
                    _keys.Claim(info.TaskId, key, info.RunId, keyExpiresAt);
                }
            }

            var entry = new Entry(run);
            entry.Node = _history.AddLast(entry);
            _runs.Add(info.RunId, entry);
        }

        Changed?.Invoke(info);
        return ValueTask.FromResult(new TaskRunCreation(info, Created: true));
    }

    public ValueTask<TaskRunRecord?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            return ValueTask.FromResult(_runs.TryGetValue(runId, out var entry) ? entry.Record : null);
        }
    }

    public ValueTask<TaskRunInfo?> TransitionAsync(TaskRunTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        TaskRunInfo updated;
        Entry? entry;
        TaskCompletionSource<TaskRunInfo>? waiters = null;
        lock (_gate)
        {
            if (!_runs.TryGetValue(transition.RunId, out entry))
            {
                return ValueTask.FromResult<TaskRunInfo?>(null);
            }

            var current = entry.Info;
            if (!transition.From.Contains(current.Status)
                || (transition.FromAttempts is { } attempts && attempts != current.Attempts))
            {
                return ValueTask.FromResult<TaskRunInfo?>(null);
            }

            updated = current with
            {
                Status = transition.To,
                Attempts = transition.Attempts ?? current.Attempts,
                Machine = transition.Machine ?? current.Machine,
                Error = transition.Error ?? current.Error,
                StartedAt = current.StartedAt ?? transition.StartedAt,
                DelayUntil = transition.DelayUntil,
                ExpiresAt = transition.ExpiresAt ?? current.ExpiresAt,
                LastAttemptDuration = transition.LastAttemptDuration ?? current.LastAttemptDuration,
                UpdatedAt = transition.At,
                CompletedAt = transition.To.IsFinal() ? transition.At : current.CompletedAt,
            };
            // Nothing runs a completed run again: its payload would only hold memory for as long as history keeps it.
            entry.Transition(updated, transition.ReleaseIdempotencyKey, dropPayload: updated.Status == TaskRunStatus.Completed);
            if (updated.Status.IsFinal() && !current.Status.IsFinal())
            {
                _finished.Enqueue(updated.RunId);
                ForgetOldestFinishedRuns(transition.At);
            }

            if (updated.Status.IsFinal())
            {
                waiters = entry.Completion;
            }
        }

        // Released outside the lock: waiters continue asynchronously anyway, but no reason to hold it.
        waiters?.TrySetResult(updated);

        Changed?.Invoke(updated);
        return ValueTask.FromResult<TaskRunInfo?>(updated);
    }

    public Task<TaskRunInfo?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(runId, out var entry) ? entry.Info : null);
        }
    }

    public async Task<TaskRunInfo> WaitForCompletionAsync(string runId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        TaskCompletionSource<TaskRunInfo> completion;
        lock (_gate)
        {
            if (!_runs.TryGetValue(runId, out var entry))
            {
                throw new KeyNotFoundException($"No run with id '{runId}' is known.");
            }

            if (entry.Info is { } info && info.Status.IsFinal())
            {
                return info;
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
            var start = _history.Last;
            if (query.After is { } after)
            {
                start = _runs.TryGetValue(after, out var cursor)
                    ? cursor.Node!.Previous
                    : throw new ArgumentException($"The cursor run '{after}' is not known to the run store (never stored, or forgotten by history).", nameof(query));
            }

            for (var node = start; node is not null && page.Count < query.Take; node = node.Previous)
            {
                var info = node.Value.Info;
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
            if (_runs.Remove(runId, out var forgotten))
            {
                _history.Remove(forgotten.Node!);
                _keys.Forget(forgotten.Record, now);
            }
        }
    }

    /// <summary>
    /// A stored run. A transition changes its state in place; the <see cref="TaskRunRecord"/> is rebuilt when it is
    /// read after a transition, or at completion to free the payload, not copied on each transition (an attempt reads it
    /// once, before it starts: its start no longer copies it).
    /// Read and changed under the store's lock only.
    /// </summary>
    private sealed class Entry(TaskRunRecord record)
    {
        private TaskRunRecord _record = record;
        private bool _stale;
        private bool _keyReleased = record.IdempotencyKeyReleased;
        private bool _payloadDropped;

        /// <summary>The run's current state.</summary>
        public TaskRunInfo Info { get; private set; } = record.Info;

        /// <summary>The run's current record.</summary>
        public TaskRunRecord Record
        {
            get
            {
                if (_stale)
                {
                    _record = _record with
                    {
                        Info = Info,
                        IdempotencyKeyReleased = _keyReleased,
                        PayloadJson = _payloadDropped ? "" : _record.PayloadJson,
                    };
                    _stale = false;
                }

                return _record;
            }
        }

        public LinkedListNode<Entry>? Node { get; set; }

        public void Transition(TaskRunInfo updated, bool releaseIdempotencyKey, bool dropPayload)
        {
            Info = updated;
            _keyReleased |= releaseIdempotencyKey;
            _payloadDropped |= dropPayload;
            _stale = true;
            if (dropPayload)
            {
                // Rebuilt now rather than when read: the payload's memory is freed at completion, not at the next read.
                _ = Record;
            }
        }

        /// <summary>Completed with the final state; null until someone waits for the run (most runs are never waited for).</summary>
        public TaskCompletionSource<TaskRunInfo>? Completion { get; set; }
    }
}

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// The idempotency keys of the in-memory store, per task, each with the run that holds it and until when. A key
/// lives for its TTL whatever the run history keeps: when history forgets a run that still holds its key, the key
/// keeps the run's last state, so that a repeat still returns that run (at 1,000 runs a second, a history of
/// 10,000 runs would otherwise cap the promised 30 days at 10 seconds). Keys are dropped once their TTL passes,
/// earliest first, as new runs are created. Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class IdempotencyKeys
{
    private readonly Dictionary<(string TaskId, string Key), Hold> _holds = [];
    private readonly PriorityQueue<(string TaskId, string Key), DateTimeOffset> _expiries = new();

    /// <summary>Keys remembered, expired or not yet swept (for tests).</summary>
    public int Count => _holds.Count;

    /// <summary>
    /// The run that holds the key at <paramref name="now"/>, or null when the key is free. <paramref name="stored"/>
    /// finds a run still in history; a run history has forgotten answers with the state it had then.
    /// </summary>
    public TaskRunInfo? FindHolder(string taskId, string key, DateTimeOffset now, Func<string, TaskRunRecord?> stored)
    {
        SweepExpired(now);
        if (!_holds.TryGetValue((taskId, key), out var hold) || hold.ExpiresAt <= now)
        {
            return null;
        }

        if (stored(hold.RunId) is { } record)
        {
            return record.HoldsIdempotencyKey(now) ? record.Info : null;
        }

        return hold.Forgotten;
    }

    /// <summary>Gives the key to a new run until <paramref name="expiresAt"/>.</summary>
    public void Claim(string taskId, string key, string runId, DateTimeOffset expiresAt)
    {
        _holds[(taskId, key)] = new Hold(runId, expiresAt);
        _expiries.Enqueue((taskId, key), expiresAt);
    }

    /// <summary>History forgets <paramref name="record"/>: its key keeps the run's last state if the run still holds it.</summary>
    public void Forget(TaskRunRecord record, DateTimeOffset now)
    {
        if (record.Info.IdempotencyKey is not { } key
            || !_holds.TryGetValue((record.Info.TaskId, key), out var hold)
            || hold.RunId != record.Info.RunId)
        {
            return;
        }

        if (record.HoldsIdempotencyKey(now))
        {
            hold.Forgotten = record.Info;
        }
        else
        {
            _holds.Remove((record.Info.TaskId, key));
        }
    }

    private void SweepExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var id, out var expiresAt) && expiresAt <= now)
        {
            _expiries.Dequeue();
            // The key may have been claimed again since (its run failed): only an expired hold goes.
            if (_holds.TryGetValue(id, out var hold) && hold.ExpiresAt <= now)
            {
                _holds.Remove(id);
            }
        }
    }

    private sealed class Hold(string runId, DateTimeOffset expiresAt)
    {
        public string RunId { get; } = runId;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>The run's last state, once history has forgotten the run.</summary>
        public TaskRunInfo? Forgotten { get; set; }
    }
}

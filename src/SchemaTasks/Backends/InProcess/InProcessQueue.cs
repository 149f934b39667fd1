namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// One queue of the in-process backend: its lanes, its counters and its dispatch, all under one short lock. An enqueue
/// and an attempt's end each take the lock, record what changed, and hand what may now run to the thread pool, so the
/// limits can never be exceeded. Each concurrency key is a lane with its own copy of
/// <see cref="QueueOptions.ConcurrencyLimit"/>; lanes take turns (round robin) for the
/// <see cref="QueueOptions.TotalConcurrencyLimit"/>, so a busy key never blocks another key's runs behind it.
/// </summary>
/// <remarks>
/// The lock is held for a few dictionary and queue operations and never for an attempt: attempts start on the pool
/// (<see cref="Start"/>). An actor over a channel did the same work before, on the writer's thread too (synchronous
/// continuations), but paid the channel's own lock and an async state machine's resumption per signal on top.
/// </remarks>
internal sealed class InProcessQueue
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Queue<Lane> _ready = new();
    private readonly Func<InProcessQueue, string, string?, Task> _runAttempt;
    private readonly int _perKeyLimit;
    private readonly int _totalLimit;
    private int _running;
    private TaskCompletionSource? _drained;
    private bool _completed;

    /// <summary>Creates the queue.</summary>
    /// <param name="options">The queue's limits.</param>
    /// <param name="runAttempt">Runs one attempt of a run (queue, run id, concurrency key); its slot is freed when it returns.</param>
    public InProcessQueue(QueueOptions options, Func<InProcessQueue, string, string?, Task> runAttempt)
    {
        _runAttempt = runAttempt;
        _perKeyLimit = Math.Max(1, options.ConcurrencyLimit);
        _totalLimit = options.TotalConcurrencyLimit > 0 ? options.TotalConcurrencyLimit : int.MaxValue;
    }

    /// <summary>Attempts running now (read from outside the lock: a snapshot, for logs).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Queues a run behind its lane, and starts what may run now (unless the queue is draining).</summary>
    public void Enqueue(string runId, string? concurrencyKey)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            var lane = LaneOf(concurrencyKey ?? "");
            lane.Pending.Enqueue(runId);
            MarkReady(lane);
            if (_drained is null)
            {
                Dispatch();
            }
        }
    }

    /// <summary>Stops dispatching (pending runs stay where they are) and completes when no attempt runs any more.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return Task.CompletedTask;
            }

            // Continuations run asynchronously: completing it under the lock runs nobody's code here.
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running == 0)
            {
                _drained.TrySetResult();
            }

            return _drained.Task;
        }
    }

    /// <summary>Ends the queue, once it has drained: later enqueues are ignored.</summary>
    public Task CompleteAsync()
    {
        lock (_gate)
        {
            _completed = true;
        }

        return Task.CompletedTask;
    }

    /// <summary>An attempt has returned: frees its slot, then starts what may run now (or completes a drain).</summary>
    private void Finished(string key)
    {
        lock (_gate)
        {
            Volatile.Write(ref _running, _running - 1);
            var lane = _lanes[key];
            lane.Running--;
            MarkReady(lane);
            ForgetIfIdle(lane);
            if (_drained is { } drained)
            {
                if (_running == 0)
                {
                    drained.TrySetResult();
                }
            }
            else
            {
                Dispatch();
            }
        }
    }

    private void Dispatch()
    {
        while (_running < _totalLimit && _ready.TryDequeue(out var lane))
        {
            lane.IsReady = false;
            if (lane.Pending.Count == 0 || lane.Running >= _perKeyLimit)
            {
                continue;
            }

            var runId = lane.Pending.Dequeue();
            lane.Running++;
            Volatile.Write(ref _running, _running + 1);
            Start(runId, lane.Key);
            // Back of the line: the other ready keys get a turn before this one runs another.
            MarkReady(lane);
        }
    }

    // Queued without the caller's execution context (UnsafeQueueUserWorkItem captures none): an attempt must not run in
    // the execution context of the trigger or the attempt that happened to free its slot, whose AsyncLocals
    // (Activity.Current, logging scopes, a tenant) would leak into it and keep that caller's objects alive; the trace
    // parent travels with the run instead. One work item per attempt, no closure, Task or state machine on top.
    private void Start(string runId, string key) =>
        ThreadPool.UnsafeQueueUserWorkItem(new Attempt(this, runId, key), preferLocal: false);

    private async Task RunAttemptAsync(string runId, string key)
    {
        try
        {
            await _runAttempt(this, runId, key.Length == 0 ? null : key).ConfigureAwait(false);
        }
        finally
        {
            Finished(key);
        }
    }

    private Lane LaneOf(string key)
    {
        if (!_lanes.TryGetValue(key, out var lane))
        {
            lane = new Lane(key);
            _lanes.Add(key, lane);
        }

        return lane;
    }

    private void MarkReady(Lane lane)
    {
        if (!lane.IsReady && lane.Pending.Count > 0 && lane.Running < _perKeyLimit)
        {
            lane.IsReady = true;
            _ready.Enqueue(lane);
        }
    }

    // Concurrency keys are often one per tenant: idle lanes are dropped so that they do not pile up.
    private void ForgetIfIdle(Lane lane)
    {
        if (lane.Running == 0 && lane.Pending.Count == 0 && !lane.IsReady)
        {
            _lanes.Remove(lane.Key);
        }
    }

    /// <summary>One attempt handed to the thread pool.</summary>
    private sealed class Attempt(InProcessQueue queue, string runId, string key) : IThreadPoolWorkItem
    {
        public void Execute() => _ = queue.RunAttemptAsync(runId, key);
    }

    private sealed class Lane(string key)
    {
        public string Key { get; } = key;

        public Queue<string> Pending { get; } = new();

        public int Running { get; set; }

        public bool IsReady { get; set; }
    }
}

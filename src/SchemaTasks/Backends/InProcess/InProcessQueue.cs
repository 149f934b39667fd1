using System.Threading.Channels;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// One queue of the in-process backend, as a single-reader actor over a <see cref="Channel{T}"/>: enqueues and
/// "attempt finished" signals arrive in the channel, and only the actor loop touches the counters, so the limits
/// need no lock and can never be exceeded. Each concurrency key is a lane with its own copy of
/// <see cref="QueueOptions.ConcurrencyLimit"/>; lanes take turns (round robin) for the
/// <see cref="QueueOptions.TotalConcurrencyLimit"/>, so a busy key never blocks another key's runs behind it.
/// </summary>
internal sealed class InProcessQueue
{
    // Synchronous continuations: a signal written while the loop waits runs the loop on the writer's thread (the
    // trigger, or the attempt that just finished) instead of waking it on another pool thread, one hop fewer per
    // signal. The loop's own code still runs in its own (empty) execution context, and it only hands attempts to the
    // pool, so a writer is held for the dispatch of what is ready, never for an attempt.
    private readonly Channel<Signal> _inbox = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Queue<Lane> _ready = new();
    private readonly Func<InProcessQueue, string, string?, Task> _runAttempt;
    private readonly int _perKeyLimit;
    private readonly int _totalLimit;
    private readonly Task _loop;
    private int _running;
    private TaskCompletionSource? _drained;

    /// <summary>Creates the queue and starts its loop.</summary>
    /// <param name="options">The queue's limits.</param>
    /// <param name="runAttempt">Runs one attempt of a run (queue, run id, concurrency key); its slot is freed when it returns.</param>
    public InProcessQueue(QueueOptions options, Func<InProcessQueue, string, string?, Task> runAttempt)
    {
        _runAttempt = runAttempt;
        _perKeyLimit = Math.Max(1, options.ConcurrencyLimit);
        _totalLimit = options.TotalConcurrencyLimit > 0 ? options.TotalConcurrencyLimit : int.MaxValue;
        // The loop, and every attempt it starts, must not run in the execution context of the trigger that happened to
        // create the queue: its AsyncLocals (Activity.Current, logging scopes, a tenant) would leak into every later
        // attempt, and keep that request's objects alive. The trace parent travels with the run instead.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(LoopAsync);
        }
    }

    /// <summary>Attempts running now (read from outside the loop: a snapshot, for logs).</summary>
    public int Running => Volatile.Read(ref _running);

    public void Enqueue(string runId, string? concurrencyKey) =>
        _inbox.Writer.TryWrite(new Signal(SignalKind.Enqueue, runId, concurrencyKey ?? ""));

    /// <summary>Stops dispatching (pending runs stay where they are) and completes when no attempt runs any more.</summary>
    public Task DrainAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _inbox.Writer.TryWrite(new Signal(SignalKind.Drain, null, "", drained)) ? drained.Task : Task.CompletedTask;
    }

    /// <summary>Ends the loop; called once the queue has drained.</summary>
    public Task CompleteAsync()
    {
        _inbox.Writer.TryComplete();
        return _loop;
    }

    private async Task LoopAsync()
    {
        await foreach (var signal in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (signal.Kind)
            {
                case SignalKind.Enqueue:
                    var lane = LaneOf(signal.Key);
                    lane.Pending.Enqueue(signal.RunId!);
                    MarkReady(lane);
                    break;
                case SignalKind.Finished:
                    Interlocked.Decrement(ref _running);
                    var finished = _lanes[signal.Key];
                    finished.Running--;
                    MarkReady(finished);
                    ForgetIfIdle(finished);
                    break;
                case SignalKind.Drain:
                    _drained = signal.Drained;
                    break;
            }

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
            Interlocked.Increment(ref _running);
            Start(runId, lane.Key);
            // Back of the line: the other ready keys get a turn before this one runs another.
            MarkReady(lane);
        }
    }

    // Queued without the caller's execution context (UnsafeQueueUserWorkItem captures none): each attempt starts as
    // clean as the loop (see the constructor). One work item per attempt, no closure, Task or state machine on top.
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
            _inbox.Writer.TryWrite(new Signal(SignalKind.Finished, runId, key));
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

    private enum SignalKind
    {
        Enqueue,
        Finished,
        Drain,
    }

    private readonly record struct Signal(SignalKind Kind, string? RunId, string Key, TaskCompletionSource? Drained = null);

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

namespace SchemaTasks.Backends.InProcess;

/// <summary>What the in-process backend does to a run at a moment on the clock.</summary>
internal enum DueActionKind
{
    /// <summary>The run's delay ends: Delayed → Queued, into its queue.</summary>
    ReleaseDelayed,

    /// <summary>The run's retry wait ends: back into its queue.</summary>
    Retry,

    /// <summary>The run's TTL ends: Expired, unless it has started.</summary>
    Expire,
}

/// <summary>One thing the backend must do to a run when its time comes.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="RunId">The run.</param>
/// <param name="Queue">The run's queue (release and retry enqueue into it).</param>
/// <param name="ConcurrencyKey">The run's concurrency key.</param>
internal readonly record struct DueAction(DueActionKind Kind, string RunId, InProcessQueue Queue, string? ConcurrencyKey);

/// <summary>
/// Every delay, retry wait and TTL of the in-process backend, in one priority queue behind one timer, instead of a
/// timer and a token source per run: a million delayed runs cost a million small entries and one timer, and a run
/// that ends leaves its entries to be dropped when they come due (or at the next compaction), with no cancellation
/// thrown. The timer waits at most <see cref="MaxWait"/> at a time: <c>Task.Delay</c> and timers cannot wait beyond
/// about 49.7 days, and re-reading the clock bounds how late a wake-up after a machine's sleep can be.
/// </summary>
internal sealed class DueActions : IDisposable
{
    /// <summary>The longest single wait of the timer.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly PriorityQueue<DueAction, DateTimeOffset> _actions = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Action<DueAction> _onDue;
    private readonly Func<DueAction, bool> _isLive;
    private readonly ITimer _timer;
    private DateTimeOffset? _wakeAt;
    private int _compactAt = 1024;
    private bool _disposed;

    /// <param name="time">The clock.</param>
    /// <param name="onDue">Called, outside the lock, for each action whose time has come.</param>
    /// <param name="isLive">Whether an action still matters (its run has not ended); used to compact the queue.</param>
    public DueActions(TimeProvider time, Action<DueAction> onDue, Func<DueAction, bool> isLive)
    {
        _time = time;
        _onDue = onDue;
        _isLive = isLive;
        // Created without the caller's execution context: the timer outlives the trigger that first needed it.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = time.CreateTimer(static state => ((DueActions)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Actions waiting, live or not (for tests and logs).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _actions.Count;
            }
        }
    }

    /// <summary>Schedules <paramref name="action"/> at <paramref name="dueAt"/>; an action already due runs at once, on this thread.</summary>
    public void Add(DueAction action, DateTimeOffset dueAt)
    {
        if (dueAt <= _time.GetUtcNow())
        {
            _onDue(action);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _actions.Enqueue(action, dueAt);
            if (_actions.Count >= _compactAt)
            {
                Compact();
            }

            if (_wakeAt is not { } wakeAt || dueAt < wakeAt)
            {
                Arm(dueAt);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _actions.Clear();
        }

        _timer.Dispose();
    }

    private void OnTimer()
    {
        List<DueAction>? due = null;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _wakeAt = null;
            var now = _time.GetUtcNow();
            while (_actions.TryPeek(out var action, out var dueAt) && dueAt <= now)
            {
                _actions.Dequeue();
                (due ??= []).Add(action);
            }

            if (_actions.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }

        if (due is not null)
        {
            foreach (var action in due)
            {
                _onDue(action);
            }
        }
    }

    // Called under the lock. A wait never exceeds MaxWait; OnTimer re-arms for what is left.
    private void Arm(DateTimeOffset dueAt)
    {
        var now = _time.GetUtcNow();
        var wait = dueAt - now;
        if (wait <= TimeSpan.Zero)
        {
            // The clock moved past the action while it was being added: run it now rather than trust a timer of zero
            // (a fake clock only fires timers when it is advanced again).
            _wakeAt = now;
            WakeNow();
            return;
        }

        wait = wait > MaxWait ? MaxWait : wait;
        _wakeAt = now + wait;
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
        if (_time.GetUtcNow() >= dueAt)
        {
            // The clock moved while the timer was set (it then counts from the moved clock): do not wait for it.
            WakeNow();
        }
    }

    // Off this thread (the caller holds the lock) and without the caller's execution context.
    private void WakeNow() => ThreadPool.UnsafeQueueUserWorkItem(static state => state.OnTimer(), this, preferLocal: false);

    // Called under the lock when the queue has doubled since the last compaction: drops the actions of runs that
    // ended, so that entries of finished runs (TTLs above all) cannot pile up faster than they come due.
    private void Compact()
    {
        var live = new List<(DueAction Action, DateTimeOffset DueAt)>(_actions.Count);
        foreach (var (action, dueAt) in _actions.UnorderedItems)
        {
            if (_isLive(action))
            {
                live.Add((action, dueAt));
            }
        }

        _actions.Clear();
        _actions.EnqueueRange(live);
        _compactAt = Math.Max(1024, live.Count * 2);
    }
}

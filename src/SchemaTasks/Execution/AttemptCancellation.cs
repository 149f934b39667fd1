namespace SchemaTasks.Execution;

/// <summary>
/// The token of one attempt, and why it was cancelled: the worker's token (host shutdown, the inline caller), the
/// run's max duration (a timer on the <see cref="TimeProvider"/>), or <see cref="ITaskRuns.CancelAsync"/>
/// (<see cref="Cancel"/>). Only an attempt with a max duration gets a timer, and only a worker token that nobody
/// cancels through the executor's table of executing attempts is linked: a link is a registration on the worker's
/// source per attempt, and with a hundred attempts in flight on one backend token, all of them contend for it.
/// </summary>
/// <remarks>
/// Pooled (<see cref="AttemptCancellationPool"/>): an instance serves one attempt after another, each attempt one
/// <em>generation</em> of it. Whoever may cancel an attempt later (the table of executing attempts) holds the
/// generation it was handed (<see cref="AttemptCancellationLease"/>), and <see cref="Cancel"/> of an older generation
/// does nothing, so that a cancel that arrives as an attempt ends can never cancel the next attempt, of another run,
/// that reuses the instance. A cancel and the recycling are decided by one compare-and-set on <c>_state</c>: either the
/// cancel sees the new generation and does nothing, or the recycling sees the cancel and drops the instance. Only an
/// attempt with neither a timer nor a linked worker token hands its instance on, and never its token source: unlike
/// ASP.NET Core's pooled <c>RequestAborted</c>, a token a task keeps past its attempt (a fire-and-forget inside it) is
/// that run's alone, and no cancel of a later run reaches it.
/// </remarks>
internal sealed class AttemptCancellation
{
    private readonly Action<StartedAttempt> _timedOut;
    private CancellationTokenSource? _source;
    private CancellationTokenSource? _maxDuration;
    private CancellationTokenRegistration _onTimeout;
    private bool _linked;
    private StartedAttempt _startedRun;
    private int _started;

    // The generation (shifted left by one) and, in bit 0, whether that generation was asked to cancel.
    private int _state;

    /// <param name="timedOut">
    /// Called once when an attempt's limit passes (before the task's token is cancelled), with the run as it started,
    /// if it started (<see cref="Started"/>). One delegate for every attempt: no closure per attempt.
    /// </param>
    /// <param name="pool">Where the instance goes back when its attempt ends.</param>
    public AttemptCancellation(Action<StartedAttempt> timedOut, AttemptCancellationPool pool)
    {
        _timedOut = timedOut;
        Pool = pool;
    }

    /// <summary>Where the instance goes back when its attempt ends (kept here, so that a lease is two words).</summary>
    public AttemptCancellationPool Pool { get; }

    /// <summary>The token the task gets.</summary>
    public CancellationToken Token => _source!.Token;

    /// <summary>The worker's own token.</summary>
    public CancellationToken WorkerToken { get; private set; }

    /// <summary>Whether the attempt ran past its max duration.</summary>
    public bool TimedOut => _maxDuration?.IsCancellationRequested == true;

    /// <summary>The generation of the attempt this instance now serves.</summary>
    public int Generation => Volatile.Read(ref _state) >> 1;

    /// <summary>Prepares the instance for one attempt.</summary>
    /// <param name="worker">The worker's token.</param>
    /// <param name="linkWorker">
    /// Whether the task's token follows <paramref name="worker"/> by a link. When not, whoever owns the worker's
    /// source cancels the attempt through <see cref="Cancel"/> (the executor's table of executing attempts).
    /// </param>
    /// <param name="deadline">When the attempt passes its max duration (its start plus the limit), if it has one.</param>
    /// <param name="time">The clock the limit runs on.</param>
    public void Arm(CancellationToken worker, bool linkWorker, DateTimeOffset? deadline, TimeProvider time)
    {
        WorkerToken = worker;
        _linked = linkWorker;
        if (deadline is { } due)
        {
            // Counted from the attempt's recorded start, not from now: the clock may have moved since.
            var remaining = due - time.GetUtcNow();
            _maxDuration = remaining > TimeSpan.Zero ? new CancellationTokenSource(remaining, time) : new CancellationTokenSource();
            // Registered before the link below, so the timeout is recorded before the task sees its token cancelled.
            _onTimeout = _maxDuration.Token.Register(static state => ((AttemptCancellation)state!).OnTimeout(), this);
            _source = linkWorker
                ? CancellationTokenSource.CreateLinkedTokenSource(worker, _maxDuration.Token)
                : CancellationTokenSource.CreateLinkedTokenSource(_maxDuration.Token);
            // The clock may also have moved while the timer was being created (a fake clock advanced by a test): the
            // timer then counts from the moved clock and would fire late, so check the deadline once more.
            if (time.GetUtcNow() >= due)
            {
                _maxDuration.Cancel();
            }
        }
        else if (linkWorker)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(worker);
        }
        else
        {
            _source = new CancellationTokenSource();
        }
    }

    /// <summary>Marks the run started: from now on, the max duration's timer ends it TimedOut.</summary>
    public void Started(StartedAttempt run)
    {
        _startedRun = run;
        // Published after the run it guards: the timer's thread reads the flag, then the run.
        Volatile.Write(ref _started, 1);
    }

    /// <summary>Cancels the task's token (a user's cancel of the run, a host stop), if the attempt of <paramref name="generation"/> still holds it.</summary>
    /// <returns>Whether the token was (or already had been) cancelled for that generation.</returns>
    public bool Cancel(int generation)
    {
        var armed = unchecked(generation << 1);
        var state = Interlocked.CompareExchange(ref _state, armed | 1, armed);
        if (state != armed && state != (armed | 1))
        {
            // A later generation: the attempt this cancel was meant for has ended, and the instance serves another run.
            return false;
        }

        try
        {
            // The flag set above keeps this generation's source from being recycled while it is cancelled.
            _source!.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended meanwhile: nothing left to cancel.
        }

        return true;
    }

    /// <summary>
    /// Called when the attempt has ended: moves to the next generation and keeps the token source for it when it can be
    /// reused; otherwise releases everything.
    /// </summary>
    /// <returns>Whether the instance can serve another attempt.</returns>
    public bool TryRecycle()
    {
        var state = Volatile.Read(ref _state);
        var reusable = _maxDuration is null
            && !_linked
            && (state & 1) == 0
            && Interlocked.CompareExchange(ref _state, unchecked(state + 2), state) == state;
        // From here on a cancel of the ended generation finds the new one and does nothing. The token source is never
        // handed on (no TryReset): a task may keep its token past its attempt (a fire-and-forget inside it), and a
        // cancel of a later run must never reach it. Only this object is reused; the next attempt gets a new source.
        if (reusable)
        {
            _source!.Dispose();
            _source = null;
            _startedRun = default;
            Volatile.Write(ref _started, 0);
            WorkerToken = default;
            return true;
        }

        Release();
        return false;
    }

    private void OnTimeout()
    {
        // The timer exists before the run is Executing; it ends the run only once it started.
        if (Volatile.Read(ref _started) != 0)
        {
            _timedOut(_startedRun);
        }
    }

    private void Release()
    {
        _onTimeout.Dispose();
        _source?.Dispose();
        _maxDuration?.Dispose();
    }
}

namespace SchemaTasks.Execution;

/// <summary>
/// The token of one attempt, and why it was cancelled: the worker's token (host shutdown, the inline caller), the
/// run's max duration (a timer on the <see cref="TimeProvider"/>), or <see cref="ITaskRuns.CancelAsync"/>
/// (<see cref="Cancel"/>). Only an attempt with a max duration gets a timer, and only a worker token that nobody
/// cancels through the executor's table of executing attempts is linked: a link is a registration on the worker's
/// source per attempt, and with a hundred attempts in flight on one backend token, all of them contend for it.
/// </summary>
internal sealed class AttemptCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenSource? _maxDuration;
    private readonly CancellationTokenRegistration _onTimeout;
    private readonly Action<StartedAttempt> _timedOut;
    private StartedAttempt _startedRun;
    private int _started;

    /// <param name="worker">The worker's token.</param>
    /// <param name="linkWorker">
    /// Whether the task's token follows <paramref name="worker"/> by a link. When not, whoever owns the worker's
    /// source cancels the attempt through <see cref="Cancel"/> (the executor's table of executing attempts).
    /// </param>
    /// <param name="deadline">When the attempt passes its max duration (its start plus the limit), if it has one.</param>
    /// <param name="time">The clock the limit runs on.</param>
    /// <param name="timedOut">
    /// Called once when the limit passes (before the task's token is cancelled), with the run as it started, if it
    /// started (<see cref="Started"/>). One delegate for every attempt: no closure per attempt.
    /// </param>
    public AttemptCancellation(CancellationToken worker, bool linkWorker, DateTimeOffset? deadline, TimeProvider time, Action<StartedAttempt> timedOut)
    {
        _timedOut = timedOut;
        WorkerToken = worker;
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
        else
        {
            _source = linkWorker ? CancellationTokenSource.CreateLinkedTokenSource(worker) : new CancellationTokenSource();
        }
    }

    /// <summary>The token the task gets.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The worker's own token.</summary>
    public CancellationToken WorkerToken { get; }

    /// <summary>Whether the attempt ran past its max duration.</summary>
    public bool TimedOut => _maxDuration?.IsCancellationRequested == true;

    /// <summary>Marks the run started: from now on, the max duration's timer ends it TimedOut.</summary>
    public void Started(StartedAttempt run)
    {
        _startedRun = run;
        // Published after the run it guards: the timer's thread reads the flag, then the run.
        Volatile.Write(ref _started, 1);
    }

    /// <summary>Cancels the task's token (a user's cancel of the run).</summary>
    public void Cancel()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended meanwhile: nothing left to cancel.
        }
    }

    private void OnTimeout()
    {
        // The timer exists before the run is Executing; it ends the run only once it started.
        if (Volatile.Read(ref _started) != 0)
        {
            _timedOut(_startedRun);
        }
    }

    public void Dispose()
    {
        _onTimeout.Dispose();
        _source.Dispose();
        _maxDuration?.Dispose();
    }
}

namespace SchemaTasks.Execution;

/// <summary>
/// The token of one attempt, and why it was cancelled: the worker's token (host shutdown, the inline caller), the
/// run's max duration (a timer on the <see cref="TimeProvider"/>), or <see cref="ITaskRuns.CancelAsync"/>
/// (<see cref="Cancel"/>). Only an attempt with a max duration gets a timer.
/// </summary>
internal sealed class AttemptCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenSource? _maxDuration;
    private readonly CancellationTokenRegistration _onTimeout;

    /// <param name="worker">The worker's token.</param>
    /// <param name="deadline">When the attempt passes its max duration (its start plus the limit), if it has one.</param>
    /// <param name="time">The clock the limit runs on.</param>
    /// <param name="onTimeout">Called once when the limit passes (before the task's token is cancelled).</param>
    public AttemptCancellation(CancellationToken worker, DateTimeOffset? deadline, TimeProvider time, Action onTimeout)
    {
        WorkerToken = worker;
        if (deadline is { } due)
        {
            // Counted from the attempt's recorded start, not from now: the clock may have moved since.
            var remaining = due - time.GetUtcNow();
            _maxDuration = remaining > TimeSpan.Zero ? new CancellationTokenSource(remaining, time) : new CancellationTokenSource();
            // Registered before the link below, so the timeout is recorded before the task sees its token cancelled.
            _onTimeout = _maxDuration.Token.Register(onTimeout);
            _source = CancellationTokenSource.CreateLinkedTokenSource(worker, _maxDuration.Token);
            // The clock may also have moved while the timer was being created (a fake clock advanced by a test): the
            // timer then counts from the moved clock and would fire late, so check the deadline once more.
            if (time.GetUtcNow() >= due)
            {
                _maxDuration.Cancel();
            }
        }
        else
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(worker);
        }
    }

    /// <summary>The token the task gets.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The worker's own token.</summary>
    public CancellationToken WorkerToken { get; }

    /// <summary>Whether the attempt ran past its max duration.</summary>
    public bool TimedOut => _maxDuration?.IsCancellationRequested == true;

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

    public void Dispose()
    {
        _onTimeout.Dispose();
        _source.Dispose();
        _maxDuration?.Dispose();
    }
}

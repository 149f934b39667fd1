using Microsoft.Extensions.ObjectPool;

namespace SchemaTasks.Execution;

/// <summary>
/// Reuses <see cref="AttemptCancellation"/>s from one attempt to the next (never their token sources, which stay with
/// the run whose task may keep its token): one object fewer per attempt. What keeps a reused instance from being cancelled for an attempt that has
/// ended is its generation (see <see cref="AttemptCancellation"/>).
/// </summary>
internal sealed class AttemptCancellationPool
{
    // Enough for the attempts of a few busy queues in flight at once; past it, instances are simply not kept.
    private const int MaximumRetained = 256;

    private readonly Action<StartedAttempt> _timedOut;
    private readonly DefaultObjectPool<AttemptCancellation> _pool;

    /// <param name="timedOut">What every attempt's max-duration timer calls (see <see cref="AttemptCancellation"/>).</param>
    public AttemptCancellationPool(Action<StartedAttempt> timedOut)
    {
        _timedOut = timedOut;
        _pool = new DefaultObjectPool<AttemptCancellation>(new Policy(this), MaximumRetained);
    }

    /// <summary>An instance armed for one attempt (<see cref="AttemptCancellation.Arm"/>); dispose the lease when the attempt has ended.</summary>
    public AttemptCancellationLease Rent(CancellationToken worker, bool linkWorker, DateTimeOffset? deadline, TimeProvider time)
    {
        // Only an attempt with neither a timer nor a link can hand its instance on (see AttemptCancellation.TryRecycle):
        // the others (the sync runner's, a run with a max duration) take a new one rather than one the pool could reuse.
        var cancellation = linkWorker || deadline is not null ? new AttemptCancellation(_timedOut, this) : _pool.Get();
        cancellation.Arm(worker, linkWorker, deadline, time);
        return new AttemptCancellationLease(cancellation, cancellation.Generation);
    }

    /// <summary>Takes an instance back after its attempt; it is kept only when it can be recycled.</summary>
    public void Return(AttemptCancellation cancellation) => _pool.Return(cancellation);

    private sealed class Policy(AttemptCancellationPool pool) : IPooledObjectPolicy<AttemptCancellation>
    {
        public AttemptCancellation Create() => new(pool._timedOut, pool);

        public bool Return(AttemptCancellation obj) => obj.TryRecycle();
    }
}

/// <summary>
/// One attempt's use of a pooled <see cref="AttemptCancellation"/>: the instance and the generation it was handed, so
/// that cancelling through the lease (the table of executing attempts keeps leases) reaches only this attempt.
/// </summary>
/// <param name="Cancellation">The instance.</param>
/// <param name="Generation">The attempt's generation of it.</param>
internal readonly record struct AttemptCancellationLease(AttemptCancellation Cancellation, int Generation) : IDisposable
{
    /// <summary>The token the task gets.</summary>
    public CancellationToken Token => Cancellation.Token;

    /// <summary>The worker's own token.</summary>
    public CancellationToken WorkerToken => Cancellation.WorkerToken;

    /// <summary>Whether the attempt ran past its max duration.</summary>
    public bool TimedOut => Cancellation.TimedOut;

    /// <summary>Marks the run started (<see cref="AttemptCancellation.Started"/>).</summary>
    public void Started(StartedAttempt run) => Cancellation.Started(run);

    /// <summary>Cancels this attempt's token; does nothing once the attempt has ended and the instance serves another.</summary>
    public bool Cancel() => Cancellation.Cancel(Generation);

    /// <summary>The attempt has ended: the instance goes back to the pool (read nothing of the lease after this).</summary>
    public void Dispose() => Cancellation.Pool.Return(Cancellation);
}

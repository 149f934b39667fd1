namespace SchemaTasks.Execution;

/// <summary>
/// The attempts executing on this node, by run id, so that a cancel (<see cref="ITaskRuns.CancelAsync"/>, a durable
/// backend told by another node, or a stopping backend's worker token) reaches an attempt's token. A dictionary under
/// a lock held for one hash operation, rather than a <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>,
/// which allocates a node per attempt; a cancel is made outside the lock, since it runs the token's callbacks.
/// </summary>
internal sealed class ExecutingAttempts
{
    private readonly Dictionary<string, AttemptCancellationLease> _attempts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The attempt of <paramref name="runId"/> now executing here (replaces an earlier one of the run).</summary>
    public void Add(string runId, AttemptCancellationLease attempt)
    {
        lock (_gate)
        {
            _attempts[runId] = attempt;
        }
    }

    /// <summary>Forgets <paramref name="attempt"/> of <paramref name="runId"/>, unless a later attempt of the run took its place.</summary>
    public void Remove(string runId, AttemptCancellationLease attempt)
    {
        lock (_gate)
        {
            if (_attempts.TryGetValue(runId, out var current) && current == attempt)
            {
                _attempts.Remove(runId);
            }
        }
    }

    /// <summary>The attempt of <paramref name="runId"/> executing here, if any.</summary>
    public bool TryGet(string runId, out AttemptCancellationLease attempt)
    {
        lock (_gate)
        {
            return _attempts.TryGetValue(runId, out attempt);
        }
    }

    /// <summary>The attempts that share <paramref name="worker"/>'s token, taken under the lock, to be cancelled outside it.</summary>
    public List<AttemptCancellationLease> OfWorker(CancellationToken worker)
    {
        var attempts = new List<AttemptCancellationLease>();
        lock (_gate)
        {
            foreach (var (_, attempt) in _attempts)
            {
                if (attempt.WorkerToken == worker)
                {
                    attempts.Add(attempt);
                }
            }
        }

        return attempts;
    }
}

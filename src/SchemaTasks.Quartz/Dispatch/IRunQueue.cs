namespace SchemaTasks.Quartz.Dispatch;

/// <summary>A run this node may start now: its queue slot is leased to this node.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Queue">Its queue.</param>
/// <param name="ConcurrencyKey">Its concurrency key.</param>
/// <param name="Limited">Whether the queue has a limit another run may be waiting on (releasing its slot wakes the cluster).</param>
internal sealed record ClaimedRun(string RunId, string Queue, string? ConcurrencyKey, bool Limited = true);

/// <summary>
/// The runs ready to start and the queue slots they need. The PostgreSQL queue reads the run table and keeps
/// slots as leases, cluster-wide; the memory queue (Quartz RAM store) keeps both in this process. The backend
/// claims, runs the attempt, and releases; it never starts a run without a slot.
/// </summary>
internal interface IRunQueue : IAsyncDisposable
{
    /// <summary>Prepares the queue (tables, queue limits of the registered tasks).</summary>
    Task StartAsync(IReadOnlyCollection<TaskDefinition> tasks, CancellationToken cancellationToken);

    /// <summary>Makes sure the queue's limits are known to every node (a task registered only on the triggering node).</summary>
    ValueTask RegisterQueueAsync(QueueOptions queue, CancellationToken cancellationToken);

    /// <summary>A run is ready (new, released from its delay, due for a retry): wake whoever can take it.</summary>
    ValueTask PublishAsync(TaskRunInfo run, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> ready runs whose slot is free, leasing their slots to this node.</summary>
    Task<IReadOnlyList<ClaimedRun>> ClaimAsync(int max, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a run's slot back and wakes the waiting claimers.</summary>
    Task ReleaseAsync(ClaimedRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up a run's slot after a store fault left its state unknown: the slot expires at once, so that the next
    /// heartbeat (of any node) puts the run back in its queue if it is still Executing.
    /// </summary>
    Task AbandonAsync(ClaimedRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Renews this node's leases of the runs it is running (<paramref name="running"/>; a lease it lost track of is left
    /// to expire) and puts back the runs of leases that expired; returns the run ids put back.
    /// </summary>
    Task<IReadOnlyList<string>> HeartbeatAsync(DateTimeOffset now, IReadOnlyCollection<string> running, CancellationToken cancellationToken);

    /// <summary>Waits until work may be ready (a publish, a release, a notification) or <paramref name="timeout"/> passes.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Runs waiting for a machine this node does not serve, for the log (at most a few).</summary>
    Task<IReadOnlyList<TaskRunInfo>> UnservedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>The queue of the no-op workload: 100 runs at once, as the peers get 100 threads or workers.</summary>
[TaskQueue("benchmarks-ping", ConcurrencyLimit = 100)]
public static class PingTaskConfig;

/// <summary>
/// The no-op task of the side-by-side benchmark, declared as a user declares a task: this project runs the
/// SchemaTasks generator, which writes <c>IPingTasker</c>, <c>PingSyncTasker</c> and <c>AddPingTasker</c> from it.
/// </summary>
public sealed class PingTaskService
{
    /// <summary>Does nothing but count itself done.</summary>
    /// <param name="payload">The validated payload.</param>
    [SchemaTask("benchmarks.ping", Config = typeof(PingTaskConfig), Description = "Does nothing; counts itself done.")]
    public Task PingAsync(PingPayload payload)
    {
        RunCountdown.Signal();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes one of the ping queue's slots until <see cref="QueueHold.Release"/>: the trigger-proper benchmark fills the
    /// queue with these, so that the pings it triggers stay queued while it is timed.
    /// </summary>
    /// <param name="payload">The validated payload (unused).</param>
    [SchemaTask("benchmarks.ping-hold", Config = typeof(PingTaskConfig), Description = "Holds a slot of the ping queue until released.")]
    public Task HoldAsync(PingPayload payload) => QueueHold.HoldAsync();
}

namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// Holds the ping queue full for the trigger-proper benchmark: <see cref="PingTaskService.HoldAsync"/> runs take every
/// one of the queue's <c>ConcurrencyLimit</c> slots and wait here (asynchronously, no thread held) until
/// <see cref="Release"/>, so that the runs triggered meanwhile stay queued and none executes during the timed loop.
/// </summary>
internal static class QueueHold
{
    private static TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static TaskCompletionSource _allHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int _toHold;

    /// <summary>Arms the hold for <paramref name="runs"/> holding runs; the task completes when all of them are executing.</summary>
    public static Task Arm(int runs)
    {
        Volatile.Write(ref _released, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var allHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _allHeld, allHeld);
        Volatile.Write(ref _toHold, runs);
        return allHeld.Task;
    }

    /// <summary>A holding run's body: counts itself in, then waits for <see cref="Release"/>.</summary>
    public static Task HoldAsync()
    {
        var released = Volatile.Read(ref _released).Task;
        if (Interlocked.Decrement(ref _toHold) == 0)
        {
            Volatile.Read(ref _allHeld).TrySetResult();
        }

        return released;
    }

    /// <summary>Lets the holding runs end, which frees their slots for the queued runs.</summary>
    public static void Release() => Volatile.Read(ref _released).TrySetResult();
}

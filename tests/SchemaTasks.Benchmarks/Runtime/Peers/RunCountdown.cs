namespace SchemaTasks.Benchmarks.Runtime.Peers;

/// <summary>
/// Counts the no-op runs of one benchmark invocation down to zero, whatever runtime runs them: every peer's job
/// body calls <see cref="Signal"/>, so all of them are timed to the same point, the last body done.
/// </summary>
internal static class RunCountdown
{
    private static int _remaining;
    private static TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Arms the countdown for <paramref name="runs"/> runs; the task completes when the last one signals.</summary>
    public static Task Start(int runs)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _done, done);
        Volatile.Write(ref _remaining, runs);
        return done.Task;
    }

    /// <summary>One run's body is done.</summary>
    public static void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            Volatile.Read(ref _done).TrySetResult();
        }
    }

    /// <summary>Waits for the countdown, failing the benchmark instead of hanging it when runs go missing.</summary>
    public static async Task WaitAsync(Task done)
    {
        try
        {
            await done.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"{Volatile.Read(ref _remaining)} runs did not complete within 60 s.", ex);
        }
    }
}

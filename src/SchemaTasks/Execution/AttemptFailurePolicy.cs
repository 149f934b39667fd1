namespace SchemaTasks.Execution;

/// <summary>
/// Decides what follows a failed attempt: abort (or a service parameter DI cannot resolve), out of memory (one step up to the OOM machine), or the task's
/// retry formula with the run's <see cref="TriggerOptions.MaxAttempts"/> override. Pure, so that every backend
/// and the sync runner decide alike.
/// </summary>
internal static class AttemptFailurePolicy
{
    /// <summary>The delay and machine of the next attempt, or null when the run fails now.</summary>
    public static (TimeSpan Delay, Machine Machine)? NextAttempt(
        TaskDefinition task, Exception exception, int failedAttempts, Machine currentMachine, int? maxAttemptsOverride, Random random)
    {
        // A service parameter the container cannot resolve is a setup error: every retry would fail the same way.
        if (exception is AbortTaskRunException or TaskServiceResolutionException)
        {
            return null;
        }

        var retry = maxAttemptsOverride is { } max ? task.Retry with { MaxAttempts = max } : task.Retry;
        if (IsOutOfMemory(exception))
        {
            // One step up, no chain: an attempt already on the OOM machine (or with no OOM machine set) fails the run.
            if (retry.OutOfMemoryMachine is not { } bigger || bigger == currentMachine)
            {
                return null;
            }

            return retry.NextDelay(failedAttempts, random) is { } oomDelay ? (oomDelay, bigger) : null;
        }

        return retry.NextDelay(failedAttempts, random) is { } delay ? (delay, currentMachine) : null;
    }

    public static bool IsOutOfMemory(Exception exception) =>
        exception is OutOfMemoryException or InsufficientMemoryException;
}

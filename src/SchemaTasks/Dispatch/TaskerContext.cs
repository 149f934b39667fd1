using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SchemaTasks.Diagnostics;

namespace SchemaTasks;

/// <summary>
/// What every generated Tasker shares: the mode read once at start from <c>ENABLE_ASYNC_TASKER</c>
/// (or <see cref="SchemaTasksOptions.Mode"/>) and whether a failed enqueue falls back to the sync tasker.
/// </summary>
public sealed class TaskerContext
{
    /// <summary>Creates the context from the resolved options.</summary>
    /// <param name="options">The SchemaTasks options; their mode is already resolved.</param>
    /// <param name="logger">The logger of the Taskers.</param>
    public TaskerContext(IOptions<SchemaTasksOptions> options, ILogger<Tasker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Mode = value.Mode ?? TaskRunMode.Async;
        FallbackToSync = value.FallbackToSync;
        Logger = logger ?? NullLogger<Tasker>.Instance;
    }

    /// <summary>Whether taskers enqueue (<see cref="TaskRunMode.Async"/>) or run inline.</summary>
    public TaskRunMode Mode { get; }

    /// <summary>Whether a failed enqueue runs the task inline instead.</summary>
    public bool FallbackToSync { get; }

    /// <summary>The logger of the Taskers.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The pattern's dispatch rule, shared by the generated Taskers and the scheduler: sync mode calls
    /// <paramref name="runSync"/>; async mode calls <paramref name="triggerAsync"/> and, when the backend cannot accept
    /// the run because it failed (<see cref="TaskEnqueueException.AllowsFallbackToSync"/>) and <see cref="FallbackToSync"/>
    /// is on, logs a warning and calls <paramref name="runSync"/>; a backend that refuses because the host is stopping or
    /// it is full is not answered inline (that would drop the run's delay, TTL and limits). Any other error, validation included, is the caller's. The state is passed through
    /// so that callers on a hot path need no closure. Not an async method: a trigger that completes at once (the
    /// in-process backend's) is handed back as it is, with no state machine of its own on every call; an exception
    /// either delegate throws is returned in the task, as an async method would.
    /// </summary>
    internal Task<TResult> DispatchAsync<TState, TResult>(
        string taskId,
        TState state,
        Func<TState, Task<TResult>> triggerAsync,
        Func<TState, Task<TResult>> runSync,
        ILogger logger)
    {
        if (Mode == TaskRunMode.Sync)
        {
            return Call(runSync, state);
        }

        var triggered = Call(triggerAsync, state);
        return triggered.IsCompletedSuccessfully || !FallbackToSync
            ? triggered
            : FallBackWhenEnqueueFailsAsync(triggered, taskId, state, runSync, logger);
    }

    private static Task<TResult> Call<TState, TResult>(Func<TState, Task<TResult>> call, TState state)
    {
        try
        {
            return call(state);
        }
#pragma warning disable CA1031 // Handed back in the task, as the async method this replaces did: the caller awaits it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<TResult>(ex);
        }
    }

    private static async Task<TResult> FallBackWhenEnqueueFailsAsync<TState, TResult>(
        Task<TResult> triggered, string taskId, TState state, Func<TState, Task<TResult>> runSync, ILogger logger)
    {
        try
        {
            return await triggered.ConfigureAwait(false);
        }
        catch (TaskEnqueueException ex) when (ex.AllowsFallbackToSync)
        {
            SchemaTasksLog.EnqueueFailedFallingBackToSync(logger, taskId, ex);
            return await runSync(state).ConfigureAwait(false);
        }
    }
}

namespace SchemaTasks;

/// <summary>
/// The pattern's base Tasker: dispatches each call to the async (trigger) tasker or to the sync tasker, by the mode
/// read once at start. Generated <c>&lt;Domain&gt;Tasker</c>s derive from <see cref="GeneratedTasker"/>, which
/// dispatches the same way with no delegate per call; derive from this class for a tasker written by hand. When the
/// async path cannot enqueue, it logs a warning and runs the sync tasker inline (unless disabled). A
/// validation failure never falls back: it throws.
/// </summary>
public abstract class Tasker
{
    private readonly TaskerContext _context;

    /// <summary>Creates the tasker.</summary>
    /// <param name="context">The shared mode and fallback settings.</param>
    protected Tasker(TaskerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Whether this tasker enqueues or runs inline.</summary>
    public TaskRunMode Mode => _context.Mode;

    /// <summary>The shared mode and fallback settings, for <see cref="GeneratedTasker"/>'s dispatch.</summary>
    private protected TaskerContext Context => _context;

    /// <summary>Dispatches one call to <paramref name="triggerAsync"/> or <paramref name="runSync"/>.</summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="triggerAsync">The trigger tasker's method.</param>
    /// <param name="runSync">The sync tasker's method.</param>
    protected Task<TaskRunHandle> DispatchAsync<TPayload>(
        TaskDefinition<TPayload> task,
        TPayload payload,
        TriggerOptions? options,
        CancellationToken cancellationToken,
        Func<TPayload, TriggerOptions?, CancellationToken, Task<TaskRunHandle>> triggerAsync,
        Func<TPayload, TriggerOptions?, CancellationToken, Task<TaskRunHandle>> runSync)
        where TPayload : notnull
    {
        // Not async (no state machine per call): the context's dispatch hands back the trigger's own task. A missing
        // argument is reported in the task, as the async method this was did.
        if (task is null || triggerAsync is null || runSync is null)
        {
            return Task.FromException<TaskRunHandle>(new ArgumentNullException(
                task is null ? nameof(task) : triggerAsync is null ? nameof(triggerAsync) : nameof(runSync)));
        }

        return _context.DispatchAsync(
            task.Id,
            (Payload: payload, Options: options, Token: cancellationToken, Trigger: triggerAsync, Sync: runSync),
            static call => call.Trigger(call.Payload, call.Options, call.Token),
            static call => call.Sync(call.Payload, call.Options, call.Token),
            _context.Logger);
    }
}

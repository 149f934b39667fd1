using System.ComponentModel;

namespace SchemaTasks;

/// <summary>
/// The base of every generated <c>&lt;Domain&gt;Tasker</c>: a <see cref="Tasker"/> that holds the trigger and the sync
/// runner its trigger and sync taskers forward to, so that each generated method is one call with an explicit payload
/// type (<c>DispatchTaskAsync&lt;TPayload&gt;(task, payload, options, cancellationToken)</c>) instead of a call that
/// infers the payload type and converts two method groups to delegates: the generated code stays cheap to compile.
/// Infrastructure for generated code; not meant to be derived from by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GeneratedTasker : Tasker
{
    private readonly ITaskTrigger _trigger;
    private readonly ISyncTaskRunner _sync;

    /// <summary>Creates the tasker.</summary>
    /// <param name="context">The shared mode and fallback settings.</param>
    /// <param name="trigger">What the domain's trigger tasker forwards to: validates, then enqueues.</param>
    /// <param name="sync">What the domain's sync tasker forwards to: validates, then runs inline.</param>
    protected GeneratedTasker(TaskerContext context, ITaskTrigger trigger, ISyncTaskRunner sync)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(sync);
        _trigger = trigger;
        _sync = sync;
    }

    /// <summary>
    /// Dispatches one call by the tasker mode, as <see cref="Tasker"/>'s <c>DispatchAsync</c> does: to the trigger
    /// (what the trigger tasker calls) or the sync runner (what the sync tasker calls).
    /// </summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handle of the run.</returns>
    protected Task<TaskRunHandle> DispatchTaskAsync<TPayload>(
        TaskDefinition<TPayload> task,
        TPayload payload,
        TriggerOptions? options,
        CancellationToken cancellationToken)
        where TPayload : notnull
    {
        ArgumentNullException.ThrowIfNull(task);
        return Context.DispatchAsync(
            task.Id,
            (Task: task, Trigger: _trigger, Sync: _sync, Payload: payload, Options: options, Token: cancellationToken),
            static call => call.Trigger.TriggerAsync(call.Task, call.Payload, call.Options, call.Token),
            static call => call.Sync.RunAsync(call.Task, call.Payload, call.Options, call.Token),
            Context.Logger);
    }
}

using System.ComponentModel;

namespace SchemaTasks;

/// <summary>
/// The base of every generated <c>&lt;Domain&gt;Tasker</c>: a <see cref="Tasker"/> that holds the trigger and the sync
/// runner its trigger and sync taskers forward to, so that each generated method is one non-generic call
/// (<c>DispatchTaskAsync(task, payload, options, cancellationToken)</c>) instead of a call that infers the payload
/// type and converts two method groups to delegates: the generated code stays cheap to compile.
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
    /// (what the trigger tasker calls) or the sync runner (what the sync tasker calls). Not generic: the definition
    /// reads <paramref name="payload"/> as its payload type, so the user's compiler binds one shared method.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="payload">A payload of the task's payload type.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The handle of the run.</returns>
    protected Task<TaskRunHandle> DispatchTaskAsync(TaskDefinition task, object payload, TriggerOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.DispatchAsync(Context, _trigger, _sync, payload, options, cancellationToken);
    }
}

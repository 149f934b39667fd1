using System.ComponentModel;

namespace SchemaTasks;

/// <summary>
/// What each method of a generated <c>&lt;Domain&gt;TriggerTasker</c> and <c>&lt;Domain&gt;SyncTasker</c> calls:
/// <see cref="ITaskTrigger.TriggerAsync{TPayload}"/> and <see cref="ISyncTaskRunner.RunAsync{TPayload}"/> behind one
/// non-generic method each, the definition supplying the payload type. The user's compiler then binds one shared
/// method per call instead of a generic instantiation per task. Infrastructure for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedTaskCalls
{
    /// <summary>
    /// Calls <paramref name="trigger"/>'s <see cref="ITaskTrigger.TriggerAsync{TPayload}"/> with <paramref name="task"/>
    /// and <paramref name="payload"/> read as the task's payload type: validates, then enqueues a run.
    /// </summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="task">The task.</param>
    /// <param name="payload">A payload of the task's payload type.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the trigger (not the run).</param>
    /// <returns>The handle of the run.</returns>
    public static Task<TaskRunHandle> TriggerAsync(ITaskTrigger trigger, TaskDefinition task, object payload, TriggerOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(task);
        return task.TriggerAsync(trigger, payload, options, cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="runner"/>'s <see cref="ISyncTaskRunner.RunAsync{TPayload}"/> with <paramref name="task"/>
    /// and <paramref name="payload"/> read as the task's payload type: validates, then runs the task inline.
    /// </summary>
    /// <param name="runner">The sync runner.</param>
    /// <param name="task">The task.</param>
    /// <param name="payload">A payload of the task's payload type.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The handle of the run.</returns>
    public static Task<TaskRunHandle> RunAsync(ISyncTaskRunner runner, TaskDefinition task, object payload, TriggerOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(task);
        return task.RunAsync(runner, payload, options, cancellationToken);
    }
}

namespace SchemaTasks;

/// <summary>
/// The async path of the pattern: validates a payload and enqueues a run on the configured backend.
/// Generated <c>&lt;Domain&gt;TriggerTasker</c> classes call it.
/// </summary>
public interface ITaskTrigger
{
    /// <summary>
    /// Validates <paramref name="payload"/> (throws <see cref="FluentValidation.ValidationException"/> with every
    /// error when invalid, and enqueues nothing), then enqueues a run. Throws <see cref="TaskEnqueueException"/>
    /// when the backend cannot accept it.
    /// </summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The trigger options.</param>
    /// <param name="cancellationToken">Cancels the trigger (not the run).</param>
    Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
        where TPayload : notnull;
}

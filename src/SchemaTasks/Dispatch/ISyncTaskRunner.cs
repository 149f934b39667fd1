namespace SchemaTasks;

/// <summary>
/// The sync fallback of the pattern: validates a payload and runs the task inline, in a new DI scope per
/// attempt. Generated <c>&lt;Domain&gt;SyncTasker</c> classes call it.
/// </summary>
public interface ISyncTaskRunner
{
    /// <summary>
    /// Validates <paramref name="payload"/> (throws <see cref="FluentValidation.ValidationException"/> when
    /// invalid), runs the task inline with its retry policy, and returns when the run ends. Throws
    /// <see cref="TaskRunFailedException"/> when the run does not complete.
    /// </summary>
    /// <typeparam name="TPayload">The payload type.</typeparam>
    /// <param name="task">The task.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="options">The trigger options; those that cannot be honoured inline are logged.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    Task<TaskRunHandle> RunAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? options, CancellationToken cancellationToken)
        where TPayload : notnull;
}

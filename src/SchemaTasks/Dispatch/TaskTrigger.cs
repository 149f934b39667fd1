using FluentValidation;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Diagnostics;

namespace SchemaTasks;

/// <summary>
/// The async path: validates, serializes the payload to JSON with <see cref="SchemaTasksOptions.JsonSerializerOptions"/>
/// and hands a <see cref="TaskRunRequest"/> to the registered <see cref="ITaskBackend"/>. Any backend error
/// becomes a <see cref="TaskEnqueueException"/>, which the Tasker may answer by running inline.
/// </summary>
internal sealed class TaskTrigger(
    ITaskBackend backend,
    PayloadValidation validation,
    SchemaTasksOptions options,
    ILogger logger) : ITaskTrigger
{
    public async Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? triggerOptionsOrNull, CancellationToken cancellationToken)
        where TPayload : notnull
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(payload);
        var triggerOptions = TriggerOptionsGuard.Check(triggerOptionsOrNull);

        using var activity = TriggerSpan.Start(task, TaskRunMode.Async);
        try
        {
            await validation.ThrowIfInvalidAsync(task, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            SchemaTasksLog.TriggerPayloadInvalid(logger, task.Id, ValidationFailureLog.Format(ex.Errors, options.LogPayloads));
            TriggerSpan.SetOutcome(activity, "invalid", ValidationFailureLog.Format(ex.Errors, options.LogPayloads));
            throw;
        }

        var json = task.SerializePayload(payload, options.JsonSerializerOptions);
        TaskRunHandle handle;
        try
        {
            handle = await backend.EnqueueAsync(new TaskRunRequest(task, json, triggerOptions), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskEnqueueException ex)
        {
            TriggerSpan.SetOutcome(activity, "enqueue_failed", ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            TriggerSpan.SetOutcome(activity, "enqueue_failed", ex.Message);
            throw new TaskEnqueueException(task.Id, ex);
        }

        activity?.SetTag(SchemaTasksTelemetry.RunIdTag, handle.RunId);
        return handle;
    }
}

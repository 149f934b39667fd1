using System.Diagnostics;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchemaTasks.Backends;
using SchemaTasks.Diagnostics;
using SchemaTasks.Execution;

namespace SchemaTasks;

/// <summary>
/// The async path: validates, serializes the payload to JSON with <see cref="SchemaTasksOptions.JsonSerializerOptions"/>
/// and hands a <see cref="TaskRunRequest"/> to the registered <see cref="ITaskBackend"/>. Any backend error
/// becomes a <see cref="TaskEnqueueException"/>, which the Tasker may answer by running inline.
/// </summary>
internal sealed class TaskTrigger(
    ITaskBackend backend,
    IServiceScopeFactory scopes,
    SchemaTasksOptions options,
    ILogger logger) : ITaskTrigger
{
    public async Task<TaskRunHandle> TriggerAsync<TPayload>(TaskDefinition<TPayload> task, TPayload payload, TriggerOptions? triggerOptionsOrNull, CancellationToken cancellationToken)
        where TPayload : notnull
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(payload);
        var triggerOptions = TriggerOptionsGuard.Check(triggerOptionsOrNull);

        using var activity = StartTriggerActivity(task, TaskRunMode.Async);
        try
        {
            await PayloadValidation.ThrowIfInvalidAsync(scopes, task, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            SchemaTasksLog.TriggerPayloadInvalid(logger, task.Id, string.Join("; ", ex.Errors.Select(error => error.ErrorMessage)));
            SetOutcome(activity, "invalid", ex.Message);
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
            SetOutcome(activity, "enqueue_failed", ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            SetOutcome(activity, "enqueue_failed", ex.Message);
            throw new TaskEnqueueException(task.Id, ex);
        }

        activity?.SetTag(SchemaTasksTelemetry.RunIdTag, handle.RunId);
        return handle;
    }

    /// <summary>The span of one trigger; backends tag it with the outcome (enqueued or deduplicated).</summary>
    internal static Activity? StartTriggerActivity(TaskDefinition task, TaskRunMode mode)
    {
        var activity = SchemaTasksTelemetry.ActivitySource.StartActivity(SchemaTasksTelemetry.TriggerActivityName, ActivityKind.Producer);
        if (activity is not null)
        {
            activity.DisplayName = $"trigger {task.Id}";
            activity.SetTag(SchemaTasksTelemetry.TaskIdTag, task.Id);
            activity.SetTag(SchemaTasksTelemetry.QueueTag, task.Queue.Name);
            activity.SetTag(SchemaTasksTelemetry.ModeTag, TaskExecutor.ModeName(mode));
        }

        return activity;
    }

    internal static void SetOutcome(Activity? activity, string outcome, string? error = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(SchemaTasksTelemetry.OutcomeTag, outcome);
        if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error);
        }
    }
}

using System.Diagnostics;

namespace SchemaTasks.Diagnostics;

/// <summary>
/// The span around one trigger, shared by the async path (<see cref="TaskTrigger"/>) and the sync runner so that
/// both name and tag it alike; the run store tags it with the created run (<c>TaskRunStoreExtensions.CreateRunAsync</c>).
/// </summary>
internal static class TriggerSpan
{
    /// <summary>Starts the span of one trigger; backends tag it with the outcome (enqueued or deduplicated).</summary>
    public static Activity? Start(TaskDefinition task, TaskRunMode mode)
    {
        var activity = SchemaTasksTelemetry.ActivitySource.StartActivity(SchemaTasksTelemetry.TriggerActivityName, ActivityKind.Producer);
        if (activity is not null)
        {
            activity.DisplayName = $"trigger {task.Id}";
            activity.SetTag(SchemaTasksTelemetry.TaskIdTag, task.Id);
            activity.SetTag(SchemaTasksTelemetry.QueueTag, task.Queue.Name);
            activity.SetTag(SchemaTasksTelemetry.ModeTag, SchemaTasksTelemetry.ModeName(mode));
        }

        return activity;
    }

    /// <summary>Tags how the trigger ended; an error also marks the span failed.</summary>
    public static void SetOutcome(Activity? activity, string outcome, string? error = null)
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

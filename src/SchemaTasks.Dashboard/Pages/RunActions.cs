using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>Cancel, replay and reschedule, through <see cref="ITaskRuns"/>.</summary>
internal static class RunActions
{
    public static async Task<IResult> CancelAsync(DashboardContext context, string runId)
    {
        var run = await context.Runs.CancelAsync(runId, "Canceled from the dashboard.", context.Aborted).ConfigureAwait(false);
        return run is null
            ? Results.Json(new ActionOutcome(false, $"No run '{runId}' is known."), statusCode: StatusCodes.Status404NotFound)
            : Results.Json(new ActionOutcome(run.Status == TaskRunStatus.Canceled, $"The run is {run.Status}.", run.RunId));
    }

    public static async Task<IResult> ReplayAsync(DashboardContext context, string runId)
    {
        try
        {
            var handle = await context.Runs.ReplayAsync(runId, null, context.Aborted).ConfigureAwait(false);
            return Results.Json(new ActionOutcome(true, $"Replayed as run {handle.RunId}.", handle.RunId));
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status409Conflict);
        }
        catch (ValidationException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message, Errors: [.. ex.Errors.Select(f => new PayloadError(f.PropertyName, f.ErrorMessage))]),
                statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (TaskEnqueueException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (TaskRunFailedException ex)
        {
            return Results.Json(new ActionOutcome(true, $"The replay ran inline and ended {ex.Run.Status}.", ex.Run.RunId));
        }
    }

    public static async Task<IResult> RescheduleAsync(DashboardContext context, string runId)
    {
        var form = await context.Http.Request.ReadFormAsync(context.Aborted).ConfigureAwait(false);
        if (!int.TryParse(form["delaySeconds"], out var seconds) || seconds < 0)
        {
            return Results.Json(new ActionOutcome(false, "The delay must be a whole number of seconds, zero or more."), statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var run = await context.Runs.RescheduleAsync(runId, TimeSpan.FromSeconds(seconds), context.Aborted).ConfigureAwait(false);
            return Results.Json(new ActionOutcome(true, $"Rescheduled: due {Rendering.Html.Time(run.DelayUntil)} UTC.", run.RunId));
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status404NotFound);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status409Conflict);
        }
    }
}

using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SchemaTasks.Dashboard.Pages;

/// <summary>The Test page's action: read the JSON payload, validate it, and trigger it async or sync.</summary>
internal static class TestActions
{
    /// <summary>The tag every run triggered from the Test page carries.</summary>
    public const string TestTag = "dashboard:test";

    public static async Task<IResult> SubmitAsync(DashboardContext context, string taskId)
    {
        var task = context.FindTask(taskId);
        if (task is null)
        {
            return Results.Json(new ActionOutcome(false, $"No task '{taskId}' is registered in this host."), statusCode: StatusCodes.Status404NotFound);
        }

        var form = await context.Http.Request.ReadFormAsync(context.Aborted).ConfigureAwait(false);
        var mode = form["mode"].ToString();
        var json = form["payload"].ToString();

        object payload;
        try
        {
            payload = task.DeserializePayload(json, context.RuntimeOptions.JsonSerializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            var path = ex is JsonException { Path: { } jsonPath } ? jsonPath : "";
            return Invalid($"The payload is not a {task.PayloadType.Name} in JSON.", [new PayloadError(path, ex.Message)]);
        }

        IReadOnlyList<FluentValidation.Results.ValidationFailure> failures;
        var scope = context.Http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            failures = await task.ValidateAsync(scope.ServiceProvider, payload, context.Aborted).ConfigureAwait(false);
        }

        if (failures.Count > 0)
        {
            return Invalid("The payload is invalid: nothing was triggered.", [.. failures.Select(f => new PayloadError(f.PropertyName, f.ErrorMessage))]);
        }

        if (mode == "validate")
        {
            return Results.Json(new ActionOutcome(true, "The payload is valid."));
        }

        if (mode is not ("async" or "sync"))
        {
            return Results.Json(new ActionOutcome(false, "Choose async, sync or validate."), statusCode: StatusCodes.Status400BadRequest);
        }

        var delay = int.TryParse(form["delaySeconds"], out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var tags = form["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(TestTag).Distinct(StringComparer.Ordinal).ToList();
        var options = new TriggerOptions { Delay = delay, Tags = tags };
        var services = context.Http.RequestServices;
        var tasker = new TaskerContext(
            Microsoft.Extensions.Options.Options.Create(new SchemaTasksOptions { Mode = mode == "sync" ? TaskRunMode.Sync : TaskRunMode.Async, FallbackToSync = false }),
            services.GetService<ILogger<Tasker>>());
        try
        {
            // A sync run belongs to no page: leaving the page does not cancel it.
            var token = mode == "sync" ? CancellationToken.None : context.Aborted;
            var handle = await task.DispatchAsync(
                tasker, services.GetRequiredService<ITaskTrigger>(), services.GetRequiredService<ISyncTaskRunner>(), payload, options, token).ConfigureAwait(false);
            return Results.Json(new ActionOutcome(true, $"Triggered {mode}: run {handle.RunId}.", handle.RunId));
        }
        catch (TaskRunFailedException ex)
        {
            return Results.Json(new ActionOutcome(true, $"The sync run ended {ex.Run.Status}.", ex.Run.RunId));
        }
        catch (ValidationException ex)
        {
            return Invalid("The payload is invalid: nothing was triggered.", [.. ex.Errors.Select(f => new PayloadError(f.PropertyName, f.ErrorMessage))]);
        }
        catch (TaskEnqueueException ex)
        {
            return Results.Json(new ActionOutcome(false, ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult Invalid(string message, IReadOnlyList<PayloadError> errors) =>
        Results.Json(new ActionOutcome(false, message, Errors: errors), statusCode: StatusCodes.Status422UnprocessableEntity);
}

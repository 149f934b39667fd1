using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Dashboard;
using SchemaTasks.Dashboard.Pages;
using SchemaTasks.Dashboard.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the SchemaTasks dashboard.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard under <paramref name="prefix"/>: the Tasks, Runs, Queues, Test and Advice pages, their
    /// live fragments, the actions (trigger, cancel, replay, reschedule; each checks an antiforgery token) and the
    /// dashboard's own assets. It reads and acts only through <see cref="SchemaTasks.ITaskRuns"/> and the registered
    /// task definitions, so it works on every backend. Without authorization metadata on its endpoints it answers
    /// local requests only; call <c>.RequireAuthorization(...)</c> on the returned builder to open it to the users a
    /// policy admits. Requires <c>services.AddSchemaTasks()</c> and <c>services.AddSchemaTasksDashboard()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder (a <c>WebApplication</c>).</param>
    /// <param name="prefix">The path the dashboard lives under; default <c>/schematasks</c>.</param>
    /// <returns>The convention builder of every dashboard endpoint, e.g. for <c>.RequireAuthorization("admins")</c>.</returns>
    public static IEndpointConventionBuilder MapSchemaTasksDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/schematasks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<DashboardMarker>() is null || endpoints.ServiceProvider.GetService<IAntiforgery>() is null)
        {
            throw new InvalidOperationException(
                "The SchemaTasks dashboard's services are not registered: call services.AddSchemaTasksDashboard() before building the app.");
        }

        if (endpoints.ServiceProvider.GetService<SchemaTasks.ITaskRuns>() is null)
        {
            throw new InvalidOperationException(
                "The SchemaTasks runtime is not registered: call services.AddSchemaTasks() (and the generated Add<Domain>Tasker()) before building the app.");
        }

        prefix = "/" + prefix.Trim('/');
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(LocalRequestsFilter.InvokeAsync);
        group.WithMetadata(new ExcludeFromDescriptionAttribute());

        group.MapGet("/", (HttpContext http) => Results.Redirect(DashboardContext.BaseUrl(http, prefix) + "/tasks"));
        group.MapGet("/assets/{name}", DashboardAssets.Serve);

        group.MapGet("/tasks", Page(prefix, TasksPage.RenderAsync));
        group.MapGet("/runs", Page(prefix, RunsPage.RenderAsync));
        group.MapGet("/runs/{runId}", (HttpContext http, string runId) => RunDetailPage.RenderAsync(DashboardContext.Create(http, prefix), runId));
        group.MapGet("/queues", Page(prefix, QueuesPage.RenderAsync));
        group.MapGet("/test", Page(prefix, TestPage.RenderAsync));
        group.MapGet("/advice", Page(prefix, AdvicePage.RenderAsync));

        var actions = group.MapGroup("/actions");
        actions.AddEndpointFilter(AntiforgeryFilter.InvokeAsync);
        actions.DisableAntiforgery(); // validated by AntiforgeryFilter, whether or not the app uses UseAntiforgery()
        actions.MapPost("/test/{taskId}", (HttpContext http, string taskId) => TestActions.SubmitAsync(DashboardContext.Create(http, prefix), taskId));
        actions.MapPost("/runs/{runId}/cancel", (HttpContext http, string runId) => RunActions.CancelAsync(DashboardContext.Create(http, prefix), runId));
        actions.MapPost("/runs/{runId}/replay", (HttpContext http, string runId) => RunActions.ReplayAsync(DashboardContext.Create(http, prefix), runId));
        actions.MapPost("/runs/{runId}/reschedule", (HttpContext http, string runId) => RunActions.RescheduleAsync(DashboardContext.Create(http, prefix), runId));
        return group;
    }

    // A typed delegate, so that minimal APIs write the returned IResult (a plain RequestDelegate would discard it).
    private static Func<HttpContext, Task<IResult>> Page(string prefix, Func<DashboardContext, Task<IResult>> render) =>
        http => render(DashboardContext.Create(http, prefix));
}

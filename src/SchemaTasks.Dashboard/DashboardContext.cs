using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SchemaTasks.Backends;

namespace SchemaTasks.Dashboard;

/// <summary>What a page or an action needs for one request: the services, the options and its own URL.</summary>
internal sealed class DashboardContext
{
    private DashboardContext(HttpContext http, string prefix)
    {
        Http = http;
        var services = http.RequestServices;
        Options = services.GetRequiredService<IOptions<SchemaTasksDashboardOptions>>().Value;
        Runs = services.GetRequiredService<ITaskRuns>();
        Store = services.GetService<ITaskRunStore>();
        Tasks = services.GetServices<TaskDefinition>().GroupBy(t => t.Id, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        Time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        RuntimeOptions = services.GetService<IOptions<SchemaTasksOptions>>()?.Value ?? new SchemaTasksOptions();
        Base = BaseUrl(http, prefix);
        var environment = services.GetService<IHostEnvironment>();
        ShowPayloads = Options.ShowPayloads ?? environment?.IsDevelopment() ?? false;
    }

    public HttpContext Http { get; }

    public SchemaTasksDashboardOptions Options { get; }

    public ITaskRuns Runs { get; }

    public ITaskRunStore? Store { get; }

    public IReadOnlyList<TaskDefinition> Tasks { get; }

    public TimeProvider Time { get; }

    public SchemaTasksOptions RuntimeOptions { get; }

    /// <summary>The dashboard's root URL path, path base included, without a trailing slash.</summary>
    public string Base { get; }

    public bool ShowPayloads { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Whether the page is asked for its live region only (<c>?partial=1</c>).</summary>
    public bool Partial => Http.Request.Query["partial"] == "1";

    public TaskDefinition? FindTask(string? id) => id is null ? null : Tasks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public string? Query(string name) => Http.Request.Query[name] is { Count: > 0 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    /// <summary>The request token of antiforgery; also stores the cookie token in the response.</summary>
    public AntiforgeryTokenSet AntiforgeryTokens() =>
        Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);

    public static DashboardContext Create(HttpContext http, string prefix) => new(http, prefix);

    public static string BaseUrl(HttpContext http, string prefix) => http.Request.PathBase.Value?.TrimEnd('/') + prefix;
}
